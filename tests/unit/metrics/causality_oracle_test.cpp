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

// Client-server histories: the authority (node 0) takes each client's changes in
// the client's order, and clients adopt prefixes of what it took. The constant-
// cost authority log must give the vector clocks' verdicts, on conflicts and on
// every pair's order.
TEST(causality_oracle, authority_log_agrees_with_vector_clocks_on_client_server_histories) {
    std::uint64_t conflicts = 0, ordered_across_nodes = 0; // the histories are not trivial
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        generator g(seed);
        constexpr std::uint32_t nodes = 5; // node 0 is the authority
        causality_oracle clocks(nodes);
        causality_oracle log(nodes, 0);
        const auto both = [&](auto&& call) { call(clocks), call(log); };
        const std::vector<path> places = {{"a"}, {"a", "x"}, {"a", "y"}, {"b"}, {"b", "x", "1"}};
        std::vector<std::vector<std::uint64_t>> made(nodes); // per node: its change ids
        std::vector<std::size_t> taken(nodes, 0), adopted(nodes, 0);
        std::vector<std::uint64_t> taken_log; // change ids, in the authority's order
        std::uint64_t changes = 0;
        for (int step = 0; step < 80; ++step) {
            const auto node = static_cast<std::uint32_t>(uniform_int(g, 1, nodes - 1));
            const double what = uniform_unit(g);
            if (what < 0.4) {
                const path w = places[static_cast<std::size_t>(uniform_int(g, 0, 4))];
                const std::uint64_t id = log.record_change(node, {w});
                ASSERT_EQ(clocks.record_change(node, {w}), id);
                made[node].push_back(id);
                ++changes;
            } else if (what < 0.7 && taken[node] < made[node].size()) {
                const std::uint64_t id = made[node][taken[node]++];
                both([&](causality_oracle& o) { o.record_knowledge(0, id); });
                taken_log.push_back(id);
            } else if (adopted[node] < taken_log.size()) {
                const auto upto = static_cast<std::size_t>(
                    uniform_int(g, static_cast<std::int64_t>(adopted[node]) + 1,
                                static_cast<std::int64_t>(taken_log.size())));
                for (; adopted[node] < upto; ++adopted[node])
                    both([&](causality_oracle& o) {
                        o.record_knowledge(node, taken_log[adopted[node]]);
                    });
            }
        }
        ASSERT_EQ(log.summary().changes, changes);
        for (std::uint64_t a = 0; a < changes; ++a) {
            EXPECT_EQ(log.conflicting(a), clocks.conflicting(a))
                << "seed " << seed << " change " << a;
            conflicts += log.conflicting(a) ? 1 : 0;
            for (std::uint64_t b = 0; b < changes; ++b) {
                EXPECT_EQ(log.happened_before(a, b), clocks.happened_before(a, b))
                    << "seed " << seed << ": " << a << " before " << b;
                if (log.node_of(a) != log.node_of(b) && log.happened_before(a, b))
                    ++ordered_across_nodes;
            }
        }
    }
    EXPECT_GT(conflicts, 100u);
    EXPECT_GT(ordered_across_nodes, 100u);
}

} // namespace
} // namespace immersim::metrics
