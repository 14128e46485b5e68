#include "what_if.hpp"

#include "immersim/net/faults.hpp"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

namespace immersim::gui {

namespace {

const QRegularExpression block_key(R"(^faults:\s*(#.*)?$)");
const QRegularExpression flow_key(R"(^faults:\s*\[)");
const QRegularExpression item(R"(^(\s+)-(\s|$))");

int indent_of(const QString& line) {
    int n = 0;
    while (n < line.size() && line[n] == ' ')
        ++n;
    return n;
}

bool blank_or_comment(const QString& line) {
    const QString t = line.trimmed();
    return t.isEmpty() || t.startsWith('#');
}

// The lines [first, end) of each item of the block list whose key is at `key`.
std::vector<std::pair<int, int>> block_items(const QStringList& lines, int key) {
    std::vector<std::pair<int, int>> items;
    int dash = -1;
    for (int i = key + 1; i < lines.size(); ++i) {
        if (blank_or_comment(lines[i]))
            continue;
        const auto m = item.match(lines[i]);
        if (m.hasMatch() && (dash < 0 || indent_of(lines[i]) == dash)) {
            dash = indent_of(lines[i]);
            if (!items.empty())
                items.back().second = i;
            items.emplace_back(i, static_cast<int>(lines.size()));
        } else if (dash < 0 || indent_of(lines[i]) <= dash) {
            if (!items.empty())
                items.back().second = i; // the list ended
            break;
        }
    }
    // Trailing blank lines and comments belong to what follows.
    if (!items.empty())
        while (items.back().second - 1 > items.back().first &&
               blank_or_comment(lines[items.back().second - 1]))
            --items.back().second;
    return items;
}

} // namespace

QString seconds(time_ns t) {
    return QString::number(static_cast<double>(t) / ns_per_s, 'f', 3) + "s";
}

QString fault_entry(what_if_fault kind, const QString& node, const QString& at,
                    const QString& until) {
    return QString(kind == what_if_fault::crash ? "{ at: %1, crash: %2, restart: %3 }"
                                                : "{ at: %1, isolate: %2, heal: %3 }")
        .arg(at, node, until);
}

QString fault_entry(what_if_fault kind, const QString& node, time_ns at, time_ns lasting) {
    return fault_entry(kind, node, seconds(at), seconds(at + lasting));
}

QString partition_entry(const QStringList& side, const QStringList& rest, const QString& at,
                        const QString& heal) {
    return QString("{ at: %1, partition: [[%2], [%3]], heal: %4 }")
        .arg(at, side.join(", "), rest.join(", "), heal);
}

QString add_fault(const QString& yaml, const QString& entry) {
    QStringList lines = yaml.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (block_key.match(lines[i]).hasMatch()) {
            const auto items = block_items(lines, i);
            const int at = items.empty() ? i + 1 : items.back().second;
            const int indent = items.empty() ? 2 : indent_of(lines[items.front().first]);
            lines.insert(at, QString(indent, ' ') + "- " + entry);
            return lines.join('\n');
        }
        if (const auto m = flow_key.match(lines[i]); m.hasMatch()) {
            const QString rest = lines[i].mid(m.capturedEnd()).trimmed();
            lines[i].insert(m.capturedEnd(),
                            rest.startsWith(']') ? " " + entry + " " : " " + entry + ",");
            return lines.join('\n');
        }
    }
    QString text = yaml;
    if (!text.isEmpty() && !text.endsWith('\n'))
        text += '\n';
    return text + "faults:\n  - " + entry + "\n";
}

std::optional<QString> remove_fault(const QString& yaml, std::size_t index) {
    QStringList lines = yaml.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (!block_key.match(lines[i]).hasMatch())
            continue;
        const auto items = block_items(lines, i);
        if (index >= items.size())
            return std::nullopt;
        const auto [first, end] = items[index];
        lines.erase(lines.begin() + first, lines.begin() + end);
        if (items.size() == 1) // an empty list would read as null: no faults at all
            lines.removeAt(i);
        return lines.join('\n');
    }
    return std::nullopt;
}

