// Three-way merge of documents: what the merge strategy does when a change made on
// an older version meets the current one.
#pragma once

#include "immersim/strategies/merge_functions.hpp"
#include "immersim/state/value.hpp"

#include <cstdint>

namespace immersim::strategies {

struct merge_stats {
    std::uint32_t auto_merged = 0; // changes that met nothing (or met the same change)
    std::uint32_t conflicts = 0;   // overlapping groups settled by a merge function
    std::uint32_t overwritten = 0; // writes discarded by those functions
    std::uint32_t kept_both = 0;
};

struct merge_result {
    state::value merged;
    merge_stats stats;
    std::vector<state::path> conflict_places; // the groups a merge function settled
};

// Merges `theirs` (derived from `base`) into `ours` (also derived from `base`):
// changes on one side only are applied as they are; each group of overlapping
// changes goes to the merge function the policy names for the group's path. Cost:
// the two diffs (proportional to the changes) plus one function call per group.
merge_result three_way_merge(const state::value& base, const state::value& ours,
                             const state::value& theirs, const merge_policy& policy);

} // namespace immersim::strategies
