// Differences between versions of a document.
#pragma once

#include "immersim/state/patch.hpp"

#include <vector>

namespace immersim::state {

// The patches that turn `from` into `to`: apply_patches(from, diff(from, to)) == to.
// Maps are compared key by key (changed values of two maps, or of two lists, are
// compared inside rather than replaced whole); lists index by index, then elements
// added at the end in ascending order or removed from the end in descending order,
// the way Immer reports array changes.
//
// Cost: shared subtrees are skipped by pointer, so when `to` derives from `from`
// (or both from a common version) the cost follows the size of the change, O(k log n)
// for k changed keys in maps of n keys, not the size of the document.
patch_list diff(const value& from, const value& to);

// The overlapping changes of a three-way comparison, grouped under the shortest
// path they share.
struct conflict {
    path where;
    patch_list ours;
    patch_list theirs;
};

struct diff3_result {
    patch_list ours_only;   // changes from base to ours that overlap nothing theirs changed
    patch_list theirs_only; // and the other way round
    patch_list both_same;   // identical changes made on both sides (listed once)
    std::vector<conflict> conflicts;
};

// Classifies every change from `base` to `ours` and to `theirs`. Two changes
// conflict when their paths overlap (equal, or one a prefix of the other) and they
// are not the identical change. Cost: the two diffs plus O(k log k) for k changes.
diff3_result diff3(const value& base, const value& ours, const value& theirs);

} // namespace immersim::state
