// The behaviour every strategy owes its users, checked for each one alike:
// determinism by digest, no crash under every kind of fault, and convergence once
// faults heal and traffic drains. In a client-server world every strategy
// converges (the authority decides); peer to peer, crdt and resolver lww do.
#include "scenario_runs.hpp"

namespace immersim {
namespace {

const char* every_strategy = R"(
compare:
  - merge: { paths: { likes: sum, tags: union, "*": lww } }
  - resolver: { rule: lww, clock: physical }
  - resolver: { rule: lww, clock: hlc }
  - resolver: { rule: fww }
  - resolver: { rule: priority, favour: client-1 }
  - occ: { validate: path, on_conflict: retry, max_retries: 8 }
  - occ: { validate: version, on_conflict: notify }
  - none
  - crdt
)";

std::string world_with(const std::string& faults) {
    return std::string(R"(
name: suite
duration: 15s
drain: 60s
topology: { kind: star, clients: 5, servers: 1,
            link: { latency: { dist: lognormal, median: 15ms, sigma: 0.6 }, loss: 0.05,
                    duplicate: 0.05, fifo: false, jitter: 10ms } }
clocks: { offset: { dist: normal, mean: 0ms, stddev: 50ms } }
state: { initial: { likes: 0, tags: [], todos: { generate: 10, template: { done: false, title: t } } } }
workload:
  rate_per_client: 3/s
  ops:
    - { weight: 3, increment: likes }
    - { weight: 2, set: "todos/{t}/done", value: toggle }
    - { weight: 1, set: "todos/{t}/title", value: random_word }
    - { weight: 1, add: tags, members: 6 }
    - { weight: 1, remove: tags, members: 6 }
  keys: { t: { dist: zipf, s: 1.2, n: 10 } }
)") + faults + every_strategy;
}

struct fault_case {
    const char* name;
    const char* yaml;
};

const fault_case fault_cases[] = {
    {"no_faults", ""},
    {"partition", "faults: [ { at: 3s, partition: [[server-0, client-0..1], [client-2..4]], heal: 9s } ]\n"},
    {"isolate", "faults: [ { at: 2s, isolate: client-3, heal: 8s } ]\n"},
    {"one_way_cut", "faults: [ { at: 2s, cut: { from: [client-0..2], to: [server-0] }, heal: 7s } ]\n"},
    {"client_crash", "faults: [ { at: 4s, crash: client-2, restart: 10s } ]\n"},
    {"server_crash", "faults: [ { at: 4s, crash: server-0, restart: 6s } ]\n"},
    {"nemesis", "nemesis: { partitions: true, crashes: true, mean_interval: 3s, mean_duration: 1s, until: 14s }\n"},
};

class every_strategy_under : public ::testing::TestWithParam<fault_case> {};

TEST_P(every_strategy_under, converges_after_recovery_and_repeats_itself) {
    const std::string yaml = world_with(GetParam().yaml);
    const auto s = load(yaml);
    ASSERT_TRUE(s);
    for (std::size_t k = 0; k < s->compare.size(); ++k) {
        const std::string label = s->compare[k].label();
        const run_result first = run_once({s, k, 17});
        EXPECT_TRUE(first.complete) << label;
        EXPECT_EQ(metric_of(first, metric::converged), 1)
            << label << " did not converge; reproduce with: immersim run "
            << testing::save_for_repro(yaml, std::string("suite_") + GetParam().name) << " --seed 17";
        EXPECT_GT(metric_of(first, metric::operations), 0) << label;
        // Determinism: the same spec gives the same digest and metrics...
        const run_result again = run_once({s, k, 17});
        EXPECT_EQ(first.digest, again.digest) << label;
        EXPECT_EQ(first.metrics.values, again.metrics.values) << label;
        // ...and another seed another run.
        EXPECT_NE(first.digest, run_once({s, k, 18}).digest) << label;
    }
}

std::string fault_name(const ::testing::TestParamInfo<fault_case>& param_info) {
    return param_info.param.name;
}

INSTANTIATE_TEST_SUITE_P(faults, every_strategy_under, ::testing::ValuesIn(fault_cases), fault_name);

TEST(strategy_suite, a_partition_that_never_heals_is_reported_as_not_converged) {
    const auto s = load(world_with(
        "faults: [ { at: 3s, partition: [[server-0, client-0..1], [client-2..4]] } ]\n"));
    ASSERT_TRUE(s);
    for (std::size_t k = 0; k < s->compare.size(); ++k) { // no strategy heals a partition
        const run_result r = run_once({s, k, 3});
        EXPECT_EQ(metric_of(r, metric::converged), 0) << s->compare[k].label();
        EXPECT_FALSE(r.metrics[metric::convergence_time_ms].has_value()) << s->compare[k].label();
    }
}

} // namespace
} // namespace immersim
