// The pending-event set: a 4-ary min-heap of 16-byte keys ordered by (time, seq),
// with each event's kind, entity and payload parked in a slot table beside it.
//
// Why this shape: pop dominates a discrete-event loop, and its cost is the number
// of cache lines a sift touches. A 4-ary heap is half as deep as a binary one, its
// four children share one 64-byte line, and keeping the heap entries at 16 bytes
// (time, then seq and slot packed in one word) keeps that true. Pop moves the hole
// to a leaf without comparing against the moving element, then sifts it up (Floyd's
// method), which saves comparisons because the last element usually belongs low.
// Push and pop are O(log n); nothing allocates once the vectors reach the peak
// number of pending events.
#pragma once

#include "immersim/engine/event.hpp"
#include "immersim/support/assert.hpp"

#include <cstddef>
#include <vector>

namespace immersim {

class event_queue {
public:
    // Stated limits of the packing: 2^24 simultaneously pending events and 2^40
    // events scheduled over a run (about 10^12, days of simulation at full speed).
    static constexpr int slot_bits = 24;
    static constexpr std::size_t max_pending = std::size_t{1} << slot_bits;
    static constexpr std::uint64_t max_seq = std::uint64_t{1} << (64 - slot_bits);

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    void reserve(std::size_t n) {
        heap_.reserve(n);
        slots_.reserve(n);
        free_slots_.reserve(n);
    }

    // Precondition: !empty().
    time_ns top_time() const { return heap_.front().time; }

    void push(const event& e) {
        IMMERSIM_ASSERT_OP(e.seq, <, max_seq);
        std::uint32_t slot;
        if (free_slots_.empty()) {
            IMMERSIM_ASSERT_OP(slots_.size(), <, max_pending);
            slot = static_cast<std::uint32_t>(slots_.size());
            slots_.push_back({e.kind, e.entity, e.payload});
        } else {
            slot = free_slots_.back();
            free_slots_.pop_back();
            slots_[slot] = {e.kind, e.entity, e.payload};
        }
        heap_.push_back({e.time, (e.seq << slot_bits) | slot});
        sift_up(heap_.size() - 1, heap_.back());
    }

    // Precondition: !empty().
    event pop() {
        const key earliest = heap_.front();
        const key last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty())
            sift_up(hole_to_leaf(), last);
        const auto slot = static_cast<std::uint32_t>(earliest.order & (max_pending - 1));
        free_slots_.push_back(slot);
        const parked& p = slots_[slot];
        return event{earliest.time, earliest.order >> slot_bits, p.kind, p.entity, p.payload};
    }

    void clear() {
        heap_.clear();
        slots_.clear();
        free_slots_.clear();
    }

private:
    static constexpr std::size_t arity = 4;

    struct key {
        time_ns time;
        std::uint64_t order; // seq << slot_bits | slot: unique, so it settles every tie by seq
    };
    struct parked {
        event_kind kind;
        std::uint32_t entity;
        std::uint64_t payload;
    };

    static bool before(const key& a, const key& b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    }

    void sift_up(std::size_t index, const key moving) {
        while (index > 0) {
            const std::size_t parent = (index - 1) / arity;
            if (!before(moving, heap_[parent]))
                break;
            heap_[index] = heap_[parent];
            index = parent;
        }
        heap_[index] = moving;
    }

    // Moves the hole left at the root down to a leaf along the smallest children
    // and returns its index.
    std::size_t hole_to_leaf() {
        const std::size_t n = heap_.size();
        std::size_t index = 0;
        for (;;) {
            const std::size_t first = index * arity + 1;
            if (first >= n)
                return index;
            std::size_t best = first;
            const std::size_t end = first + arity < n ? first + arity : n;
            for (std::size_t child = first + 1; child < end; ++child)
                if (before(heap_[child], heap_[best]))
                    best = child;
            heap_[index] = heap_[best];
            index = best;
        }
    }

    std::vector<key> heap_;
    std::vector<parked> slots_;
    std::vector<std::uint32_t> free_slots_;
};

} // namespace immersim
