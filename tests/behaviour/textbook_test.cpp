// Textbook behaviours each strategy must show. Every test here fails on a wrong
// implementation: the baseline loses what it should, the strategy keeps what it
// promises, and the oracle counts what happened.
#include "scenario_runs.hpp"

#include "immersim/strategies/merge_functions.hpp"

namespace immersim {
namespace {

// Ten clients increment one counter through a server, fast enough to overlap.
const std::string counter_world = R"(
name: counter
duration: 20s
topology: { kind: star, clients: 10, servers: 1, link: { latency: 30ms, jitter: 20ms } }
state: { initial: { likes: 0 } }
workload: { rate_per_client: 4/s, ops: [ { increment: likes } ] }
compare:
  - none
  - merge: { paths: { likes: sum } }
  - occ: { validate: version, on_conflict: notify }
  - crdt
)";

// Within the authority's capacity: one counter, version validation, five clients
// at one operation per second (ten clients at four per second are a retry storm:
// the queues never drain, which the occ lesson shows).
const std::string occ_world = R"(
name: occ
duration: 20s
topology: { kind: star, clients: 5, servers: 1, link: { latency: 30ms, jitter: 20ms } }
state: { initial: { likes: 0 } }
workload: { rate_per_client: 1/s, ops: [ { increment: likes } ] }
compare:
  - occ: { validate: version, on_conflict: retry, max_retries: 100, backoff: 20ms }
  - occ: { validate: version, on_conflict: notify }
)";

TEST(textbook, blind_overwrite_loses_concurrent_increments_and_sum_merge_loses_none) {
    const auto s = load(counter_world);
    ASSERT_TRUE(s);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const run_result none = run_named(s, "none", seed);
        const run_result merge = run_named(s, "merge", seed);
        EXPECT_GT(metric_of(none, metric::lost_increments), 0) << "seed " << seed;
        EXPECT_GT(metric_of(none, metric::overwritten_writes), 0) << "seed " << seed;
        EXPECT_EQ(metric_of(merge, metric::lost_increments), 0) << "seed " << seed;
        EXPECT_GT(metric_of(merge, metric::merge_conflicts), 0) << "seed " << seed;
        // Same seeds, same intents: the comparison is paired.
        EXPECT_EQ(metric_of(none, metric::operations), metric_of(merge, metric::operations));
    }
}

TEST(textbook, occ_retry_commits_every_intent_and_notify_aborts_some) {
    const auto s = load(occ_world);
    ASSERT_TRUE(s);
    const run_result retry = run_named(s, "occ version/retry 100", 7);
    const run_result notify = run_named(s, "occ version/notify", 7);
    EXPECT_EQ(metric_of(retry, metric::lost_increments), 0);
    EXPECT_EQ(metric_of(retry, metric::aborted), 0);
    EXPECT_GT(metric_of(retry, metric::retried), 0);
    EXPECT_EQ(metric_of(retry, metric::committed), metric_of(retry, metric::operations));
    EXPECT_GT(metric_of(notify, metric::aborted), 0);
    EXPECT_EQ(metric_of(notify, metric::aborted), metric_of(notify, metric::surfaced_to_user));
    EXPECT_LT(metric_of(notify, metric::committed), metric_of(notify, metric::operations));
    EXPECT_EQ(metric_of(notify, metric::committed) + metric_of(notify, metric::aborted),
              metric_of(notify, metric::operations));
    // Aborted intents were told to the user: they are not lost silently.
    EXPECT_EQ(metric_of(notify, metric::lost_increments), 0);
}

TEST(textbook, crdt_counters_lose_nothing_and_converge) {
    const auto s = load(counter_world);
    ASSERT_TRUE(s);
    const run_result crdt = run_named(s, "crdt", 3);
    EXPECT_EQ(metric_of(crdt, metric::lost_increments), 0);
    EXPECT_EQ(metric_of(crdt, metric::converged), 1);
}

TEST(textbook, path_validation_rejects_fewer_than_version_validation_on_disjoint_writes) {
    const auto s = load(R"(
name: disjoint
duration: 20s
topology: { kind: star, clients: 8, servers: 1, link: { latency: 30ms } }
state: { initial: { counters: { generate: 64, template: 0 } } }
workload:
  rate_per_client: 4/s
  ops: [ { increment: "counters/{c}" } ]
  keys: { c: { dist: uniform, n: 64 } }
compare:
  - occ: { validate: version, on_conflict: notify }
  - occ: { validate: path, on_conflict: notify }
)");
    ASSERT_TRUE(s);
    const run_result version = run_named(s, "occ version/notify", 5);
    const run_result path = run_named(s, "occ path/notify", 5);
    EXPECT_GT(metric_of(version, metric::aborted), 4 * metric_of(path, metric::aborted));
    EXPECT_GT(metric_of(path, metric::committed), metric_of(version, metric::committed));
}

