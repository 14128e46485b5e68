#include "immersim/net/topology.hpp"

#include <gtest/gtest.h>

namespace immersim::net {
namespace {

std::uint32_t component_count(const topology& t) {
    std::uint32_t count = 0;
    t.components({}, count);
    return count;
}

TEST(topology, star_links_each_client_to_a_server_and_servers_to_each_other) {
    const topology t = topology::build(topology_kind::star, 2, 10, {});
    EXPECT_EQ(t.node_count(), 12u);
    EXPECT_EQ(t.link_count(), 11u);
    EXPECT_EQ(component_count(t), 1u);
    EXPECT_EQ(t.name(0), "server-0");
    EXPECT_EQ(t.name(2), "client-0");
    EXPECT_EQ(t.role(2), node_role::client);
    EXPECT_TRUE(t.link_between(0, 2).has_value());  // client-0 to server-0
    EXPECT_TRUE(t.link_between(1, 3).has_value());  // client-1 to server-1
    EXPECT_FALSE(t.link_between(2, 3).has_value()); // clients are not linked directly
}

TEST(topology, mesh_ring_and_tree_have_the_expected_links) {
    EXPECT_EQ(topology::build(topology_kind::mesh, 0, 6, {}).link_count(), 15u);
    EXPECT_EQ(topology::build(topology_kind::ring, 0, 6, {}).link_count(), 6u);
    const topology tree = topology::build(topology_kind::tree, 1, 6, {}, 2);
    EXPECT_EQ(tree.link_count(), 6u);
    EXPECT_TRUE(tree.link_between(0, 1) && tree.link_between(0, 2) && tree.link_between(2, 5));
    for (auto kind : {topology_kind::mesh, topology_kind::ring, topology_kind::tree})
        EXPECT_EQ(component_count(topology::build(kind, 0, 9, {})), 1u) << to_string(kind);
}

TEST(topology, random_graphs_are_connected_and_reproducible) {
    const random_graph_params params{.edge_probability = 0.05, .neighbours = 4,
                                     .rewire_probability = 0.2, .alpha = 2.5, .beta = 200};
    for (auto kind : {topology_kind::erdos_renyi, topology_kind::small_world,
                      topology_kind::scale_free}) {
        const topology a = topology::build(kind, 0, 60, {}, 2, params, 7);
        const topology b = topology::build(kind, 0, 60, {}, 2, params, 7);
        const topology c = topology::build(kind, 0, 60, {}, 2, params, 8);
        EXPECT_EQ(component_count(a), 1u) << to_string(kind);
        EXPECT_GE(a.link_count(), 59u) << to_string(kind);
        ASSERT_EQ(a.link_count(), b.link_count()) << to_string(kind);
        for (link_id l = 0; l < a.link_count(); ++l)
            EXPECT_TRUE(a.link_at(l).a == b.link_at(l).a && a.link_at(l).b == b.link_at(l).b);
        bool differs = a.link_count() != c.link_count();
        for (link_id l = 0; !differs && l < a.link_count(); ++l)
            differs = a.link_at(l).a != c.link_at(l).a || a.link_at(l).b != c.link_at(l).b;
        EXPECT_TRUE(differs) << to_string(kind) << ": another seed gave the same graph";
    }
    // Small-world: n * k / 2 ring links before rewiring, kept in number.
    EXPECT_NEAR(topology::build(topology_kind::small_world, 0, 60, {}, 2,
                                {.neighbours = 4, .rewire_probability = 0.0}, 1)
                    .link_count(),
                120u, 0);
}

link_config with_latency(time_ns latency) {
    link_config c;
    c.latency = latency_distribution::constant(latency);
    return c;
}

TEST(topology, routes_follow_the_lowest_total_latency) {
    topology t;
    const node_id a = t.add_node("a", node_role::client);
    const node_id b = t.add_node("b", node_role::client);
    const node_id c = t.add_node("c", node_role::client);
    t.add_link(a, b, with_latency(10 * ns_per_ms));
    t.add_link(b, c, with_latency(10 * ns_per_ms));
    const link_id direct = t.add_link(a, c, with_latency(50 * ns_per_ms));
    const auto route = t.route(a, c);
    ASSERT_TRUE(route);
    EXPECT_EQ(route->size(), 2u); // 20 ms through b beats 50 ms direct
    t.link_at(direct).config = with_latency(15 * ns_per_ms);
    topology u;
    for (const char* n : {"a", "b", "c"})
        u.add_node(n, node_role::client);
    u.add_link(0, 1, with_latency(10 * ns_per_ms));
    u.add_link(1, 2, with_latency(10 * ns_per_ms));
    u.add_link(0, 2, with_latency(15 * ns_per_ms));
    const auto shorter = u.route(0, 2);
    ASSERT_TRUE(shorter);
    ASSERT_EQ(shorter->size(), 1u);
    EXPECT_EQ((*shorter)[0].link, 2u);
    EXPECT_FALSE((*shorter)[0].reverse);
    const auto back = u.route(2, 0);
    ASSERT_TRUE(back);
    EXPECT_TRUE((*back)[0].reverse);
}

TEST(topology, group_overrides_change_the_links_between_two_groups_and_the_routes) {
    topology t = topology::build(topology_kind::mesh, 0, 4, with_latency(ns_per_ms));
    std::string error;
    // Make every link touching client-3 slow: routes to it still go direct (one hop
    // at 30 ms beats two hops with one of them slow), but the weights changed.
    EXPECT_EQ(t.configure_links(*t.select("client-3", error), *t.select("client-0..2", error),
                                with_latency(30 * ns_per_ms)),
              3u);
    EXPECT_EQ(t.link_at(*t.link_between(0, 3)).config.latency.mean_ns(), 30e6);
    EXPECT_EQ(t.link_at(*t.link_between(0, 1)).config.latency.mean_ns(), 1e6);
    // Make client-0 to client-1 slow too: the route goes round through client-2.
    t.configure_links({0}, {1}, with_latency(30 * ns_per_ms));
    EXPECT_EQ(t.route(0, 1)->size(), 2u);
}

TEST(topology, blocked_hops_force_another_route_or_none) {
    const topology ring = topology::build(topology_kind::ring, 0, 4, {});
    // client-0 -> client-1 directly, unless that hop is blocked: then the long way.
    EXPECT_EQ(ring.route(0, 1)->size(), 1u);
    const auto around = ring.route(0, 1, [](link_id l, bool) { return l == 0; });
    ASSERT_TRUE(around);
    EXPECT_EQ(around->size(), 3u);
    EXPECT_FALSE(ring.route(0, 1, [](link_id, bool) { return true; }));
}

TEST(topology, selects_nodes_by_name_range_and_role) {
    const topology t = topology::build(topology_kind::star, 1, 10, {});
    std::string error;
    EXPECT_EQ(t.select("client-0..4", error)->size(), 5u);
    EXPECT_EQ(t.select("servers", error)->size(), 1u);
    EXPECT_EQ(t.select("clients", error)->size(), 10u);
    EXPECT_EQ(t.select("all", error)->size(), 11u);
    EXPECT_EQ(t.select("client-7", error)->front(), 8u);
    EXPECT_FALSE(t.select("client-5..12", error));
    EXPECT_EQ(error, "range 'client-5..12' names 'client-10', which does not exist");
    EXPECT_FALSE(t.select("router-1", error));
    EXPECT_EQ(error, "no node named 'router-1'");
    EXPECT_FALSE(t.select("client-4..2", error));
}

} // namespace
} // namespace immersim::net
