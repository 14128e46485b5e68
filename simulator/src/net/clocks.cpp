#include "immersim/net/clocks.hpp"

#include "immersim/support/assert.hpp"

#include <algorithm>
#include <cmath>

namespace immersim::net {

namespace {
__extension__ using int128 = __int128;
}

physical_clock::physical_clock(time_ns offset_ns, double drift_ppm)
    : offset_ns_(offset_ns), drift_ppb_(static_cast<std::int64_t>(std::llround(drift_ppm * 1000.0))) {
    IMMERSIM_ASSERT_OP(offset_ns, <=, clock_offset_max_ns);
    IMMERSIM_ASSERT_OP(offset_ns, >=, -clock_offset_max_ns);
    IMMERSIM_ASSERT(std::fabs(drift_ppm) <= clock_drift_max_ppm);
}

time_ns physical_clock::read_drifting(time_ns t) const {
    // Exact: t * drift / 10^9 in 128 bits, rounded toward negative infinity so that
    // the reading never steps back as t grows.
    const int128 product = static_cast<int128>(t) * drift_ppb_;
    int128 skew = product / 1'000'000'000;
    if (product % 1'000'000'000 < 0)
        --skew;
    return t + offset_ns_ + static_cast<time_ns>(skew);
}

hlc_timestamp hybrid_logical_clock::tick(time_ns physical_now) {
    const hlc_timestamp next = physical_now > last_.wall
                                   ? hlc_timestamp{physical_now, 0}
                                   : hlc_timestamp{last_.wall, last_.logical + 1};
    last_ = next; // returned from registers, as in observe()
    return next;
}

void vector_clock::merge(const vector_clock& other) {
    IMMERSIM_ASSERT_OP(counts_.size(), ==, other.counts_.size());
    for (std::size_t i = 0; i < counts_.size(); ++i)
        counts_[i] = std::max(counts_[i], other.counts_[i]);
}

causal_order vector_clock::compare(const vector_clock& other) const {
    IMMERSIM_ASSERT_OP(counts_.size(), ==, other.counts_.size());
    bool less = false;
    bool greater = false;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        less = less || counts_[i] < other.counts_[i];
        greater = greater || counts_[i] > other.counts_[i];
    }
    if (less && greater)
        return causal_order::concurrent;
    if (less)
        return causal_order::before;
    if (greater)
        return causal_order::after;
    return causal_order::equal;
}

std::vector<physical_clock> draw_clocks(std::size_t nodes, const distribution_spec& offset_ns,
                                        const distribution_spec& drift_ppm, std::uint64_t seed) {
    std::vector<physical_clock> clocks;
    clocks.reserve(nodes);
    for (std::size_t n = 0; n < nodes; ++n) {
        generator g = generator::stream(seed, stream_purpose::clock, n);
        const auto offset_bound = static_cast<double>(clock_offset_max_ns);
        // NaN cannot come from a checked distribution; clamping keeps the tails in range.
        const double offset = std::clamp(offset_ns.sample(g), -offset_bound, offset_bound);
        const double drift =
            std::clamp(drift_ppm.sample(g), -clock_drift_max_ppm, clock_drift_max_ppm);
        clocks.emplace_back(static_cast<time_ns>(std::llround(offset)), drift);
    }
    return clocks;
}

const char* to_string(causal_order order) {
    switch (order) {
    case causal_order::before:
        return "before";
    case causal_order::after:
        return "after";
    case causal_order::equal:
        return "equal";
    case causal_order::concurrent:
        return "concurrent";
    }
    return "unknown";
}

} // namespace immersim::net
