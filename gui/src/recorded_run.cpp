#include "recorded_run.hpp"

#include <QRegularExpression>
#include <algorithm>
#include <iterator>
#include <unordered_map>

namespace immersim::gui {

namespace {

bool recovers(const trace_record& fault) {
    return fault.detail.rfind("heal", 0) == 0 || fault.detail.rfind("restart", 0) == 0;
}

} // namespace

void recorded_run::record(const trace_record& r) {
    if (!every_document() || r.kind == trace_kind::fault)
        return keep(r);
    trace_record keyed = r; // changes of different documents share numbers
    keyed.change = change_key(r.document, r.change);
    for (decision_reason& why : keyed.why)
        for (std::uint64_t* id : {&why.said.winner, &why.said.loser})
            if (*id != strategies::no_rival)
                *id = change_key(r.document, *id);
    keep(std::move(keyed));
}

void recorded_run::keep(trace_record r) {
    if (r.at_ns < window_from_ns) {
        carry(r);
        return;
    }
    if (records.size() >= record_cap) {
        truncated = true;
        return;
    }
    records.push_back(std::move(r));
}

// Every message arrives (the world sends on reliable channels only), so a send
// is in flight until its first delivery; a heal or restart ends every fault in
// force, as finish() reads the bands.
void recorded_run::carry(const trace_record& r) {
    const std::uint64_t order = seen_before_++;
    switch (r.kind) {
    case trace_kind::send:
        in_flight_.try_emplace(r.message, order, r);
        break;
    case trace_kind::deliver:
        in_flight_.erase(r.message);
        break;
    case trace_kind::fault:
        if (recovers(r))
            faults_in_force_.clear();
        else
            faults_in_force_.emplace_back(order, r);
        break;
    default:
        break;
    }
}

void recorded_run::put_carried_first() {
    std::vector<std::pair<std::uint64_t, trace_record>> first = std::move(faults_in_force_);
    for (auto& [id, sent] : in_flight_)
        first.push_back(std::move(sent));
    in_flight_.clear();
    std::sort(first.begin(), first.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    carried = first.size();
    std::vector<trace_record> all;
    all.reserve(first.size() + records.size());
    for (auto& [order, r] : first)
        all.push_back(std::move(r));
    std::move(records.begin(), records.end(), std::back_inserter(all));
    records = std::move(all);
}

void recorded_run::finish(time_ns end) {
    end_ns = end;
    put_carried_first();
    std::vector<std::size_t> open_faults;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const trace_record& r = records[i];
        switch (r.kind) {
        case trace_kind::send:
            message_index_.emplace(r.message, messages.size());
            messages.push_back({r.message, r.node, r.peer, r.at_ns, -1, r.change, i,
                                recorded_message::none, r.bytes, role_of(r.detail)});
            break;
        case trace_kind::deliver:
            if (const auto it = message_index_.find(r.message);
                it != message_index_.end() && messages[it->second].delivered_ns < 0) {
                messages[it->second].delivered_ns = r.at_ns;
                messages[it->second].deliver_record = i;
            }
            break;
        case trace_kind::conflict:
            conflicts.push_back(i);
            landmarks.push_back(i);
            break;
        case trace_kind::decision:
            decisions.push_back(i);
            if (loses_a_write(r))
                landmarks.push_back(i);
            break;
        case trace_kind::fault:
            if (recovers(r)) {
                for (std::size_t f : open_faults)
                    faults[f].until_ns = r.at_ns;
                open_faults.clear();
            } else {
                open_faults.push_back(faults.size());
                faults.push_back({r.at_ns, end, r.detail, r.nodes});
            }
            break;
        default: break;
        }
    }
    steps.reserve(records.size());
    for (const trace_record& r : records) {
        const bool send = r.kind == trace_kind::send, deliver = r.kind == trace_kind::deliver;
        steps.push_back(
            {send || deliver ? message_of(r) : recorded_message::none, r.node, send, deliver});
    }
}

std::size_t recorded_run::record_at(time_ns t) const {
    const auto it = std::upper_bound(records.begin(), records.end(), t,
                                     [](time_ns v, const trace_record& r) { return v < r.at_ns; });
    return it == records.begin() ? 0 : static_cast<std::size_t>(it - records.begin()) - 1;
}

} // namespace immersim::gui

namespace immersim::gui {

void recorded_run::nodes(const std::vector<node_facts>& per_node) {
    node_names.clear();
    node_clocks.clear();
    node_is_server.clear();
    node_documents.clear();
    for (const node_facts& n : per_node) {
        node_names.push_back(n.name);
        node_clocks.push_back(n.clock);
        node_is_server.push_back(n.server);
        node_documents.push_back(n.documents);
    }
}

std::size_t recorded_run::message_of(const trace_record& r) const {
    const auto it = message_index_.find(r.message);
    return it == message_index_.end() ? recorded_message::none : it->second;
}

std::size_t recorded_run::operation_of(std::uint64_t change, std::size_t before) const {
    for (std::size_t i = std::min(before + 1, records.size()); i-- > 0;)
        if (records[i].kind == trace_kind::operation && records[i].change == change)
            return i;
    return recorded_message::none;
}

namespace {
constexpr int document_shift = 40; // a run makes far fewer than 2^40 changes
constexpr std::uint64_t number_mask = (std::uint64_t{1} << document_shift) - 1;
} // namespace

std::uint64_t change_key(std::uint32_t document, std::uint64_t change) {
    return (static_cast<std::uint64_t>(document) + 1) << document_shift | change;
}

QString change_name(std::uint64_t key) {
    const std::uint64_t document = key >> document_shift;
    const std::uint64_t number = key & number_mask;
    return document == 0 ? QString("change %1").arg(number)
                         : QString("change %1 of document %2").arg(number).arg(document - 1);
}

std::optional<std::uint64_t> parse_change(const QString& text) {
    static const QRegularExpression form(
        R"(^\s*(?:change\s*)?(\d+)(?:\s+(?:of\s+)?document\s*(\d+))?\s*$)",
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = form.match(text);
    bool number = false, document = false;
    const qulonglong change = m.captured(1).toULongLong(&number);
    const uint in = m.captured(2).toUInt(&document);
    if (!m.hasMatch() || !number || change >> document_shift != 0)
        return std::nullopt;
    return document ? change_key(in, change) : change;
}

std::size_t recorded_run::operation_named(std::uint64_t key) const {
    if (!every_document() || key >> document_shift != 0)
        return operation_of(key, records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        if (records[i].kind == trace_kind::operation && (records[i].change & number_mask) == key)
            return i;
    return recorded_message::none;
}

bool loses_a_write(const trace_record& decision) {
    return std::any_of(decision.why.begin(), decision.why.end(),
                       [](const decision_reason& d) { return d.lost; });
}

message_role role_of(const std::string& detail) {
    if (detail.rfind("commit", 0) == 0)
        return message_role::commit;
    if (detail.rfind("sync", 0) == 0)
        return message_role::sync;
    if (detail.rfind("reject", 0) == 0)
        return message_role::reject;
    return message_role::peer;
}

} // namespace immersim::gui
