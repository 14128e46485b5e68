// The sequence CRDT (RGA) behind list insert/remove_at under `crdt`: concurrent
// inserts all survive, every replica ends with the same order, and the tombstones
// a removal leaves are counted in metadata_bytes.
#include "immersim/state/patch.hpp"
#include "scenario_runs.hpp"

namespace immersim {
namespace {

// Counts the sequence edits clients made (each one a change that travels), and
// keeps the list replica 0 shows after its last integration.
struct sequence_edits final : trace_sink {
    void record(const trace_record& r) override {
        if (r.kind == trace_kind::decision && r.node == 0)
            if (const state::value* log = state::value_at(r.after, {std::string("log")}))
                final_length = static_cast<double>(log->size());
        if (r.kind != trace_kind::operation)
            return;
        inserts += r.detail.rfind("insert ", 0) == 0;
        removals += r.detail.rfind("remove_at ", 0) == 0;
    }
    double inserts = 0, removals = 0, final_length = 0;
};

std::string list_world(const std::string& topology, const std::string& ops) {
    return R"(
name: shared log
duration: 6s
topology: )" +
           topology + R"(
state: { initial: { log: [a, b, c] } }
workload:
  rate_per_client: 4/s
  ops: )" + ops +
           R"(
compare: [ crdt, none ]
)";
}

const char* const topologies[] = {
    "{ kind: mesh, clients: 4, servers: 0, link: { latency: 30ms, jitter: 40ms, fifo: false } }",
    "{ kind: mesh, clients: 4, servers: 0, replication: gossip, gossip_interval: 200ms, "
    "link: { latency: 30ms, jitter: 40ms } }",
    "{ kind: star, clients: 4, servers: 1, link: { latency: 30ms, jitter: 40ms, fifo: false } }",
};

TEST(sequence_crdt, concurrent_inserts_all_survive_in_one_order_on_every_replica) {
    for (const char* topology : topologies)
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const auto s = load(list_world(topology, "[ { insert: log, value: random_word } ]"));
            ASSERT_TRUE(s);
            sequence_edits edits;
            const run_result crdt = run_named(s, "crdt", seed, &edits);
            EXPECT_EQ(metric_of(crdt, metric::converged), 1) << topology << " seed " << seed;
            EXPECT_EQ(metric_of(crdt, metric::overwritten_writes), 0);
            EXPECT_GT(metric_of(crdt, metric::conflicting_changes), 0); // they were concurrent
            EXPECT_EQ(edits.final_length, 3 + edits.inserts) << "no insert lost";
            // Every element ever inserted is there: 8 bytes of id each, on each replica.
            EXPECT_EQ(metric_of(crdt, metric::metadata_max_replica_bytes), 8 * (3 + edits.inserts))
                << topology << " seed " << seed;
        }
}

TEST(sequence_crdt, the_baseline_loses_concurrent_inserts_the_crdt_keeps) {
    const auto s = load(list_world(topologies[2], "[ { insert: log, value: random_word } ]"));
    ASSERT_TRUE(s);
    sequence_edits none_edits, crdt_edits;
    const run_result none = run_named(s, "none", 2, &none_edits);
    const run_result crdt = run_named(s, "crdt", 2, &crdt_edits);
    EXPECT_GT(metric_of(none, metric::overwritten_writes), 0);
    EXPECT_LT(none_edits.final_length, 3 + none_edits.inserts);
    EXPECT_EQ(metric_of(crdt, metric::overwritten_writes), 0);
    EXPECT_EQ(crdt_edits.final_length, 3 + crdt_edits.inserts);
}

TEST(sequence_crdt, removals_leave_tombstones_counted_in_metadata_and_lose_no_intent) {
    for (const char* topology : topologies)
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const auto s = load(list_world(
                topology,
                "[ { weight: 2, insert: log, value: random_word }, { remove_at: log } ]"));
            ASSERT_TRUE(s);
            sequence_edits edits;
            const run_result crdt = run_named(s, "crdt", seed, &edits);
            EXPECT_EQ(metric_of(crdt, metric::converged), 1) << topology << " seed " << seed;
            EXPECT_GT(edits.removals, 0);
            EXPECT_EQ(metric_of(crdt, metric::lost_increments), 0);
            EXPECT_EQ(metric_of(crdt, metric::lost_set_adds), 0);
            EXPECT_EQ(metric_of(crdt, metric::resurrected_removes), 0);
            // Removed elements stay as tombstones: the count is of every element ever.
            EXPECT_EQ(metric_of(crdt, metric::metadata_max_replica_bytes), 8 * (3 + edits.inserts))
                << topology << " seed " << seed;
        }
}

TEST(sequence_crdt, a_list_edited_as_a_set_and_as_a_sequence_is_refused) {
    const scenario_load_result loaded = load_scenario_text(
        list_world(topologies[0], "[ { insert: log, value: x }, { add: log, value: y } ]"),
        "mixed.yaml");
    ASSERT_FALSE(loaded.value.has_value());
    ASSERT_EQ(loaded.errors.size(), 1U);
    EXPECT_NE(loaded.errors[0].message.find("either as a set (add/remove) or as a sequence"),
              std::string::npos)
        << loaded.errors[0].message;
}

} // namespace
} // namespace immersim
