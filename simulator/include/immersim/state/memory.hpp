// Memory accounting for structural sharing: how many bytes a set of states really
// occupies, against what the same states would take as independent deep copies.
#pragma once

#include "immersim/state/value.hpp"

#include <cstdint>
#include <span>

namespace immersim::state {

struct memory_usage {
    std::uint64_t live_bytes = 0;      // every node reachable from the roots, counted once
    std::uint64_t live_nodes = 0;
    std::uint64_t deep_copy_bytes = 0; // each root's nodes counted as if it owned them all

    // Fraction of the deep-copy bytes actually live; 1.0 means nothing is shared.
    double live_fraction() const {
        return deep_copy_bytes == 0 ? 1.0
                                    : static_cast<double>(live_bytes) /
                                          static_cast<double>(deep_copy_bytes);
    }
};

// Walks the roots (all replicas' states and retained versions). Bytes are the sizes
// the state layer requests for its nodes (header and contents, allocator overhead
// excluded). Cost: O(distinct nodes); each node's deep size is computed once.
memory_usage measure_memory(std::span<const value> roots);

// Bytes of state nodes allocated so far by the calling thread (a running total,
// never decreasing): for measuring what an operation allocates.
std::uint64_t node_bytes_allocated_by_this_thread();

} // namespace immersim::state
