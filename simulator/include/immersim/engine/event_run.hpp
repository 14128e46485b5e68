// The pieces of the pending-event set (event_queue.hpp) besides its heap: the
// record parked for each event, and the run that holds a batch of events.
#pragma once

#include "immersim/engine/event.hpp"
#include "immersim/support/assert.hpp"
#include "immersim/support/radix_sort.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <new>
#include <numeric>
#include <vector>

namespace immersim::detail {

// Hands out storage aligned to a cache line.
template <typename T>
struct cache_line_allocator {
    using value_type = T;
    static constexpr std::align_val_t alignment{64};
    cache_line_allocator() = default;
    template <typename U>
    cache_line_allocator(const cache_line_allocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), alignment)); }
    // The unsized form: clang declares sized deallocation only with -fsized-deallocation.
    void deallocate(T* p, std::size_t) { ::operator delete(p, alignment); }
    friend bool operator==(cache_line_allocator, cache_line_allocator) { return true; }
};

// One cache line: everything about an event except its place in the order.
struct alignas(64) parked_event {
    event_kind kind;
    std::uint32_t entity;
    std::uint64_t payload;
    event_data data;
    std::uint32_t lane;
};
static_assert(sizeof(parked_event) == 64);

__extension__ using event_key = unsigned __int128;

// A batch of events, handed out in (time, seq) order: the keys and the events
// sorted, read one after another. Looked up by place in the batch instead, each
// key was a cache miss (an eighth of a whole run), and the events, spread over
// the batch's pages, missed the TLB.
class event_run {
public:
    // The next event's key and record. Precondition: not past the end.
    event_key next_key() const { return keys_[next_]; }
    const parked_event& next_event() const { return events_[next_]; }
    // Moves past the next event; false when none remains. Other runs' events
    // come between two of this run's, and push its lines out of the first-level
    // cache: the event now next, and the key after it, are loaded ahead.
    bool advance() {
        if (++next_ == keys_.size())
            return false;
        __builtin_prefetch(&events_[next_]);
        __builtin_prefetch(&keys_[std::min(next_ + 1, keys_.size() - 1)]);
        return true;
    }
    // Empties the run, keeping its storage for the next batch.
    void clear() {
        keys_.clear();
        events_.clear();
        next_ = 0;
    }

private:
    friend class batch_builder;
    std::vector<event_key> keys_;
    std::vector<parked_event, cache_line_allocator<parked_event>> events_;
    std::size_t next_ = 0;
};

// Collects a batch's events as they are pushed and sorts them into a run. There
// is one builder per queue, as one batch is open at a time: its storage stays
// in the cache from one batch to the next, and a run holds only the sorted copy.
// Each event's key is the queue's: the time (sign bit flipped) in the high half,
// seq << 24 in the low half, whose low 24 bits here name the event's place.
class batch_builder {
public:
    static constexpr std::uint64_t place_mask = (std::uint64_t{1} << 24) - 1;

    // `k` with its low 24 bits clear. The fields are stored one by one into the
    // event's place: one built on the stack and copied made the copy's wide loads
    // wait on the narrower stores (a tenth of the push's cycles). (Clang 14 has no
    // parenthesised aggregate initialisation for emplace_back to build it in place.)
    void add(event_key k, event_kind kind, std::uint32_t entity, std::uint64_t payload,
             const event_data& data, std::uint32_t lane) {
        IMMERSIM_ASSERT_OP(events_.size(), <=, place_mask);
        keys_.push_back(k | events_.size());
        parked_event& p = events_.emplace_back();
        p.kind = kind;
        p.entity = entity;
        p.payload = payload;
        p.data = data;
        p.lane = lane;
    }
    bool empty() const { return keys_.empty(); }

    // Moves the batch, sorted, into `run` (empty), and starts a new batch.
    void sort_into(event_run& run) {
        sort_places();
        run.keys_.reserve(keys_.size());
        run.events_.reserve(keys_.size());
        for (const std::uint64_t place : order_) {
            run.keys_.push_back(keys_[place]);
            run.events_.push_back(events_[place]);
        }
        run.next_ = 0;
        keys_.clear();
        events_.clear();
    }

private:
    static std::uint64_t time_bits(event_key k) { return static_cast<std::uint64_t>(k >> 64); }

    // Puts the places in (time, seq) order in order_. Within a batch seq grows with
    // the place, so (time, place) is that order, and with the times taken relative
    // to the earliest both fit in one word, which a radix sort orders without
    // comparisons (whose outcomes are random: std::sort of the 128-bit keys
    // mispredicted half of them and took a sixth of a whole run's cycles on
    // clients-1000.yaml).
    void sort_places() {
        const std::size_t n = keys_.size();
        const int place_bits = std::bit_width(n - 1);
        std::uint64_t earliest = ~std::uint64_t{0}, latest = 0;
        for (const event_key k : keys_) {
            earliest = std::min(earliest, time_bits(k));
            latest = std::max(latest, time_bits(k));
        }
        order_.resize(n);
        if (std::bit_width(latest - earliest) + place_bits <= 64) {
            for (std::size_t i = 0; i < n; ++i)
                order_[i] = ((time_bits(keys_[i]) - earliest) << place_bits) | i;
            radix_sort(order_, scratch_);
            for (std::uint64_t& o : order_)
                o &= (std::uint64_t{1} << place_bits) - 1;
            return;
        }
        // Times too far apart for one word: sort the places by their full keys.
        std::iota(order_.begin(), order_.end(), std::uint64_t{0});
        std::sort(order_.begin(), order_.end(),
                  [this](std::uint64_t a, std::uint64_t b) { return keys_[a] < keys_[b]; });
    }

    std::vector<event_key> keys_; // in pushing order
    std::vector<parked_event, cache_line_allocator<parked_event>> events_;
    std::vector<std::uint64_t> order_;
    std::vector<std::uint64_t> scratch_;
};

} // namespace immersim::detail
