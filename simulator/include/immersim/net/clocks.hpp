// Clocks: the physical clocks of simulated machines, which disagree, and the
// logical clocks that strategies and the oracle use to order events.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/random/distribution_spec.hpp"

#include <cstdint>
#include <vector>

namespace immersim::net {

// The widest clock a scenario can describe: an offset of a day either way and a drift
// of 10% (real quartz drifts by tens of ppm). Within these, a reading at any time a
// run can reach stays far inside time_ns.
inline constexpr time_ns clock_offset_max_ns = 24 * ns_per_h;
inline constexpr double clock_drift_max_ppm = 100'000.0;

// A machine's wall clock: true time plus a fixed offset plus a drift. Integer
// arithmetic throughout (drift in parts per billion), so readings are exact and
// the same everywhere.
class physical_clock {
public:
    physical_clock() = default;
    // Preconditions: |offset_ns| <= clock_offset_max_ns, |drift_ppm| <= clock_drift_max_ppm.
    physical_clock(time_ns offset_ns, double drift_ppm);

    // The reading at true (simulated) time t. Monotonic in t for any drift above
    // -10^6 ppm.
    // Inline: every stamp and every delivery reads it. A clock without drift (the
    // default) needs no division (the 128-bit division cost a run 1.3% of its
    // instructions).
    time_ns read(time_ns t) const { return drift_ppb_ == 0 ? t + offset_ns_ : read_drifting(t); }
    time_ns offset_ns() const { return offset_ns_; }
    std::int64_t drift_ppb() const { return drift_ppb_; }

private:
    time_ns read_drifting(time_ns t) const;

    time_ns offset_ns_ = 0;
    std::int64_t drift_ppb_ = 0;
};

// Lamport's logical clock.
class lamport_clock {
public:
    // A local event or a send: the new timestamp.
    std::uint64_t tick() { return ++counter_; }
    // A receive of a message stamped `remote`.
    std::uint64_t observe(std::uint64_t remote) {
        counter_ = (remote > counter_ ? remote : counter_) + 1;
        return counter_;
    }
    std::uint64_t now() const { return counter_; }

private:
    std::uint64_t counter_ = 0;
};

// A hybrid logical clock timestamp (Kulkarni et al., 2014): `wall` follows the
// largest physical time seen, `logical` orders events within one wall value.
struct hlc_timestamp {
    time_ns wall = 0;
    std::uint32_t logical = 0;
    auto operator<=>(const hlc_timestamp&) const = default;
};

class hybrid_logical_clock {
public:
    // A local event or a send at physical reading `physical_now`.
    hlc_timestamp tick(time_ns physical_now);
    // A receive of a message stamped `remote` at physical reading `physical_now`.
    // Inline (below): every delivery observes.
    hlc_timestamp observe(hlc_timestamp remote, time_ns physical_now);
    hlc_timestamp now() const { return last_; }

private:
    hlc_timestamp last_;
};

inline hlc_timestamp hybrid_logical_clock::observe(hlc_timestamp remote, time_ns physical_now) {
    // Selects, not branches: which of the three clocks is ahead is a coin toss
    // for the processor (callgrind's branch model: 0.4 mispredictions a call
    // with std::max over an initializer list and an if-chain). last_ is copied so
    // that its count is loaded whether or not it is used, not behind a branch.
    const hlc_timestamp last = last_;
    const time_ns known = last.wall > remote.wall ? last.wall : remote.wall;
    const time_ns wall = known > physical_now ? known : physical_now;
    // The count of each clock at the new wall time, or 0 for a clock behind it;
    // the larger plus one, or 0 when both are behind (physical time moved on).
    const std::uint32_t own = wall == last.wall ? last.logical : 0;
    const std::uint32_t theirs = wall == remote.wall ? remote.logical : 0;
    const std::uint32_t larger = own > theirs ? own : theirs;
    const std::uint32_t logical = wall == known ? larger + 1 : 0;
    // Returned from registers, not reloaded from last_: an 8-byte load of the
    // 4-byte count just stored cannot be forwarded from the store and stalls.
    const hlc_timestamp next{wall, logical};
    last_ = next;
    return next;
}

enum class causal_order { before, after, equal, concurrent };

// A vector clock over a fixed number of nodes.
class vector_clock {
public:
    explicit vector_clock(std::size_t nodes = 0) : counts_(nodes, 0) {}

    void tick(std::size_t node) { ++counts_.at(node); }
    // Now knows at least the first `count` events of `node`.
    void raise(std::size_t node, std::uint64_t count) {
        if (counts_.at(node) < count)
            counts_[node] = count;
    }
    // Componentwise maximum: what a receiver knows after a message.
    void merge(const vector_clock& other);
    // How this clock relates to `other`: before (happened-before), after, equal,
    // or concurrent (neither knows the other).
    causal_order compare(const vector_clock& other) const;
    std::uint64_t at(std::size_t node) const { return counts_.at(node); }
    std::size_t size() const { return counts_.size(); }

private:
    std::vector<std::uint64_t> counts_;
};

const char* to_string(causal_order order);

// One physical clock per node, offsets (ns) and drifts (ppm) drawn from the given
// distributions, each node from its own stream. Draws beyond the limits above (the
// tails of an unbounded distribution) are clamped to them.
std::vector<physical_clock> draw_clocks(std::size_t nodes, const distribution_spec& offset_ns,
                                        const distribution_spec& drift_ppm, std::uint64_t seed);

} // namespace immersim::net
