// Every intent users issued, and what became of it: the ground truth against which
// lost intent is measured, independently of the strategy. At the end, the expected
// counter totals and set memberships are compared with the final state.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/state/value.hpp"
#include "immersim/workload/intent.hpp"

#include <cstdint>
#include <vector>

namespace immersim::run_detail {

struct intent_record {
    workload::intent what;
    time_ns issued_ns = 0;
    bool executed = false; // it applied to its replica's state at least once
    bool aborted = false;  // OCC gave up on it (the user was told)
};

struct lost_intent {
    std::int64_t lost_increments = 0;
    std::uint64_t lost_set_adds = 0;
    std::uint64_t resurrected_removes = 0;
};

class intent_ledger {
public:
    std::uint64_t issue(const workload::intent& what, time_ns now) {
        records_.push_back({what, now, false, false});
        return records_.size() - 1;
    }
    intent_record& at(std::uint64_t id) { return records_.at(id); }
    std::size_t size() const { return records_.size(); }

    // Counters: |expected growth - actual growth|, summed over counters. Sets:
    // members whose last executed add/remove (in issue order) was an add but which
    // are absent, and the other way round.
    lost_intent evaluate(const state::value& initial, const state::value& final_state) const;

private:
    std::vector<intent_record> records_;
};

} // namespace immersim::run_detail
