#include "run_diff.hpp"

#include <map>
#include <tuple>
#include <unordered_map>

namespace immersim::gui {

namespace {

// A change by where and when it was made: the same user's edit in both runs.
// Change ids cannot be compared across runs: once the states differ, an edit that
// changes something in one run may change nothing in the other, and the ids after
// it shift.
using origin = std::pair<std::uint32_t, time_ns>;

class origins {
public:
    explicit origins(const recorded_run& run) {
        for (const trace_record& r : run.records)
            if (r.kind == trace_kind::operation)
                of_.emplace(r.change, origin{r.node, r.at_ns});
    }
    origin operator()(std::uint64_t change) const {
        const auto found = of_.find(change);
        return found == of_.end() ? origin{UINT32_MAX, -1} : found->second; // not traced
    }

private:
    std::unordered_map<std::uint64_t, origin> of_; // looked up, never iterated
};

// A decision by where it was taken, on which edit, what it came to and who stayed.
using outcome = std::tuple<std::string, std::vector<std::pair<origin, origin>>>;

outcome outcome_of(const trace_record& d, const origins& from) {
    std::vector<std::pair<origin, origin>> who;
    for (const decision_reason& r : d.why)
        who.emplace_back(from(r.said.winner), from(r.said.loser));
    return {d.detail, who};
}

} // namespace

std::vector<std::size_t> decisions_not_in(const recorded_run& a, const recorded_run& b) {
    const origins from_a(a), from_b(b);
    // A change may be decided at a node more than once (a retry): compare in order.
    std::map<std::pair<std::uint32_t, origin>, std::vector<outcome>> in_b;
    for (std::size_t i : b.decisions)
        in_b[{b.records[i].node, from_b(b.records[i].change)}].push_back(
            outcome_of(b.records[i], from_b));
    std::map<std::pair<std::uint32_t, origin>, std::size_t> used;
    std::vector<std::size_t> differing;
    for (std::size_t i : a.decisions) {
        const std::pair key{a.records[i].node, from_a(a.records[i].change)};
        const auto found = in_b.find(key);
        const std::size_t nth = used[key]++;
        if (found == in_b.end() || nth >= found->second.size() ||
            found->second[nth] != outcome_of(a.records[i], from_a))
            differing.push_back(i);
    }
    return differing;
}

} // namespace immersim::gui
