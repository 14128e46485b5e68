// `metadata_bytes`: what each strategy keeps to decide, by the formulas of
// docs/metrics.md, checked exactly in worlds small enough to count by hand.
#include "scenario_runs.hpp"

namespace immersim {
namespace {

// Three clients set one place through a server: the authority ends with exactly
// one register, and no client keeps any (only the authority integrates).
const std::string one_register = R"(
name: one register
duration: 5s
topology: { kind: star, clients: 3, servers: 1, link: { latency: 20ms, jitter: 10ms } }
state: { initial: { title: "a" } }
workload: { rate_per_client: 4/s, ops: [ { set: title, value: "b" }, { set: title, value: "c" } ] }
compare:
  - none
  - merge
  - resolver: { rule: lww, clock: physical }
  - resolver: { rule: lww, clock: lamport }
  - resolver: { rule: lww, clock: hlc }
  - resolver: { rule: fww }
  - resolver: { rule: priority, favour: client-0 }
  - occ: { validate: version, on_conflict: notify }
  - occ: { validate: path, on_conflict: notify }
)";

TEST(metadata, a_register_costs_what_its_rule_compares) {
    const auto s = load(one_register);
    ASSERT_TRUE(s);
    const std::pair<const char*, double> expected[] = {
        {"none", 0},                   // decides with nothing
        {"merge", 0},                  // decides with the states the change carries
        {"resolver lww/physical", 12}, // timestamp 8 + node 4
        {"resolver lww/lamport", 12},
        {"resolver lww/hlc", 16},  // HLC 12 + node 4
        {"resolver fww", 12},      // version tag 8 + node 4
        {"resolver priority", 24}, // version tag, node and HLC
        {"occ version/notify", 0}, // the authority's version only
    };
    for (const auto& [label, bytes] : expected) {
        const run_result r = run_named(s, label, 5);
        EXPECT_EQ(metric_of(r, metric::metadata_bytes), bytes) << label;
        EXPECT_EQ(metric_of(r, metric::metadata_max_replica_bytes), bytes) << label;
        EXPECT_EQ(metric_of(r, metric::metadata_peak_bytes), bytes) << label;
    }
}

TEST(metadata, occ_path_validation_keeps_a_log_entry_per_accepted_change) {
    const auto s = load(one_register);
    ASSERT_TRUE(s);
    const run_result r = run_named(s, "occ path/notify", 5);
    const double committed = metric_of(r, metric::committed);
    EXPECT_GT(committed, 10);
    // Each entry: its version (8) and the path "title" (5 characters + 1).
    EXPECT_EQ(metric_of(r, metric::metadata_bytes), committed * (8 + 6));
}

// Peer to peer, everyone adds and removes one member of one set. Each add that
// changed something is a tag; once every replica has every operation, each tag is
// live or a tombstone on every replica: 8 bytes a tag, a replica.
TEST(metadata, crdt_sets_keep_a_tag_per_add_and_count_their_tombstones) {
    const auto s = load(R"(
name: tombstones
duration: 5s
topology: { kind: mesh, clients: 3, servers: 0, link: { latency: 20ms, jitter: 15ms } }
state: { initial: { tags: [] } }
workload:
  rate_per_client: 5/s
  ops: [ { add: tags, value: "x" }, { remove: tags, value: "x" } ]
compare: [ crdt ]
)");
    ASSERT_TRUE(s);
    struct add_counter final : trace_sink {
        void record(const trace_record& r) override {
            if (r.kind == trace_kind::operation && r.detail.rfind("add ", 0) == 0)
                ++adds;
            if (r.kind == trace_kind::operation && r.detail.rfind("remove ", 0) == 0)
                ++removes;
        }
        double adds = 0, removes = 0;
    } counted;
    const run_result r = run_named(s, "crdt", 3, &counted);
    ASSERT_EQ(metric_of(r, metric::converged), 1);
    EXPECT_GT(counted.adds, 5);
    EXPECT_GT(counted.removes, 5); // so that tombstones are part of the count
    EXPECT_EQ(metric_of(r, metric::metadata_max_replica_bytes), 8 * counted.adds);
    EXPECT_EQ(metric_of(r, metric::metadata_bytes), 3 * 8 * counted.adds);
    EXPECT_GE(metric_of(r, metric::metadata_peak_bytes), metric_of(r, metric::metadata_bytes));
}

} // namespace
} // namespace immersim

namespace immersim {
namespace {

// `delivery_metadata_bytes`: what the replication protocol keeps to deliver, by the
// formulas of docs/metrics.md, once every change has been delivered everywhere.
std::string small_world(const std::string& topology, const std::string& strategy) {
    return R"(
name: delivery
duration: 5s
drain: 5s
topology: )" +
           topology + R"(
state: { initial: { likes: 0 } }
workload: { rate_per_client: 3/s, ops: [ { increment: likes } ] }
compare: [ )" +
           strategy + " ]\n";
}

TEST(delivery_metadata, follows_each_protocols_formula_after_the_run_drains) {
    // Client-server, 1 server + 4 clients (N = 5), all versions adopted: every
    // replica keeps its version number (8), the authority also the next count per
    // node (8 N) and the one version it still retains (32).
    const auto cs = load(
        small_world("{ kind: star, clients: 4, servers: 1, link: { latency: 20ms } }", "none"));
    EXPECT_EQ(metric_of(run_named(cs, "none", 1), metric::delivery_metadata_bytes),
              8 * 5 + 8 * 5 + 32);
    // Op broadcast through the server: a version vector of N entries per replica.
    const auto op = load(
        small_world("{ kind: star, clients: 4, servers: 1, link: { latency: 20ms } }", "crdt"));
    EXPECT_EQ(metric_of(run_named(op, "crdt", 1), metric::delivery_metadata_bytes), 8 * 5 * 5);
    // Gossip among 4 peers: the version vector, an offset per peer, and the whole
    // log of changes, each at least a 64-byte header, on every replica.
    const auto g = load(small_world(
        "{ kind: mesh, clients: 4, servers: 0, link: { latency: 20ms }, replication: gossip, "
        "gossip_interval: 200ms }",
        "crdt"));
    const run_result gossiped = run_named(g, "crdt", 1);
    const double changes = metric_of(gossiped, metric::changes);
    ASSERT_GT(changes, 10);
    EXPECT_GE(metric_of(gossiped, metric::delivery_metadata_bytes),
              4 * (8 * 4 + 8 * 3) + 4 * 64 * changes);
}

} // namespace
} // namespace immersim
