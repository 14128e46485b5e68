// Patches: the description of a change, in the manner of JSON Patch (RFC 6902)
// and Immer's produceWithPatches.
#pragma once

#include "immersim/state/path.hpp"
#include "immersim/state/value.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace immersim::state {

enum class patch_op : std::uint8_t {
    add,     // maps: bind the key (new or existing); lists: insert at the index (== size appends)
    replace, // the place must exist; its value becomes `val`
    remove,  // the place must exist; it is removed (lists shift down)
};

const char* to_string(patch_op op);

struct patch {
    patch_op op = patch_op::replace;
    path where;
    value val; // unused for remove

    friend bool operator==(const patch& a, const patch& b) {
        return a.op == b.op && a.where == b.where && a.val == b.val;
    }
};

using patch_list = std::vector<patch>;

struct patch_error {
    std::size_t index; // of the patch that failed, in the list given
    std::string message;
};

struct apply_result {
    value state;                      // meaningful only without an error
    std::optional<patch_error> error; // the first patch that did not apply
};

// The value at `where` in `root`, or nullptr when the path does not resolve (a key
// or index not found, or a step through a value of the wrong type). O(depth log n).
const value* value_at(const value& root, const path& where);
// One step of that walk: the value `element` names in `*at`, or nullptr (also when
// `at` is nullptr), for walking several documents down one path together.
const value* value_step(const value* at, const path_element& element);

// Applies the patches in order. A patch whose path does not resolve, whose index is
// out of range, or that goes through a value of the wrong type (a key into a list,
// an index into a map, anything into a scalar) stops the application with an error
// naming the patch and the place; nothing is silently created. Cost per patch:
// O(depth) node copies along its path.
apply_result apply_patches(const value& state, std::span<const patch> patches);

// The patches that undo `forward`, which must be a diff(before, after) result (its
// list changes are replaces, then adds at the end ascending, then removes from the
// end descending). Reversed and flipped, with old values looked up in `before`:
// O(patches x depth), not a second diff.
patch_list invert_diff(const patch_list& forward, const value& before);

} // namespace immersim::state
