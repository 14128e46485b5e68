#include "what_if.hpp"

#include <QRegularExpression>
#include <QStringList>

namespace immersim::gui {

namespace {

QString seconds(time_ns t) {
    return QString::number(static_cast<double>(t) / ns_per_s, 'f', 3) + "s";
}

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

QString fault_entry(what_if_fault kind, const QString& node, time_ns at, time_ns lasting) {
    return kind == what_if_fault::crash ? QString("{ at: %1, crash: %2, restart: %3 }")
                                              .arg(seconds(at), node, seconds(at + lasting))
                                        : QString("{ at: %1, isolate: %2, heal: %3 }")
                                              .arg(seconds(at), node, seconds(at + lasting));
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

} // namespace immersim::gui
