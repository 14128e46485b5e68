#include "immersim/net/topology_import.hpp"

#include <gtest/gtest.h>

namespace immersim::net {
namespace {

const std::string data = IMMERSIM_TEST_DATA_DIR;

TEST(topology_import, reads_a_dot_file_with_roles_and_edge_latency) {
    const auto loaded = load_topology_file(data + "/two_sites.dot", {});
    ASSERT_TRUE(loaded.value) << format_diagnostic(loaded.errors.front());
    const topology& t = *loaded.value;
    EXPECT_EQ(t.node_count(), 5u);
    EXPECT_EQ(t.link_count(), 5u);
    EXPECT_EQ(t.role(*t.find("server-0")), node_role::server);
    EXPECT_EQ(t.role(*t.find("edge-router")), node_role::server); // role=server attribute
    EXPECT_EQ(t.role(*t.find("client-0")), node_role::client);
    const auto wan = t.link_between(*t.find("server-0"), *t.find("edge-router"));
    ASSERT_TRUE(wan);
    EXPECT_EQ(t.link_at(*wan).config.latency.mean_ns(), 40e6);
    EXPECT_EQ(t.link_at(*wan).config.loss, 0.01);
}

TEST(topology_import, reads_a_graphml_file) {
    const auto loaded = load_topology_file(data + "/triangle.graphml", {});
    ASSERT_TRUE(loaded.value) << format_diagnostic(loaded.errors.front());
    const topology& t = *loaded.value;
    EXPECT_EQ(t.node_count(), 3u);
    EXPECT_EQ(t.link_count(), 3u);
    EXPECT_EQ(t.role(*t.find("hub")), node_role::server);
    const auto slow = t.link_between(*t.find("a"), *t.find("b"));
    ASSERT_TRUE(slow);
    EXPECT_EQ(t.link_at(*slow).config.latency.mean_ns(), 75e6);
}

TEST(topology_import, malformed_dot_names_the_file_and_line) {
    const auto loaded = load_topology_file(data + "/malformed.dot", {});
    ASSERT_FALSE(loaded.value);
    ASSERT_EQ(loaded.errors.size(), 1u);
    EXPECT_EQ(format_diagnostic(loaded.errors[0]),
              data + "/malformed.dot:4: error: Graphviz: Wanted \"subgraph\", \"{\", or "
                     "identifier to start node or subgraph (token is \"<semicolon> ';'\")");
}

TEST(topology_import, malformed_graphml_names_the_file_and_line) {
    const auto loaded = load_topology_file(data + "/malformed.graphml", {});
    ASSERT_FALSE(loaded.value);
    ASSERT_EQ(loaded.errors.size(), 1u);
    EXPECT_EQ(loaded.errors[0].line, 5);
    EXPECT_NE(loaded.errors[0].message.find("GraphML"), std::string::npos);
}

TEST(topology_import, bad_edge_attributes_and_missing_files_are_errors) {
    EXPECT_EQ(format_diagnostic(load_topology_text("graph g { a -- b [latency=\"soon\"]; }",
                                                   "x.dot", {})
                                    .errors.at(0)),
              "x.dot: error: edge latency 'soon': expected a non-negative duration such as "
              "250us, 5ms, 1.5s or 2m");
    EXPECT_EQ(load_topology_file("/nonexistent.dot", {}).errors.at(0).message,
              "cannot open the topology file");
    EXPECT_FALSE(load_topology_text("", "x.csv", {}).value);
}

} // namespace
} // namespace immersim::net
