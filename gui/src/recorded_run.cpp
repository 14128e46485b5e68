#include "recorded_run.hpp"

#include <algorithm>
#include <unordered_map>

namespace immersim::gui {

void recorded_run::record(const trace_record& r) {
    if (r.at_ns < window_from_ns)
        return;
    if (records.size() >= record_cap) {
        truncated = true;
        return;
    }
    records.push_back(r);
}

void recorded_run::finish(time_ns end) {
    end_ns = end;
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
            if (r.detail.rfind("heal", 0) == 0 || r.detail.rfind("restart", 0) == 0) {
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
    for (const node_facts& n : per_node) {
        node_names.push_back(n.name);
        node_clocks.push_back(n.clock);
        node_is_server.push_back(n.server);
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
