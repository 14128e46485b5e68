// `mv-register` (Dynamo-style siblings), a strategy added through
// register_strategy alone: concurrent writes are all kept, a write that had seen
// the siblings replaces them, and nothing is overwritten.
#include "immersim/state/patch.hpp"
#include "scenario_runs.hpp"

namespace immersim {
namespace {

std::string title_world(int clients) {
    return R"(
name: siblings
duration: 10s
drain: 5s
topology: { kind: star, clients: )" +
           std::to_string(clients) + R"(, servers: 1, link: { latency: 40ms, jitter: 20ms } }
state: { initial: { title: draft } }
workload: { rate_per_client: 2/s, ops: [ { set: title, value: random_word } ] }
compare: [ mv-register, { resolver: { rule: lww, clock: hlc } } ]
)";
}

// The title the authority shows after its last decision.
struct last_title final : trace_sink {
    void record(const trace_record& r) override {
        if (r.kind == trace_kind::decision && r.node == 0)
            if (const state::value* t = state::value_at(r.after, {std::string("title")}))
                title = *t;
    }
    state::value title;
};

TEST(mv_register, concurrent_writes_become_siblings_and_none_is_overwritten) {
    const auto s = load(title_world(4));
    ASSERT_TRUE(s);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        last_title seen;
        const run_result mv = run_named(s, "mv-register", seed, &seen);
        const run_result lww = run_named(s, "resolver lww/hlc", seed);
        EXPECT_EQ(metric_of(mv, metric::overwritten_writes), 0) << seed;
        EXPECT_GT(metric_of(lww, metric::overwritten_writes), 0) << seed; // same arrivals
        EXPECT_GT(metric_of(mv, metric::kept_both), 0) << seed;
        EXPECT_EQ(metric_of(mv, metric::converged), 1) << seed;
        // The document and the metadata agree: one sibling shows as its value,
        // several as the list of their values; each costs 12 bytes.
        const double siblings = seen.title.is_list() ? static_cast<double>(seen.title.size()) : 1;
        EXPECT_EQ(metric_of(mv, metric::metadata_bytes), 12 * siblings) << seed;
    }
}

TEST(mv_register, a_lone_writer_never_makes_siblings) {
    const auto s = load(title_world(1));
    ASSERT_TRUE(s);
    last_title seen;
    const run_result mv = run_named(s, "mv-register", 2, &seen);
    EXPECT_EQ(metric_of(mv, metric::kept_both), 0);
    EXPECT_FALSE(seen.title.is_list());
    EXPECT_EQ(metric_of(mv, metric::metadata_bytes), 12);
}

TEST(mv_register, needs_an_authority) {
    const scenario_load_result loaded = load_scenario_text(R"(
name: p2p
duration: 1s
topology: { kind: mesh, clients: 3, servers: 0 }
workload: { rate_per_client: 1/s, ops: [ { set: a, value: 1 } ] }
compare: [ mv-register ]
)",
                                                           "p2p.yaml");
    ASSERT_EQ(loaded.errors.size(), 1U);
    EXPECT_EQ(format_diagnostic(loaded.errors[0]),
              "p2p.yaml:6:12: error: 'mv-register' needs an authoritative server, but the "
              "topology is peer to peer (servers: 0)");
}

} // namespace
} // namespace immersim
