// The decision record: while a trace is kept, each strategy says why it decided as
// it did at each place (what it compared, who won, by which rule), and the oracle
// marks the writes that were lost. These explanations are what the GUI's inspector
// shows, so they must agree with the metrics: the lost writes they name at the
// counting node are exactly `overwritten_writes`, their causality violations
// exactly `causality_violations`; and keeping a trace must not change a decision.
#include "scenario_runs.hpp"

namespace immersim {
namespace {

// Four clients write a few shared registers; client-0's clock runs 300 ms behind,
// so the physical-clock resolver also breaks causality.
const std::string registers = R"(
name: explained decisions
duration: 20s
topology: { kind: star, clients: 4, servers: 1, link: { latency: 40ms, jitter: 20ms } }
clocks: { fixed_offsets: { client-0: -300ms } }
state: { initial: { title: a, likes: 0, todos: { generate: 2, template: { done: false } } } }
workload:
  rate_per_client: 2/s
  ops:
    - { weight: 2, set: title, value: { random_string: 4 } }
    - { weight: 2, set: "todos/{t}/done", value: toggle }
    - { weight: 1, increment: likes }
  keys: { t: { dist: uniform, n: 2 } }
compare:
  - none
  - resolver: { rule: lww, clock: physical }
  - resolver: { rule: lww, clock: hlc }
  - resolver: { rule: fww }
  - resolver: { rule: priority, favour: client-2 }
  - crdt
  - occ: { validate: path, on_conflict: notify }
  - merge: { paths: { likes: sum, "*": lww } }
  - mv-register
)";

struct kept_trace final : trace_sink {
    void record(const trace_record& r) override {
        if (r.kind == trace_kind::decision)
            decisions.push_back(r);
    }
    std::vector<trace_record> decisions;
};

struct verdicts {
    std::size_t lost = 0, violations = 0, reasons = 0;
};

// The reasons given where decisions are counted (node 0).
verdicts at_node_zero(const kept_trace& t) {
    verdicts v;
    for (const trace_record& d : t.decisions)
        if (d.node == 0)
            for (const decision_reason& r : d.why) {
                ++v.reasons;
                v.lost += r.lost;
                v.violations += r.causality_violation;
            }
    return v;
}

class decision_record_of : public ::testing::TestWithParam<const char*> {};

TEST_P(decision_record_of, lost_writes_explained_are_the_lost_writes_counted) {
    const auto s = load(registers);
    std::size_t lost_total = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        kept_trace t;
        const run_result r = run_named(s, GetParam(), seed, &t);
        const verdicts v = at_node_zero(t);
        EXPECT_EQ(v.lost, metric_of(r, metric::overwritten_writes)) << "seed " << seed;
        EXPECT_EQ(v.violations, metric_of(r, metric::causality_violations)) << "seed " << seed;
        lost_total += v.lost;
        for (const trace_record& d : t.decisions)
            if (d.detail == "discarded") { // every write that lost says what beat it
                ASSERT_FALSE(d.why.empty()) << "change " << d.change;
                EXPECT_EQ(d.why.front().said.loser, d.change);
                EXPECT_NE(d.why.front().said.compared.find(std::to_string(d.change)),
                          std::string::npos)
                    << d.why.front().said.compared;
            }
    }
    if (std::string(GetParam()) != "resolver fww") { // fww loses only what arrives late
        EXPECT_GT(lost_total, 0u) << "the scenario must make this strategy lose writes";
    }
}

INSTANTIATE_TEST_SUITE_P(register_strategies, decision_record_of,
                         ::testing::Values("none", "resolver lww/physical", "resolver lww/hlc",
                                           "resolver fww", "resolver priority", "crdt"),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                             std::string n = p.param;
                             for (char& ch : n)
                                 if (!std::isalnum(static_cast<unsigned char>(ch)))
                                     ch = '_';
                             return n;
                         });

TEST(decision_record, a_skewed_physical_clock_is_shown_breaking_causality) {
    const auto s = load(registers);
    std::size_t violations = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        kept_trace t;
        run_named(s, "resolver lww/physical", seed, &t);
        violations += at_node_zero(t).violations;
    }
    EXPECT_GT(violations, 0u);
}

TEST(decision_record, every_refused_occ_attempt_says_which_place_was_written_since) {
    const auto s = load(registers);
    kept_trace t;
    const run_result r = run_named(s, "occ path/notify", 1, &t);
    std::size_t refused = 0;
    for (const trace_record& d : t.decisions)
        if (d.detail == "rejected") {
            ++refused;
            ASSERT_EQ(d.why.size(), 1u);
            EXPECT_EQ(d.why[0].said.loser, d.change);
            EXPECT_FALSE(d.why[0].lost); // refused and told, not lost
            EXPECT_FALSE(d.why[0].said.where.empty());
            EXPECT_NE(d.why[0].said.compared.find("was written at version"), std::string::npos);
        }
    EXPECT_EQ(refused, metric_of(r, metric::aborted));
    EXPECT_GT(refused, 0u);
}

TEST(decision_record, merges_and_siblings_are_explained_once_each) {
    const auto s = load(registers);
    kept_trace merge_trace, mv_trace;
    const run_result merged = run_named(s, "merge", 1, &merge_trace);
    const run_result mv = run_named(s, "mv-register", 1, &mv_trace);
    EXPECT_EQ(at_node_zero(merge_trace).reasons, metric_of(merged, metric::merge_conflicts));
    EXPECT_EQ(at_node_zero(mv_trace).reasons, metric_of(mv, metric::kept_both));
    EXPECT_GT(metric_of(merged, metric::merge_conflicts), 0);
    EXPECT_GT(metric_of(mv, metric::kept_both), 0);
}

TEST(decision_record, keeping_a_trace_changes_no_decision) {
    const auto s = load(registers);
    for (const strategy_config& c : s->compare) {
        kept_trace t;
        const run_result traced = run_named(s, c.label(), 2, &t);
        const run_result plain = run_named(s, c.label(), 2);
        EXPECT_EQ(traced.digest, plain.digest) << c.label();
        EXPECT_EQ(metric_of(traced, metric::overwritten_writes),
                  metric_of(plain, metric::overwritten_writes))
            << c.label();
    }
}

} // namespace
} // namespace immersim
