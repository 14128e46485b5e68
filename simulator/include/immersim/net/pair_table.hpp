// What the network keeps per ordered pair of nodes (from, to): the route a
// message takes now and its latest arrival on a FIFO path. An open-addressing
// table (linear probing, capacity a power of two, at most half full) whose entry
// holds a one-hop route itself: a send reads one or two cache lines, where two
// std::unordered_maps read a bucket and a node each, and a route its own vector
// (a tenth of a run's time at 20,000 clients, misses all).
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/net/topology.hpp"

#include <bit>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace immersim::net {

class pair_table {
public:
    struct entry {
        static constexpr std::uint64_t vacant = UINT64_MAX;  // no pair has this key
        static constexpr std::uint32_t unknown = UINT32_MAX; // not looked up since faults
        static constexpr std::uint32_t unreachable = UINT32_MAX - 1;
        std::uint64_t key = vacant;
        time_ns last_arrival = 0;
        hop first{};                  // a one-hop route's hop
        std::uint32_t hops = unknown; // the route's length, or unknown, or unreachable
        std::uint32_t offset = 0;     // a longer route: its hops in route_hops()
    };

    // The pair's entry, made on first use. Valid until the next call.
    entry& at(node_id from, node_id to) {
        const std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
        if (2 * (size_ + 1) > slots_.size())
            grow();
        std::size_t i = slot_of(key);
        while (slots_[i].key != key && slots_[i].key != entry::vacant)
            i = (i + 1) & (slots_.size() - 1);
        if (slots_[i].key == entry::vacant) {
            slots_[i].key = key;
            ++size_;
        }
        return slots_[i];
    }

    // Keeps a route found for the entry (none: unreachable).
    void set_route(entry& e, const std::optional<std::vector<hop>>& route) {
        if (!route) {
            e.hops = entry::unreachable;
            return;
        }
        e.hops = static_cast<std::uint32_t>(route->size());
        if (route->size() == 1) {
            e.first = route->front();
        } else {
            e.offset = static_cast<std::uint32_t>(hops_.size());
            hops_.insert(hops_.end(), route->begin(), route->end());
        }
    }

    std::span<const hop> route(const entry& e) const {
        if (e.hops == 1)
            return {&e.first, 1};
        return {hops_.data() + e.offset, e.hops};
    }

    // Faults changed: every route must be found again; FIFO arrivals stay.
    void forget_routes() {
        for (entry& e : slots_)
            e.hops = entry::unknown;
        hops_.clear();
    }

private:
    // Pairs from one node to sixteen neighbouring nodes share a hash (Fibonacci
    // hashing: the top bits of block * 2^64/phi) and take neighbouring slots, so a
    // broadcast to a document's clients, numbered together, reads few cache lines.
    std::size_t slot_of(std::uint64_t key) const {
        const std::uint64_t block = key >> 4;
        return static_cast<std::size_t>(((block * 0x9e3779b97f4a7c15ULL) >> shift_) + (key & 15)) &
               (slots_.size() - 1);
    }

    void grow() {
        std::vector<entry> old = std::move(slots_);
        slots_.assign(old.empty() ? 64 : 2 * old.size(), entry{});
        shift_ = 64 - static_cast<int>(std::countr_zero(slots_.size()));
        for (const entry& e : old) {
            if (e.key == entry::vacant)
                continue;
            std::size_t i = slot_of(e.key);
            while (slots_[i].key != entry::vacant)
                i = (i + 1) & (slots_.size() - 1);
            slots_[i] = e;
        }
    }

    std::vector<entry> slots_;
    std::vector<hop> hops_; // the routes of more than one hop, back to back
    std::size_t size_ = 0;
    int shift_ = 64;
};

} // namespace immersim::net