// client-0's clock runs 400 ms behind. It writes `x` after it has seen the others'
// writes, yet its timestamps are older: LWW by physical time discards it (a write
// that happened earlier in true time wins); an HLC carries causality and does not.
const std::string skew_world = R"(
name: skew
duration: 30s
topology: { kind: star, clients: 3, servers: 1, link: { latency: 10ms } }
clocks: { fixed_offsets: { client-0: -400ms } }
state: { initial: { x: 0 } }
workload: { rate_per_client: 2/s, ops: [ { set: x, value: random_int } ] }
compare:
  - resolver: { rule: lww, clock: physical }
  - resolver: { rule: lww, clock: hlc }
  - resolver: { rule: lww, clock: lamport }
)";

TEST(textbook, lww_by_a_skewed_physical_clock_loses_later_writes_and_hlc_does_not) {
    const auto s = load(skew_world);
    ASSERT_TRUE(s);
    testing::decision_log physical_log;
    const run_result physical = run_named(s, "resolver lww/physical", 11, &physical_log);
    const run_result hlc = run_named(s, "resolver lww/hlc", 11);
    const run_result lamport = run_named(s, "resolver lww/lamport", 11);
    EXPECT_GT(metric_of(physical, metric::causality_violations), 0);
    EXPECT_GE(metric_of(physical, metric::overwritten_writes),
              metric_of(physical, metric::causality_violations));
    // The slow clock's client is the one that keeps losing.
    const std::uint32_t client0 = 1; // node ids: servers first
    EXPECT_GT(physical_log.count(client0, "discarded"), physical_log.count(2, "discarded"));
    EXPECT_EQ(metric_of(hlc, metric::causality_violations), 0);
    EXPECT_EQ(metric_of(lamport, metric::causality_violations), 0);
    EXPECT_LT(metric_of(hlc, metric::overwritten_writes),
              metric_of(physical, metric::overwritten_writes));
}

TEST(textbook, priority_keeps_the_favoured_clients_write_on_every_conflict) {
    const auto s = load(R"(
name: favour
duration: 30s
topology: { kind: star, clients: 4, servers: 1, link: { latency: { dist: uniform, min: 5ms, max: 80ms } } }
state: { initial: { x: 0 } }
workload: { rate_per_client: 3/s, ops: [ { set: x, value: random_int } ] }
compare:
  - resolver: { rule: priority, favour: client-2 }
  - resolver: { rule: lww, clock: hlc }
)");
    ASSERT_TRUE(s);
    const std::uint32_t favoured = 3; // client-2 after server-0
    testing::decision_log priority_log, lww_log;
    run_named(s, "resolver priority", 21, &priority_log);
    run_named(s, "resolver lww/hlc", 21, &lww_log);
    EXPECT_EQ(priority_log.count(favoured, "discarded"), 0u);
    std::size_t others_lost = 0;
    for (std::uint32_t n = 1; n <= 4; ++n)
        if (n != favoured)
            others_lost += priority_log.count(n, "discarded");
    EXPECT_GT(others_lost, 0u);
    // Without the rule, the same client does lose some.
    EXPECT_GT(lww_log.count(favoured, "discarded"), 0u);
}

TEST(textbook, first_writer_wins_keeps_the_first_of_concurrent_writes) {
    const auto s = load(R"(
name: fww
duration: 20s
topology: { kind: star, clients: 4, servers: 1, link: { latency: 40ms } }
state: { initial: { x: 0 } }
workload: { rate_per_client: 3/s, ops: [ { set: x, value: random_int } ] }
compare: [ { resolver: { rule: fww } } ]
)");
    ASSERT_TRUE(s);
    const run_result r = run_named(s, "resolver fww", 2);
    EXPECT_GT(metric_of(r, metric::overwritten_writes), 0);
    EXPECT_EQ(metric_of(r, metric::causality_violations), 0); // fww never drops a write that knew
    EXPECT_EQ(metric_of(r, metric::converged), 1);
}

