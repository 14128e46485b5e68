#include "recorded_run.hpp"

#include <algorithm>
#include <unordered_map>

namespace immersim::gui {

void recorded_run::record(const trace_record& r) {
    if (records.size() >= max_records) {
        truncated = true;
        return;
    }
    records.push_back(r);
}

void recorded_run::finish(time_ns end) {
    end_ns = end;
    std::unordered_map<std::uint64_t, std::size_t> by_id; // looked up, never iterated
    std::vector<std::size_t> open_faults;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const trace_record& r = records[i];
        switch (r.kind) {
        case trace_kind::send:
            by_id.emplace(r.message, messages.size());
            messages.push_back({r.message, r.node, r.peer, r.at_ns, -1, r.change});
            break;
        case trace_kind::deliver:
            if (const auto it = by_id.find(r.message); it != by_id.end() &&
                                                       messages[it->second].delivered_ns < 0)
                messages[it->second].delivered_ns = r.at_ns;
            break;
        case trace_kind::conflict:
            conflicts.push_back(i);
            landmarks.push_back(i);
            break;
        case trace_kind::decision:
            decisions.push_back(i);
            if (std::any_of(r.why.begin(), r.why.end(),
                            [](const decision_reason& d) { return d.lost; }))
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
