// The pending-event set: a 4-ary min-heap of 16-byte keys ordered by (time, seq),
// with the rest of each event (kind, entity, payload, record) parked in a slot table
// beside it, one cache line per event.
//
// Why this shape: pop dominates a discrete-event loop, and its cost is the number
// of cache lines a sift touches. A 4-ary heap is half as deep as a binary one, its
// four children share one 64-byte line, and keeping the heap entries at 16 bytes
// (time, then seq and slot packed in one word) keeps that true. Each key is one
// 128-bit integer (biased time in the high half), so choosing the least of four
// children is a run of branch-free compares rather than unpredictable branches,
// which is where a 4-ary heap otherwise loses to a binary one. Pop moves the hole
// to a leaf without comparing against the moving element, then sifts it up (Floyd's
// method), which saves comparisons because the last element usually belongs low.
// The heap array is 64-byte aligned and starts three slots in, so that every group
// of four siblings fills exactly one cache line: descending one level costs one
// line, not two. Push and pop are O(log n); nothing allocates once the vectors
// reach the peak number of pending events.
#pragma once

#include "immersim/engine/event.hpp"
#include "immersim/support/assert.hpp"

#include <cstddef>
#include <new>
#include <utility>
#include <vector>

namespace immersim {

namespace detail {
// Hands out storage aligned to a cache line.
template <typename T>
struct cache_line_allocator {
    using value_type = T;
    static constexpr std::align_val_t alignment{64};
    cache_line_allocator() = default;
    template <typename U>
    cache_line_allocator(const cache_line_allocator<U>&) {}
    T* allocate(std::size_t n) {
        return static_cast<T*>(::operator new(n * sizeof(T), alignment));
    }
    // The unsized form: clang declares sized deallocation only with -fsized-deallocation.
    void deallocate(T* p, std::size_t) { ::operator delete(p, alignment); }
    friend bool operator==(cache_line_allocator, cache_line_allocator) { return true; }
};
} // namespace detail

class event_queue {
public:
    // Stated limits of the packing: 2^24 simultaneously pending events and 2^40
    // events scheduled over a run (about 10^12, days of simulation at full speed).
    static constexpr int slot_bits = 24;
    static constexpr std::size_t max_pending = std::size_t{1} << slot_bits;
    static constexpr std::uint64_t max_seq = std::uint64_t{1} << (64 - slot_bits);

    event_queue() : heap_(pad) {}

    bool empty() const { return heap_.size() == pad; }
    std::size_t size() const { return heap_.size() - pad; }
    void reserve(std::size_t n) {
        heap_.reserve(n + pad);
        slots_.reserve(n);
    }

    // Precondition: !empty().
    time_ns top_time() const { return time_of(heap_[pad]); }

    // An event's place in the (time, seq) order, comparable across queues that
    // draw their sequence numbers from one counter (an engine's lanes).
    __extension__ using order_key = unsigned __int128;
    // Precondition: !empty().
    order_key top_key() const { return heap_[pad]; }
    // A key after every event at or before `time`, and before every later one.
    static order_key key_after(time_ns time) { return make_key(time, ~std::uint64_t{0}); }

    void push(const event& e) { push(e.time, e.seq, e.kind, e.entity, e.payload, e.data, e.lane); }
    // The fields one by one, each stored straight into the event's slot: going
    // through an event on the stack made the slot's wide loads wait on narrower
    // stores they could not be forwarded from, a tenth of a whole run's time.
    void push(time_ns time, std::uint64_t seq, event_kind kind, std::uint32_t entity,
              std::uint64_t payload, const event_data& data, std::uint32_t lane) {
        IMMERSIM_ASSERT_OP(seq, <, max_seq);
        std::uint32_t slot;
        if (free_slots_.empty()) {
            IMMERSIM_ASSERT_OP(slots_.size(), <, max_pending);
            slot = static_cast<std::uint32_t>(slots_.size());
            slots_.emplace_back();
        } else {
            slot = free_slots_.back();
            free_slots_.pop_back();
        }
        parked& p = slots_[slot];
        p.kind = kind;
        p.entity = entity;
        p.payload = payload;
        p.data = data;
        p.lane = lane;
        heap_.push_back(make_key(time, (seq << slot_bits) | slot));
        sift_up(size() - 1, heap_.back());
    }

