#include "immersim/metrics/causality_oracle.hpp"
#include "immersim/random/distributions.hpp"

#include <gtest/gtest.h>

namespace immersim::metrics {
namespace {

using state::path;

TEST(causality_oracle, concurrent_writes_to_the_same_path_conflict) {
    causality_oracle o(2);
    const auto a = o.record_change(0, {{"likes"}});
    const auto b = o.record_change(1, {{"likes"}}); // node 1 never heard of a
    EXPECT_TRUE(o.conflicting(a));
    EXPECT_TRUE(o.conflicting(b));
    EXPECT_EQ(o.summary().conflicting_changes, 2u);
    EXPECT_DOUBLE_EQ(o.summary().conflict_rate(), 1.0);
}

TEST(causality_oracle, a_write_after_hearing_of_another_does_not_conflict) {
    causality_oracle o(2);
    const auto a = o.record_change(0, {{"likes"}});
    o.record_receive(1, o.clock_of(0));
    const auto b = o.record_change(1, {{"likes"}});
    EXPECT_FALSE(o.conflicting(a));
    EXPECT_FALSE(o.conflicting(b));
}

TEST(causality_oracle, disjoint_paths_do_not_conflict_but_prefixes_do) {
    causality_oracle o(3);
    const auto a = o.record_change(0, {{"todos", "1", "done"}});
    const auto b = o.record_change(1, {{"todos", "2", "done"}});
    EXPECT_FALSE(o.conflicting(a));
    EXPECT_FALSE(o.conflicting(b));
    const auto c = o.record_change(2, {{"todos", "1"}}); // removes todo 1 a knew nothing of
    EXPECT_TRUE(o.conflicting(a));
    EXPECT_TRUE(o.conflicting(c));
    EXPECT_FALSE(o.conflicting(b));
}

TEST(causality_oracle, later_own_changes_are_not_marked_by_an_old_conflict) {
    causality_oracle o(2);
    const auto a1 = o.record_change(0, {{"x"}});
    const auto b = o.record_change(1, {{"x"}});
    o.record_receive(0, o.clock_of(1));
    const auto a2 = o.record_change(0, {{"x"}}); // after hearing of b
    EXPECT_TRUE(o.conflicting(a1));
    EXPECT_TRUE(o.conflicting(b));
    EXPECT_FALSE(o.conflicting(a2));
}

// Random histories against the definition: every pair compared by vector clocks.
TEST(causality_oracle, agrees_with_pairwise_comparison_on_random_histories) {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        generator g(seed);
        constexpr std::uint32_t nodes = 5;
        causality_oracle o(nodes);
        std::vector<net::vector_clock> stamps;
        std::vector<std::vector<path>> writes;
        const std::vector<path> places = {{"a"}, {"a", "x"}, {"a", "y"}, {"b"}, {"b", "x", "1"}};
        for (int step = 0; step < 60; ++step) {
            const auto node = static_cast<std::uint32_t>(uniform_int(g, 0, nodes - 1));
            if (bernoulli(g, 0.4)) {
                const auto from = static_cast<std::uint32_t>(uniform_int(g, 0, nodes - 1));
                o.record_receive(node, o.clock_of(from));
                continue;
            }
            std::vector<path> w = {places[static_cast<std::size_t>(uniform_int(g, 0, 4))]};
            if (bernoulli(g, 0.3))
                w.push_back(places[static_cast<std::size_t>(uniform_int(g, 0, 4))]);
            o.record_change(node, w);
            stamps.push_back(o.clock_of(node));
            writes.push_back(w);
        }
        for (std::size_t i = 0; i < stamps.size(); ++i) {
            bool expected = false;
            for (std::size_t j = 0; j < stamps.size() && !expected; ++j) {
                if (i == j || stamps[i].compare(stamps[j]) != net::causal_order::concurrent)
                    continue;
                for (const path& p : writes[i])
                    for (const path& q : writes[j])
                        expected = expected || state::overlaps(p, q);
            }
            EXPECT_EQ(o.conflicting(i), expected) << "seed " << seed << " change " << i;
        }
    }
}

} // namespace
} // namespace immersim::metrics
