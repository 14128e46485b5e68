// Allocation of state nodes: per-thread free lists by 16-byte size class in front
// of malloc. A simulation frees and allocates nodes of the same few sizes millions
// of times a second; a LIFO free list hands back a block that is still in cache
// and skips malloc's bookkeeping. Blocks are never shared between threads' lists
// while in use, so no locking is needed. Sanitizer builds go straight to malloc so
// that AddressSanitizer sees every use after free.
#include "nodes.hpp"

#include <array>
#include <cstdlib>
#include <new>

namespace immersim::state::detail {

namespace {

constexpr std::size_t granule = 16;

std::size_t size_class(std::size_t bytes) {
    return (bytes + granule - 1) / granule;
}

// Blocks are 16-byte aligned (a value handle keeps its tag in the low 4 bits of a
// node's address), which aligned_alloc promises; sizes are whole granules.
void* aligned_block(std::size_t cls) {
    void* block = std::aligned_alloc(granule, cls * granule);
    if (block == nullptr)
        throw std::bad_alloc();
    return block;
}

#ifndef IMMERSIM_SANITIZE

constexpr std::size_t pooled_classes = 64; // blocks up to 1 KiB are pooled

// Trivially destructible, so that a node released after its thread's pool was torn
// down (a static state, say) can still see that the pool is gone.
thread_local std::array<void*, pooled_classes> free_heads{};
thread_local bool pool_closed = false;

// Returns the pooled blocks to malloc when the thread ends.
struct pool_closer {
    bool armed = false;
    ~pool_closer() {
        pool_closed = true;
        for (void*& head : free_heads)
            while (head != nullptr) {
                void* next = *static_cast<void**>(head);
                std::free(head);
                head = next;
            }
    }
};
thread_local pool_closer closer;

void* pooled_allocate(std::size_t cls) {
    void* block = free_heads[cls];
    if (block != nullptr) {
        free_heads[cls] = *static_cast<void**>(block);
        return block;
    }
    if (!closer.armed) // first use on this thread: registers the closer
        closer.armed = true;
    return aligned_block(cls);
}

#endif

thread_local std::uint64_t bytes_allocated = 0;

} // namespace

std::uint64_t node_bytes_allocated() {
    return bytes_allocated;
}

void* allocate_node(std::size_t bytes) {
    bytes_allocated += bytes;
    const std::size_t cls = size_class(bytes);
#ifndef IMMERSIM_SANITIZE
    if (cls < pooled_classes && !pool_closed)
        return pooled_allocate(cls);
#endif
    return aligned_block(cls);
}

void free_node(void* node, std::size_t bytes) {
#ifndef IMMERSIM_SANITIZE
    const std::size_t cls = size_class(bytes);
    if (cls < pooled_classes && !pool_closed) {
        *static_cast<void**>(node) = free_heads[cls];
        free_heads[cls] = node;
        return;
    }
#else
    (void)bytes;
#endif
    std::free(node);
}

} // namespace immersim::state::detail
