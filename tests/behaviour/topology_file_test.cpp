// `topology: { file: ... }`: a scenario's nodes and links from a DOT or GraphML
// file, with per-edge link keys, and every mistake in the file reported at its
// place in the file.
#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"

#include <gtest/gtest.h>

namespace immersim {
namespace {

const std::string data = std::string(IMMERSIM_TEST_DATA_DIR) + "/topology";

// A scenario beside the topology files (paths in it are relative to its folder).
study_load_result load(const std::string& topology_keys) {
    const std::string text = "name: t\nseeds: 2\nduration: 5s\n"
                             "topology: " +
                             topology_keys +
                             "\n"
                             "workload: { rate_per_client: 2/s, ops: [ { increment: n } ] }\n"
                             "compare: [ none, { merge: { paths: { n: sum } } } ]\n";
    return load_study_text(text, data + "/scenario.yaml", {});
}

std::vector<std::string> messages(const study_load_result& study) {
    std::vector<std::string> out;
    for (const diagnostic& d : study.errors)
        out.push_back(format_diagnostic(d));
    return out;
}

TEST(topology_file, names_roles_and_links_come_from_the_file) {
    const auto study = load("{ file: office.dot, link: { latency: 7ms } }");
    ASSERT_TRUE(study.errors.empty()) << messages(study).front();
    const topology_config& t = study.points.front().world->topology;
    EXPECT_EQ(t.servers, 1u);
    EXPECT_EQ(t.clients, 3u);
    // Servers first, then clients in file order: the numbering the protocols use.
    EXPECT_EQ(node_names(t), (std::vector<std::string>{"hq", "alice", "bob", "carol"}));
    ASSERT_EQ(t.file_links.size(), 3u);
    const auto& to_alice = t.file_links[0];
    EXPECT_EQ(to_alice.config.latency.mean_ns(), 7e6); // no attribute: the `link:` default
    const auto& to_bob = t.file_links[1];
    EXPECT_EQ(to_bob.config.latency.spec.kind, distribution_kind::lognormal);
    EXPECT_EQ(to_bob.config.latency.spec.a, 80e6); // the median
    EXPECT_EQ(to_bob.config.loss, 0.02);
    EXPECT_EQ(to_bob.config.bandwidth_bytes_per_s, 125000.0);
    EXPECT_EQ(t.file_links[2].config.latency.mean_ns(), 2e6);
}

TEST(topology_file, runs_converge_and_the_sum_loses_nothing_across_the_routed_client) {
    const auto study = load("{ file: office.dot }");
    ASSERT_TRUE(study.errors.empty()) << messages(study).front();
    for (const run_spec& spec : expand_runs(study.points.front().world, std::nullopt, 0)) {
        const run_result r = run_once(spec);
        EXPECT_EQ(r.metrics[metrics::metric::converged], 1.0) << r.strategy_label;
        if (r.strategy_label != "none") {
            EXPECT_EQ(r.metrics[metrics::metric::lost_increments], 0.0);
        }
    }
}

TEST(topology_file, every_bad_attribute_is_reported_where_the_file_writes_it) {
    const std::string file = data + "/bad-links.dot";
    EXPECT_EQ(messages(load("{ file: bad-links.dot }")),
              (std::vector<std::string>{
                  file + ":3:21: error: 'latency' is missing the required key 'sigma'",
                  file + ":4:18: error: 'loss' must be a number from 0 to 0.99, got '2'",
                  file + ":5:11: error: node 'c': role 'router' must be server or client"}));
    EXPECT_EQ(messages(load("{ file: bad-links.graphml }")),
              (std::vector<std::string>{
                  data + "/bad-links.graphml:7:54: error: 'latency': expected a non-negative "
                         "duration such as 250us, 5ms, 1.5s or 2m, got 'fast'"}));
}

TEST(topology_file, a_disconnected_or_missing_file_and_generator_keys_are_errors) {
    EXPECT_EQ(messages(load("{ file: islands.dot }")),
              (std::vector<std::string>{
                  data + "/scenario.yaml:4:19: error: the topology in '" + data +
                  "/islands.dot' is not connected: 'a' has no path to 'b' (every node must "
                  "reach every other)"}));
    EXPECT_EQ(messages(load("{ file: nowhere.dot }")),
              (std::vector<std::string>{
                  data + "/scenario.yaml:4:19: error: cannot open the topology file '" + data +
                  "/nowhere.dot' (a path is relative to the scenario's folder)"}));
    EXPECT_EQ(messages(load("{ file: office.dot, clients: 3 }")),
              (std::vector<std::string>{
                  data + "/scenario.yaml:4:40: error: 'clients' comes from the topology file (its "
                         "nodes and edges): remove it, or remove 'file'"}));
}

// A problem the readers cannot place in the file stands at the scenario's `file` key:
// every diagnostic has a line and a column (the loader fuzzer holds the loader to it).
TEST(topology_file, problems_without_a_place_in_the_file_stand_at_the_file_key) {
    EXPECT_EQ(messages(load("{ file: notes.txt }")),
              (std::vector<std::string>{
                  data + "/scenario.yaml:4:19: error: the topology file '" + data +
                  "/notes.txt': unknown topology file type '.txt' (expected .dot, .gv, "
                  ".graphml or .xml)"}));
    EXPECT_EQ(messages(load("{ file: no-graph.graphml }")),
              (std::vector<std::string>{
                  data + "/scenario.yaml:4:19: error: the topology file '" + data +
                  "/no-graph.graphml': GraphML: expected a <graphml> element with a <graph> "
                  "inside"}));
}

} // namespace
} // namespace immersim
