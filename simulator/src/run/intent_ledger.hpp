// Every intent users issued, and what became of it: the ground truth against which
// lost intent is measured, independently of the strategy. At the end, the expected
// counter totals and set memberships are compared with the final state.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/state/value.hpp"
#include "immersim/workload/intent.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace immersim::run_detail {

struct intent_record {
    time_ns issued_ns = 0;
    bool executed = false; // it applied to its replica's state at least once
    bool aborted = false;  // OCC gave up on it (the user was told)
};

struct lost_intent {
    std::int64_t lost_increments = 0;
    std::uint64_t lost_set_adds = 0;
    std::uint64_t resurrected_removes = 0;
};

// Of each intent only what lost intent is measured by: when it was issued, its
// fate, and its counter and set operations (a set of a field, the commonest
// edit, keeps nothing more), with paths interned. 16 bytes an intent, not a copy
// of it: a ledger of ten million intents fits in memory.
class intent_ledger {
public:
    std::uint64_t issue(const workload::intent& what, time_ns now);
    intent_record& at(std::uint64_t id) { return records_.at(id); }
    std::size_t size() const { return records_.size(); }

    // Counters: |expected growth - actual growth|, summed over counters. Sets:
    // members whose last executed add/remove (in issue order) was an add but which
    // are absent, and the other way round.
    lost_intent evaluate(const state::value& initial, const state::value& final_state) const;

private:
    // An increment, add_member or remove_member of an intent, in issue order.
    struct counted_op {
        std::uint64_t intent = 0;
        std::uint32_t where = 0; // into paths_
        workload::op_kind kind = workload::op_kind::increment;
        std::int64_t amount = 0; // increment
        state::value member;     // add_member, remove_member
    };

    std::vector<intent_record> records_;
    std::vector<counted_op> ops_;
    std::vector<state::path> paths_;
    std::map<state::path, std::uint32_t> path_ids_;
};

} // namespace immersim::run_detail
