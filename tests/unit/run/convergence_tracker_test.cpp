// Convergence as the metrics see it: whether all live replicas hold one state,
// since when, and how many live replicas hold another state than the most common.
#include "run/convergence_tracker.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <vector>

namespace immersim::run_detail {
namespace {

// The plain definition, recomputed from scratch after every step.
struct model {
    std::vector<std::uint64_t> hash;
    std::vector<bool> live;
    std::map<std::uint64_t, std::uint32_t> held() const {
        std::map<std::uint64_t, std::uint32_t> counts;
        for (std::size_t i = 0; i < hash.size(); ++i)
            if (live[i])
                ++counts[hash[i]];
        return counts;
    }
    std::uint32_t divergent() const {
        std::uint32_t all = 0, largest = 0;
        for (const auto& [h, n] : held()) {
            all += n;
            largest = std::max(largest, n);
        }
        return all - largest;
    }
};

// Many replicas moving between a few hundred states (colliding in the table's
// home slots, growing it and emptying it again), going down and coming back:
// the tracker agrees with the definition after every step.
TEST(convergence_tracker, agrees_with_the_definition_under_random_updates) {
    constexpr std::size_t replicas = 300;
    convergence_tracker tracker(replicas);
    model m{std::vector<std::uint64_t>(replicas, 0), std::vector<bool>(replicas, false)};
    std::mt19937_64 rng(11);
    for (int step = 1; step <= 40000; ++step) {
        const std::size_t r = rng() % replicas;
        if (rng() % 10 == 0) {
            const bool live = !m.live[r];
            tracker.set_live(r, live, step);
            m.live[r] = live;
        } else {
            // Phases of few and of many distinct states, and hashes that share
            // their low bits.
            const std::uint64_t states = (step / 5000) % 2 == 0 ? 3 : 400;
            const std::uint64_t h = (rng() % states) << 40;
            tracker.set_hash(r, h, step);
            m.hash[r] = h;
        }
        ASSERT_EQ(tracker.converged(), m.held().size() <= 1) << "step " << step;
        ASSERT_EQ(tracker.divergent(), m.divergent()) << "step " << step;
    }
}

TEST(convergence_tracker, says_since_when_the_replicas_agree) {
    convergence_tracker tracker(3);
    for (std::size_t r = 0; r < 3; ++r)
        tracker.set_live(r, true, 0);
    tracker.set_hash(0, 7, 10);
    EXPECT_FALSE(tracker.converged());
    EXPECT_EQ(tracker.divergent(), 1u);
    tracker.set_hash(1, 7, 20);
    tracker.set_hash(2, 7, 30);
    EXPECT_TRUE(tracker.converged());
    EXPECT_EQ(tracker.converged_since(), 30);
    tracker.set_live(2, false, 40); // a replica going down does not break agreement
    tracker.set_hash(2, 9, 50);     // nor does what a down replica holds
    EXPECT_TRUE(tracker.converged());
    EXPECT_EQ(tracker.converged_since(), 30);
    tracker.set_live(2, true, 60);
    EXPECT_FALSE(tracker.converged());
    EXPECT_EQ(tracker.divergent(), 1u);
}

} // namespace
} // namespace immersim::run_detail