TEST(textbook, sets_merged_by_union_keep_concurrent_adds_and_lww_loses_some) {
    const auto s = load(R"(
name: sets
duration: 20s
topology: { kind: star, clients: 6, servers: 1, link: { latency: 40ms } }
state: { initial: { tags: [] } }
workload: { rate_per_client: 3/s, ops: [ { add: tags, members: 100000 } ] }
compare:
  - merge: { name: by union, paths: { tags: union } }
  - merge: { name: by lww, paths: { "*": lww } }
  - crdt
)");
    ASSERT_TRUE(s);
    const run_result by_union = run_named(s, "by union", 4);
    const run_result by_lww = run_named(s, "by lww", 4);
    const run_result crdt = run_named(s, "crdt", 4);
    EXPECT_EQ(metric_of(by_union, metric::lost_set_adds), 0);
    EXPECT_GT(metric_of(by_lww, metric::lost_set_adds), 0);
    EXPECT_EQ(metric_of(crdt, metric::lost_set_adds), 0);
}

} // namespace
} // namespace immersim

namespace immersim {
namespace {

// A purchase takes one from stock and counts one sale, in one transaction.
TEST(transactions, apply_all_parts_or_none_and_are_merged_as_one_change) {
    const auto s = load(R"(
name: shop
duration: 20s
topology: { kind: star, clients: 6, servers: 1, link: { latency: 30ms } }
state: { initial: { stock: 1000, sold: 0 } }
invariants:
  - { name: stock never negative, path: stock, min: 0 }
  - { name: at most five sales, path: sold, max: 5 }
  - { name: there is a price, path: price, exists: true }
workload:
  rate_per_client: 2/s
  ops: [ { transaction: [ { increment: stock, amount: -1 }, { increment: sold } ] } ]
compare:
  - none
  - merge: { paths: { stock: sum, sold: sum } }
  - crdt
)");
    ASSERT_TRUE(s);
    const run_result none = run_named(s, "none", 3);
    const run_result merge = run_named(s, "merge", 3);
    const run_result crdt = run_named(s, "crdt", 3);
    EXPECT_GT(metric_of(none, metric::lost_increments), 0);
    EXPECT_EQ(metric_of(merge, metric::lost_increments), 0);
    EXPECT_EQ(metric_of(crdt, metric::lost_increments), 0);
    // stock stays positive, more than five sales, no price: two of three violated.
    EXPECT_EQ(metric_of(merge, metric::invariant_violations), 2);
    EXPECT_EQ(metric_of(crdt, metric::invariant_violations), 2);
    EXPECT_EQ(metric_of(merge, metric::changes), metric_of(merge, metric::operations));
}

TEST(transactions, a_part_that_cannot_apply_leaves_the_others_undone) {
    const auto s = load(R"(
name: half
duration: 10s
topology: { kind: star, clients: 3, servers: 1 }
state: { initial: { n: 0 } }
workload:
  rate_per_client: 2/s
  ops: [ { transaction: [ { increment: n }, { set: "missing/x", value: 1 } ] } ]
compare: [ none ]
)");
    ASSERT_TRUE(s);
    const run_result r = run_named(s, "none", 1);
    EXPECT_GT(metric_of(r, metric::operations), 0);
    EXPECT_EQ(metric_of(r, metric::failed_intents), metric_of(r, metric::operations));
    EXPECT_EQ(metric_of(r, metric::changes), 0);
    EXPECT_EQ(metric_of(r, metric::messages), 0); // nothing changed, nothing to send
}

} // namespace
} // namespace immersim

namespace immersim {
namespace {

// A user's merge function, registered in C++ by name, used by a scenario.
TEST(user_merge_functions, are_usable_by_name_once_registered) {
    const std::string yaml = R"(
name: user-function
duration: 15s
topology: { kind: star, clients: 5, servers: 1, link: { latency: 40ms } }
state: { initial: { n: 0 } }
workload: { rate_per_client: 3/s, ops: [ { increment: n } ] }
compare: [ { merge: { paths: { n: count-calls } } } ]
)";
    // Unknown before registration: a scenario error naming the choices.
    const scenario_load_result before = load_scenario_text(yaml, "user.yaml");
    ASSERT_FALSE(before.value.has_value());
    EXPECT_NE(before.errors.front().message.find("count-calls"), std::string::npos);

    static int calls = 0; // runs are single-threaded here
    strategies::register_merge_function("count-calls", [](const strategies::merge_input& in) {
        ++calls;
        // Like sum: base + both deltas.
        const auto at = [](const state::value* v) { return v ? v->as_int() : std::int64_t{0}; };
        return strategies::merge_output{state::value(at(in.ours) + at(in.theirs) - at(in.base)), 0, 0};
    });
    const auto s = testing::load(yaml);
    ASSERT_TRUE(s);
    const run_result r = run_named(s, "merge", 9);
    EXPECT_GT(calls, 0);
    EXPECT_EQ(calls, static_cast<int>(testing::metric_of(r, metrics::metric::merge_conflicts)));
    EXPECT_EQ(testing::metric_of(r, metrics::metric::lost_increments), 0);
}

} // namespace
} // namespace immersim
