// A file the loader accepts runs to a clean end, even with every number at an edge of
// its documented range: the largest durations (365 days), the slowest and fastest
// rates, clocks a day off and 10% fast or slow, a byte a second of bandwidth, heavy
// tailed latencies that saturate time. Each world runs every strategy for a bounded
// number of events; an overflow or an engine assertion aborts the test binary (and
// UBSan, in the asan-ubsan preset, reports any signed overflow on the way).
#include "immersim/random/distributions.hpp"
#include "scenario_runs.hpp"

#include <array>
#include <fmt/format.h>

namespace immersim {
namespace {

// One of the given texts, drawn.
template <std::size_t n>
const char* pick(generator& g, const std::array<const char*, n>& choices) {
    return choices[static_cast<std::size_t>(uniform_int(g, 0, static_cast<std::int64_t>(n) - 1))];
}

std::string draw_extreme_world(std::uint64_t seed) {
    generator g = generator::stream(seed, stream_purpose::test, 16);
    // Drawn one by one, in this order, so that a seed names the same world everywhere.
    const char* duration = pick<4>(g, {"1ns", "1s", "20s", "8760h"});
    const char* drain = pick<3>(g, {"0", "5s", "8760h"});
    const char* rate = pick<4>(g, {"1/8760h", "1/s", "1000/s", "1000000000/s"});
    const char* latency = pick<5>(g, {"0", "8760h", "{ dist: pareto, scale: 8760h, shape: 0.01 }",
                                      "{ dist: lognormal, median: 8760h, sigma: 10 }",
                                      "{ dist: normal, mean: 1ms, stddev: 8760h }"});
    const char* jitter = pick<3>(g, {"0", "1ms", "8760h"});
    const char* bandwidth = pick<3>(g, {"0", "1", "1000000000000000"});
    const char* drift =
        pick<4>(g, {"-100000", "100000", "{ dist: normal, mean: 0, stddev: 100000 }",
                    "{ dist: uniform, min: -100000, max: 100000 }"});
    const char* offset = pick<3>(
        g, {"24h", "{ dist: normal, mean: 24h, stddev: 24h }", "{ dist: exponential, mean: 24h }"});
    const char* fixed = pick<3>(g, {"-24h", "24h", "0"});
    const char* backoff = pick<3>(g, {"0", "1ms", "8760h"});
    const char* retries = pick<3>(g, {"0", "30", "1000"});
    const char* nemesis = pick<3>(g, {"",
                                      "nemesis: { partitions: true, crashes: true, mean_interval: "
                                      "1ms, mean_duration: 0, until: 8760h }\n",
                                      "nemesis: { partitions: true, mean_interval: 8760h, "
                                      "mean_duration: 8760h, until: 8760h }\n"});
    const char* fault_at = pick<3>(g, {"0", "1ns", "8759h"});
    const bool peer_to_peer = bernoulli(g, 0.3);
    return fmt::format(
        R"(name: extreme-{seed}
seed: 18446744073709551615
duration: {duration}
drain: {drain}
sample_interval: 8760h
max_events: 4000
topology: {{ kind: {kind}, clients: 4, servers: {servers}, gossip_interval: 1ms,
            link: {{ latency: {latency}, jitter: {jitter}, bandwidth_bytes_per_s: {bandwidth},
                    loss: 0.99, duplicate: 1 }} }}
clocks: {{ drift_ppm: {drift}, offset: {offset}, fixed_offsets: {{ client-0: {fixed} }} }}
faults: [ {{ at: {fault_at}, crash: client-1 }}, {{ at: {fault_at}, isolate: client-2, heal: 8760h }} ]
{nemesis}state: {{ initial: {{ n: 0, s: [], l: [], m: {{ generate: 3, template: {{ a: 0 }} }} }} }}
workload:
  rate_per_client: {rate}
  ops:
    - {{ increment: n, amount: 1000000000 }}
    - {{ increment: n, amount: -1000000000 }}
    - {{ set: "m/{{k}}/a", value: random_int, max: 9223372036854775807 }}
    - {{ add: s, members: 1000000 }}
    - {{ remove: s, members: 1000000 }}
  keys: {{ k: {{ dist: zipf, s: 10, n: 3 }} }}
compare:
  - none
  - crdt
  - resolver: {{ rule: lww, clock: physical }}
  - resolver: {{ rule: lww, clock: hlc, name: hlc }}
{client_server})",
        fmt::arg("seed", seed), fmt::arg("duration", duration), fmt::arg("drain", drain),
        fmt::arg("kind", peer_to_peer ? "mesh" : "star"), fmt::arg("servers", peer_to_peer ? 0 : 1),
        fmt::arg("latency", latency), fmt::arg("jitter", jitter), fmt::arg("bandwidth", bandwidth),
        fmt::arg("drift", drift), fmt::arg("offset", offset), fmt::arg("fixed", fixed),
        fmt::arg("fault_at", fault_at), fmt::arg("nemesis", nemesis), fmt::arg("rate", rate),
        fmt::arg("client_server",
                 peer_to_peer ? std::string()
                              : fmt::format("  - merge: {{ paths: {{ n: sum, s: union }} }}\n"
                                            "  - occ: {{ on_conflict: retry, max_retries: {}, "
                                            "backoff: {}, backoff_max: 8760h }}\n",
                                            retries, backoff)));
}

TEST(extreme_values, every_accepted_world_at_the_edges_of_its_ranges_runs_to_a_clean_end) {
    std::size_t runs = 0;
    for (std::uint64_t seed = 1; seed <= 120; ++seed) {
        const std::string yaml = draw_extreme_world(seed);
        const auto s = testing::load(yaml);
        ASSERT_TRUE(s) << "seed " << seed;
        for (std::size_t k = 0; k < s->compare.size(); ++k) {
            const run_result r = run_once({s, k, s->seed});
            ++runs;
            // The run ended by itself: drained, at its time limit or at its budget.
            EXPECT_FALSE(r.stop_reason.empty())
                << "reproduce: immersim run "
                << testing::save_for_repro(yaml, "extreme_world_" + std::to_string(seed));
        }
    }
    EXPECT_GT(runs, 500u);
}

} // namespace
} // namespace immersim
