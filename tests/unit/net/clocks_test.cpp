#include "immersim/net/clocks.hpp"
#include "immersim/random/distributions.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace immersim::net {
namespace {

TEST(physical_clock, applies_offset_and_drift_exactly) {
    const physical_clock c(-30 * ns_per_ms, 50.0);
    EXPECT_EQ(c.read(0), -30 * ns_per_ms);
    // 50 ppm is 50 us per second.
    EXPECT_EQ(c.read(ns_per_s), ns_per_s - 30 * ns_per_ms + 50 * ns_per_us);
    EXPECT_EQ(c.read(100 * ns_per_s), 100 * ns_per_s - 30 * ns_per_ms + 5 * ns_per_ms);
    const physical_clock slow(0, -20.0);
    EXPECT_EQ(slow.read(ns_per_s), ns_per_s - 20 * ns_per_us);
}

TEST(physical_clock, drawn_clocks_have_the_configured_offsets_and_drifts) {
    const auto clocks = draw_clocks(20'000, distribution_spec::normal(0, 30e6),
                                    distribution_spec::uniform(-50, 50), 42);
    double sum = 0;
    double squares = 0;
    double drift_min = 1e9;
    double drift_max = -1e9;
    for (const physical_clock& c : clocks) {
        sum += static_cast<double>(c.offset_ns());
        squares += static_cast<double>(c.offset_ns()) * static_cast<double>(c.offset_ns());
        drift_min = std::min(drift_min, c.drift_ppb() / 1000.0);
        drift_max = std::max(drift_max, c.drift_ppb() / 1000.0);
    }
    const double mean = sum / clocks.size();
    const double stddev = std::sqrt(squares / clocks.size() - mean * mean);
    EXPECT_NEAR(mean, 0.0, 5 * 30e6 / std::sqrt(20'000.0));
    EXPECT_NEAR(stddev, 30e6, 0.02 * 30e6);
    EXPECT_GE(drift_min, -50.0);
    EXPECT_LE(drift_max, 50.0);
    EXPECT_LT(drift_min, -49.0);
    EXPECT_GT(drift_max, 49.0);
}

TEST(lamport_clock, orders_sends_before_receives) {
    lamport_clock a;
    lamport_clock b;
    const std::uint64_t sent = a.tick();
    b.tick();
    b.tick();
    const std::uint64_t received = b.observe(sent);
    EXPECT_GT(received, sent);
    EXPECT_GT(a.observe(received), received);
}

// Nodes with skewed clocks exchange messages at random; the hybrid logical clock
// must never go backwards and must stay within the skew of physical time.
TEST(hybrid_logical_clock, is_monotonic_and_within_the_skew_bound) {
    constexpr int nodes = 5;
    const time_ns max_offset = 40 * ns_per_ms;
    std::vector<physical_clock> clocks;
    for (int i = 0; i < nodes; ++i)
        clocks.emplace_back(-max_offset + i * (2 * max_offset) / (nodes - 1), 0.0);
    std::vector<hybrid_logical_clock> hlc(nodes);
    std::vector<hlc_timestamp> last(nodes);
    generator g(3);
    time_ns now = 0;
    for (int step = 0; step < 100'000; ++step) {
        now += uniform_int(g, 0, 2 * ns_per_ms);
        const auto sender = static_cast<std::size_t>(uniform_int(g, 0, nodes - 1));
        const auto receiver = static_cast<std::size_t>(uniform_int(g, 0, nodes - 1));
        const hlc_timestamp stamp = hlc[sender].tick(clocks[sender].read(now));
        EXPECT_GT(stamp, last[sender]);
        last[sender] = stamp;
        // Delivered at once: every node's events must stay in true-time order.
        const time_ns physical = clocks[receiver].read(now);
        const hlc_timestamp seen = hlc[receiver].observe(stamp, physical);
        EXPECT_GT(seen, last[receiver]);
        EXPECT_GT(seen, stamp);
        last[receiver] = seen;
        // Never behind the local clock, never ahead of the fastest clock in the system.
        EXPECT_GE(seen.wall, physical);
        EXPECT_LE(seen.wall - physical, 2 * max_offset);
    }
}

// The receive rule of Kulkarni et al. (2014), case by case: the new wall time is
// the latest of the three; the count continues that of each clock already at it.
TEST(hybrid_logical_clock, observe_continues_the_count_of_the_clocks_at_the_newest_wall_time) {
    const auto at = [](time_ns wall, std::uint32_t logical) {
        hybrid_logical_clock c;
        c.observe({wall, logical}, 0); // a clock at (wall, logical + 1)
        return c;
    };
    hybrid_logical_clock both = at(100, 4); // own (100, 5)
    EXPECT_EQ(both.observe({100, 7}, 50), (hlc_timestamp{100, 8}));
    EXPECT_EQ(both.observe({100, 2}, 50), (hlc_timestamp{100, 9}));
    hybrid_logical_clock own = at(100, 4);
    EXPECT_EQ(own.observe({90, 30}, 50), (hlc_timestamp{100, 6}));
    hybrid_logical_clock theirs = at(100, 4);
    EXPECT_EQ(theirs.observe({120, 3}, 50), (hlc_timestamp{120, 4}));
    hybrid_logical_clock neither = at(100, 4);
    EXPECT_EQ(neither.observe({120, 3}, 130), (hlc_timestamp{130, 0}));
    hybrid_logical_clock physical_ties = at(100, 4);
    EXPECT_EQ(physical_ties.observe({90, 3}, 100), (hlc_timestamp{100, 6}));
}

TEST(vector_clock, orders_causal_events_and_flags_concurrent_ones) {
    vector_clock a(3);
    vector_clock b(3);
    vector_clock c(3);
    a.tick(0);
    const vector_clock sent = a;
    b.merge(sent); // b receives a's message
    b.tick(1);
    c.tick(2);     // c knows nothing of either
    EXPECT_EQ(sent.compare(b), causal_order::before);
    EXPECT_EQ(b.compare(sent), causal_order::after);
    EXPECT_EQ(b.compare(c), causal_order::concurrent);
    EXPECT_EQ(a.compare(sent), causal_order::equal);
    a.tick(0);
    EXPECT_EQ(a.compare(b), causal_order::concurrent);
}

} // namespace
} // namespace immersim::net
