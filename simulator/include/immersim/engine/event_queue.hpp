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
//
// Batches. The events pushed between begin_batch() and end_batch() (a broadcast's
// copies of one message, each with its own arrival time) are sorted once and kept
// apart as a run, with only the run's earliest event in the heap. Popping it puts
// the run's next event in its place with one sift down. A server that broadcasts
// to a thousand clients then keeps a few dozen heap entries instead of tens of
// thousands, and each delivery's pop descends a heap that stays in the first-level
// cache. The (time, seq) order is the same as with one push per event, so nothing
// a model sees changes.
#pragma once

#include "immersim/engine/event.hpp"
#include "immersim/engine/event_run.hpp"
#include "immersim/support/assert.hpp"

#include <cstddef>
#include <utility>
#include <vector>

namespace immersim {

class event_queue {
public:
    // Stated limits of the packing: 2^24 simultaneously pending events and 2^40
    // events scheduled over a run (about 10^12, days of simulation at full speed).
    static constexpr int slot_bits = 24;
    static constexpr std::size_t max_pending = std::size_t{1} << slot_bits;
    static constexpr std::uint64_t max_seq = std::uint64_t{1} << (64 - slot_bits);

    event_queue() : heap_(pad) {}

    bool empty() const { return heap_.size() == pad; }
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
        IMMERSIM_ASSERT(kind != run_marker);
        if (batch_open_) {
            push_to_batch(time, seq, kind, entity, payload, data, lane);
            return;
        }
        const std::uint32_t slot = take_slot();
        parked& p = slots_[slot];
        p.kind = kind;
        p.entity = entity;
        p.payload = payload;
        p.data = data;
        p.lane = lane;
        heap_.push_back(make_key(time, (seq << slot_bits) | slot));
        sift_up(heap_size() - 1, heap_.back());
    }

    // Pushes until end_batch() form one run (above). Batches do not nest.
    void begin_batch() {
        IMMERSIM_ASSERT(!batch_open_);
        batch_open_ = true;
    }
    void end_batch() {
        IMMERSIM_ASSERT(batch_open_);
        batch_open_ = false;
        if (builder_.empty())
            return;
        std::uint32_t index;
        if (free_runs_.empty()) {
            index = static_cast<std::uint32_t>(runs_.size());
            runs_.emplace_back();
        } else {
            index = free_runs_.back();
            free_runs_.pop_back();
        }
        builder_.sort_into(runs_[index]);
        const std::uint32_t slot = take_slot();
        slots_[slot] = parked{run_marker, 0, index, {}, 0};
        heap_.push_back(head_key(runs_[index], slot));
        sift_up(heap_size() - 1, heap_.back());
    }

    // Precondition: !empty().
    event pop() {
        const key earliest = heap_[pad];
        const auto order = static_cast<std::uint64_t>(earliest);
        const auto slot = static_cast<std::uint32_t>(order & (max_pending - 1));
        const parked& p = slots_[slot];
        if (p.kind == run_marker)
            return pop_from_run(earliest, p, slot);
        remove_top();
        free_slots_.push_back(slot);
        return event{
            time_of(earliest), order >> slot_bits, p.kind, p.entity, p.payload, p.data, p.lane};
    }

    void clear() {
        heap_.resize(pad);
        slots_.clear();
        free_slots_.clear();
        runs_.clear();
        free_runs_.clear();
        builder_ = {};
        batch_open_ = false;
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
    using parked = detail::parked_event;
    // A run's slot in the heap is marked by its kind and names the run by its payload.
    static constexpr event_kind run_marker = ~event_kind{0};
    static constexpr std::uint64_t index_mask = max_pending - 1;
    static_assert(detail::batch_builder::place_mask == index_mask);

    std::size_t heap_size() const { return heap_.size() - pad; }

    // Out of line, so that push() stays small enough to inline into the engine
    // (inlined, the batch's path had it called, and the hold model ran 3% slower).
    [[gnu::noinline]] void push_to_batch(time_ns time, std::uint64_t seq, event_kind kind,
                                         std::uint32_t entity, std::uint64_t payload,
                                         const event_data& data, std::uint32_t lane) {
        builder_.add(make_key(time, seq << slot_bits), kind, entity, payload, data, lane);
    }

    std::uint32_t take_slot() {
        if (free_slots_.empty()) {
            IMMERSIM_ASSERT_OP(slots_.size(), <, max_pending);
            slots_.emplace_back();
            return static_cast<std::uint32_t>(slots_.size() - 1);
        }
        const std::uint32_t slot = free_slots_.back();
        free_slots_.pop_back();
        return slot;
    }

    // The heap's key for the run's next event: its time and seq, and the run's slot.
    static key head_key(const detail::event_run& r, std::uint32_t slot) {
        return (r.next_key() & ~key{index_mask}) | slot;
    }

    // `earliest`, the heap's least key, is the run's next event's but for its slot.
    event pop_from_run(key earliest, const parked& marker, std::uint32_t slot) {
        const auto index = static_cast<std::uint32_t>(marker.payload);
        detail::event_run& r = runs_[index];
        const parked& p = r.next_event();
        const event out{time_of(earliest),
                        static_cast<std::uint64_t>(earliest) >> slot_bits,
                        p.kind,
                        p.entity,
                        p.payload,
                        p.data,
                        p.lane};
        if (r.advance()) {
            replace_top(head_key(r, slot));
            return out;
        }
        r.clear();
        free_runs_.push_back(index);
        remove_top();
        free_slots_.push_back(slot);
        return out;
    }

    // Takes the root out of the heap.
    void remove_top() {
        const key last = heap_.back();
        heap_.pop_back();
        if (empty())
            return;
        sift_up(hole_to_leaf(), last);
        // The next event's parked data is a likely cache miss in a large queue:
        // start loading it while this event is being handled.
        __builtin_prefetch(&slots_[static_cast<std::uint64_t>(heap_[pad]) & index_mask]);
    }

    // Puts `moving` in the root's place. A run's next event is usually among the
    // earliest (the run's events are close in time), so this sifts down from the
    // top and stops early, rather than going to a leaf as remove_top() does.
    void replace_top(const key moving) {
        key* h = heap_.data() + pad;
        const std::size_t n = heap_size();
        std::size_t index = 0;
        for (;;) {
            const std::size_t first = index * arity + 1;
            if (first >= n)
                break;
            const auto [best, best_key] = least_child(h, first, n);
            if (!(best_key < moving))
                break;
            h[index] = best_key;
            index = best;
        }
        h[index] = moving;
    }

    // The least of the children starting at `first`, as a run of branch-free selects.
    static std::pair<std::size_t, key> least_child(const key* h, std::size_t first, std::size_t n) {
        std::size_t best = first;
        key best_key = h[first];
        const std::size_t end = first + arity < n ? first + arity : n;
        for (std::size_t child = first + 1; child < end; ++child) {
            const key candidate = h[child];
            const bool less = candidate < best_key;
            best = less ? child : best;
            best_key = less ? candidate : best_key;
        }
        return {best, best_key};
    }

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
        const std::size_t n = heap_size();
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
            const auto [best, best_key] = least_child(h, first, n);
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
    std::vector<detail::event_run> runs_;
    std::vector<std::uint32_t> free_runs_;
    detail::batch_builder builder_; // the open batch's events
    bool batch_open_ = false;
};

} // namespace immersim