QStringList shortened(const std::vector<std::string>& names) {
    static const QRegularExpression numbered(R"(^(.*-)(\d+)$)");
    QStringList out;
    QString prefix;
    long first = -1, last = -1;
    const auto flush = [&] {
        if (first >= 0)
            out << (first == last ? prefix + QString::number(first)
                                  : QString("%1%2..%3").arg(prefix).arg(first).arg(last));
        first = last = -1;
    };
    for (const std::string& name : names) {
        const QString n = QString::fromStdString(name);
        const auto m = numbered.match(n);
        if (m.hasMatch() && first >= 0 && m.captured(1) == prefix &&
            m.captured(2).toLong() == last + 1) {
            last += 1;
            continue;
        }
        flush();
        // "client-007" is no number of a range: it stays whole.
        const bool plain = m.hasMatch() && (m.captured(2) == "0" || !m.captured(2).startsWith('0'));
        if (plain) {
            prefix = m.captured(1);
            first = last = m.captured(2).toLong();
        } else {
            out << n;
        }
    }
    flush();
    return out;
}

namespace {

QString exact(time_ns t) {
    return QString::fromStdString(format_duration(t));
}

std::vector<std::string> names_at(const std::vector<std::string>& names,
                                  const std::vector<net::node_id>& nodes) {
    std::vector<std::string> out;
    for (net::node_id n : nodes)
        out.push_back(names.at(n));
    return out;
}

// A nemesis strike and the time of its recovery as one line of `faults:`.
QString written_out(const net::timed_fault& strike, time_ns recovered,
                    const std::vector<std::string>& names) {
    if (strike.action.kind == net::fault_kind::partition) {
        // The nemesis names one side; a scenario names both (the rest is the other).
        const std::vector<net::node_id>& side = strike.action.groups.at(0);
        std::vector<net::node_id> rest;
        for (net::node_id n = 0; n < names.size(); ++n)
            if (!std::binary_search(side.begin(), side.end(), n))
                rest.push_back(n);
        return partition_entry(shortened(names_at(names, side)), shortened(names_at(names, rest)),
                               exact(strike.at), exact(recovered));
    }
    return fault_entry(what_if_fault::crash,
                       QString::fromStdString(names.at(strike.action.nodes.at(0))),
                       exact(strike.at), exact(recovered));
}

// The text without its top-level `nemesis:` key and what is indented under it.
QString without_nemesis(const QString& yaml) {
    QStringList lines = yaml.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (!lines[i].startsWith("nemesis:"))
            continue;
        int end = i + 1;
        while (end < lines.size() &&
               (lines[end].trimmed().isEmpty() || lines[end][0] == ' ' || lines[end][0] == '\t'))
            ++end;
        while (end - 1 > i && lines[end - 1].trimmed().isEmpty()) // blank lines stay
            --end;
        lines.erase(lines.begin() + i, lines.begin() + end);
        break;
    }
    return lines.join('\n');
}

} // namespace

std::optional<QString> write_out_nemesis(const QString& yaml, const scenario& world,
                                         std::uint64_t seed, std::optional<time_ns> without_at) {
    if (!world.nemesis.enabled())
        return std::nullopt;
    const std::vector<std::string> names = node_names(world.topology);
    const std::vector<net::timed_fault> drawn = net::nemesis_timeline(
        world.nemesis, names.size(), seed, world.duration_ns + world.drain_ns);
    bool found = !without_at;
    QString text = without_nemesis(yaml);
    for (std::size_t i = 0; i + 1 < drawn.size(); i += 2) { // strike, then its recovery
        if (without_at && drawn[i].at == *without_at && !found) {
            found = true;
            continue;
        }
        text = add_fault(text, written_out(drawn[i], drawn[i + 1].at, names));
    }
    if (!found)
        return std::nullopt;
    return text;
}

} // namespace immersim::gui
