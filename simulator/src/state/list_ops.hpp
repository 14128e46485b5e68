// Persistent lists as flat arrays of value handles. An update builds a new array:
// O(n) handle copies (8 bytes each), while every element, however large, is
// shared. This suits the short lists of collaborative documents; the cost is
// stated in docs/state.md.
#pragma once

#include "nodes.hpp"

#include <span>

namespace immersim::state::detail {

// A list node (refcount 1) holding copies of `items`.
list_node* list_make(std::span<const value> items);

} // namespace immersim::state::detail