    // Precondition: !empty().
    event pop() {
        const key earliest = heap_[pad];
        const key last = heap_.back();
        heap_.pop_back();
        if (!empty()) {
            sift_up(hole_to_leaf(), last);
            // The next event's parked data is a likely cache miss in a large queue:
            // start loading it while this event is being handled.
            __builtin_prefetch(&slots_[static_cast<std::uint64_t>(heap_[pad]) & (max_pending - 1)]);
        }
        const auto order = static_cast<std::uint64_t>(earliest);
        const auto slot = static_cast<std::uint32_t>(order & (max_pending - 1));
        free_slots_.push_back(slot);
        const parked& p = slots_[slot];
        return event{
            time_of(earliest), order >> slot_bits, p.kind, p.entity, p.payload, p.data, p.lane};
    }

    void clear() {
        heap_.resize(pad);
        slots_.clear();
        free_slots_.clear();
    }

private:
    static constexpr std::size_t arity = 4;
    // Logical index i lives at heap_[i + pad]: children 4i+1..4i+4 then start at a
    // multiple of four, that is, at a cache line.
    static constexpr std::size_t pad = 3;

    // High half: the time with its sign bit flipped, so unsigned order is time order.
    // Low half: seq << slot_bits | slot, unique, so it settles every tie by seq.
    using key = order_key;
    static constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

    static key make_key(time_ns time, std::uint64_t order) {
        return (static_cast<key>(static_cast<std::uint64_t>(time) ^ sign_bit) << 64) | order;
    }
    static time_ns time_of(key k) {
        return static_cast<time_ns>(static_cast<std::uint64_t>(k >> 64) ^ sign_bit);
    }
    // One cache line: everything about an event except its place in the order.
    struct alignas(64) parked {
        event_kind kind;
        std::uint32_t entity;
        std::uint64_t payload;
        event_data data;
        std::uint32_t lane;
    };
    static_assert(sizeof(parked) == 64);

    void sift_up(std::size_t index, const key moving) {
        key* h = heap_.data() + pad;
        while (index > 0) {
            const std::size_t parent = (index - 1) / arity;
            if (!(moving < h[parent]))
                break;
            h[index] = h[parent];
            index = parent;
        }
        h[index] = moving;
    }

    // Moves the hole left at the root down to a leaf along the smallest children
    // and returns its index.
    std::size_t hole_to_leaf() {
        key* h = heap_.data() + pad;
        const std::size_t n = size();
        std::size_t index = 0;
        for (;;) {
            const std::size_t first = index * arity + 1;
            if (first >= n)
                return index;
            // The next level's four sibling groups are loaded while this level's
            // comparison runs, so a descent through a large heap waits on one
            // miss at a time instead of one per level.
            const std::size_t grandchildren = first * arity + 1;
            if (grandchildren < n)
                for (std::size_t g = 0; g < arity; ++g)
                    __builtin_prefetch(h + grandchildren + g * arity);
            std::size_t best = first;
            key best_key = h[first];
            const std::size_t end = first + arity < n ? first + arity : n;
            for (std::size_t child = first + 1; child < end; ++child) {
                const key candidate = h[child];
                const bool less = candidate < best_key;
                best = less ? child : best;
                best_key = less ? candidate : best_key;
            }
            h[index] = best_key;
            index = best;
        }
    }

    std::vector<key, detail::cache_line_allocator<key>> heap_;
    std::vector<parked, detail::cache_line_allocator<parked>> slots_;
    // Free slots are reused newest first: the slot the last pop read is still in
    // the cache when a push writes it. Oldest first, a broadcast of a thousand
    // messages wrote a thousand slots that had gone cold (callgrind's cache model:
    // a write miss on 1.1 pushes in 2 on clients-1000.yaml); the read at pop is
    // prefetched either way.
    std::vector<std::uint32_t> free_slots_;
};

} // namespace immersim
