// The header every heap node of the state layer starts with. It is public only so
// that copying a `value` can bump the count inline; nothing outside the state layer
// should touch it.
#pragma once

#include <cstdint>

namespace immersim::state::detail {

enum class node_kind : std::uint8_t {
    string,
    map_inner,
    map_collision,
    map_keys, // the keys of one or more map nodes (shared while only values change)
    list,
    boxed_integer,
    boxed_real,
};

// Reference counts are not atomic: a state belongs to one run, and one run is one
// thread (DESIGN.md). Handing a state to another thread means copying it out
// (to JSON, or through deep_copy) first.
// Every node is 16-byte aligned: a value handle keeps its tag in the low 4 bits.
struct node_header {
    std::uint32_t refcount;
    node_kind kind;
};

void release(node_header* node); // frees the node when the last reference goes

inline void retain(node_header* node) {
    ++node->refcount;
}
inline void drop(node_header* node) {
    if (--node->refcount == 0)
        release(node);
}

} // namespace immersim::state::detail
