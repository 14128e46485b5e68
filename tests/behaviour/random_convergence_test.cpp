// crdt, merge, resolver and (client to server) mv-register converge in every one
// of 500 random seeded worlds
// (random topology, workload with counters, registers, a set and a sequence,
// partitions, loss, duplication, reordering) once the faults heal and traffic
// drains. A failure names the seed and saves the scenario,
// with the command that reproduces it.
#include "scenario_runs.hpp"

#include "immersim/random/distributions.hpp"

#include <fmt/format.h>

namespace immersim {
namespace {

struct random_world {
    std::string yaml;
    bool peer_to_peer = false;
};

random_world draw_world(std::uint64_t seed) {
    generator g = generator::stream(seed, stream_purpose::test, 500);
    const auto clients = uniform_int(g, 2, 8);
    const char* kinds[] = {"star", "tree", "mesh", "ring", "erdos_renyi"};
    const char* kind = kinds[uniform_int(g, 0, 4)];
    const bool p2p = std::string(kind) != "star" && std::string(kind) != "tree";
    random_world w;
    w.peer_to_peer = p2p;
    std::string nodes = p2p ? "" : "server-0, ";
    const auto split = uniform_int(g, 0, clients - 2);
    std::string faults;
    if (bernoulli(g, 0.7)) {
        const auto at = uniform_int(g, 1, 8);
        faults = fmt::format(
            "faults: [ {{ at: {}s, partition: [[{}client-0..{}], [client-{}..{}]], heal: {}s }} ]\n",
            at, nodes, split, split + 1, clients - 1, at + uniform_int(g, 1, 6));
    }
    // Drawn one by one, in this order: the order in which function arguments are
    // evaluated is unspecified, and the same seed must give the same world everywhere.
    const bool gossip = p2p && bernoulli(g, 0.5);
    const auto lat = uniform_int(g, 1, 60);
    const double loss = static_cast<double>(uniform_int(g, 0, 20)) / 100.0;
    const double dup = static_cast<double>(uniform_int(g, 0, 20)) / 100.0;
    const bool fifo = bernoulli(g, 0.5);
    const auto jit = uniform_int(g, 0, 30);
    const auto skew = uniform_int(g, 0, 200);
    const auto rate = uniform_int(g, 1, 5);
    std::int64_t weights[7];
    for (std::int64_t& w_i : weights)
        w_i = uniform_int(g, 1, 4);
    w.yaml = fmt::format(
        R"(
name: random-{seed}
duration: 12s
drain: 90s
topology: {{ kind: {kind}, clients: {clients}, servers: {servers}, edge_probability: 0.5,{gossip}
            link: {{ latency: {{ dist: exponential, mean: {lat}ms }}, loss: {loss}, duplicate: {dup},
                    fifo: {fifo}, jitter: {jit}ms }} }}
clocks: {{ offset: {{ dist: normal, mean: 0ms, stddev: {skew}ms }} }}
{faults}state: {{ initial: {{ n: 0, s: [], l: [p, q], docs: {{ generate: 6, template: {{ a: 0, b: x }} }} }} }}
workload:
  rate_per_client: {rate}/s
  ops:
    - {{ weight: {w1}, increment: n }}
    - {{ weight: {w2}, set: "docs/{{d}}/a", value: random_int }}
    - {{ weight: {w3}, set: "docs/{{d}}/b", value: random_word }}
    - {{ weight: {w4}, add: s, members: 5 }}
    - {{ weight: {w5}, remove: s, members: 5 }}
    - {{ weight: {w6}, insert: l, value: random_word }}
    - {{ weight: {w7}, remove_at: l }}
  keys: {{ d: {{ dist: uniform, n: 6 }} }}
compare:
  - crdt
  - resolver: {{ rule: lww, clock: hlc }}
  - resolver: {{ rule: lww, clock: physical }}
{merge})",
        fmt::arg("seed", seed), fmt::arg("kind", kind), fmt::arg("clients", clients),
        fmt::arg("gossip", gossip ? " replication: gossip, gossip_interval: 300ms," : ""),
        fmt::arg("servers", p2p ? 0 : 1), fmt::arg("lat", lat), fmt::arg("loss", loss),
        fmt::arg("dup", dup), fmt::arg("fifo", fifo ? "true" : "false"), fmt::arg("jit", jit),
        fmt::arg("skew", skew), fmt::arg("faults", faults), fmt::arg("rate", rate),
        fmt::arg("w1", weights[0]), fmt::arg("w2", weights[1]), fmt::arg("w3", weights[2]),
        fmt::arg("w4", weights[3]), fmt::arg("w5", weights[4]), fmt::arg("w6", weights[5]),
        fmt::arg("w7", weights[6]),
        fmt::arg("merge", p2p ? ""
                              : "  - merge: { paths: { n: sum, s: union, \"*\": lww } }\n"
                                "  - mv-register\n"));
    return w;
}

TEST(random_worlds, crdt_merge_and_resolver_converge_in_500_seeded_worlds) {
    int p2p = 0, runs = 0;
    for (std::uint64_t seed = 1; seed <= 500; ++seed) {
        const random_world w = draw_world(seed);
        const auto s = testing::load(w.yaml);
        ASSERT_TRUE(s) << "seed " << seed;
        p2p += w.peer_to_peer;
        for (std::size_t k = 0; k < s->compare.size(); ++k) {
            const run_result r = run_once({s, k, seed});
            ++runs;
            if (testing::metric_of(r, metric::converged) != 1) {
                ADD_FAILURE() << s->compare[k].label() << " did not converge in world " << seed
                              << "; reproduce with: immersim run "
                              << testing::save_for_repro(w.yaml, "random_world_" + std::to_string(seed))
                              << " --seed " << seed;
            }
            const bool keeps_counters = s->compare[k].kind == strategy_kind::crdt ||
                                        s->compare[k].kind == strategy_kind::merge;
            if (keeps_counters) {
                EXPECT_EQ(testing::metric_of(r, metric::lost_increments), 0)
                    << s->compare[k].label() << " world " << seed;
            }
        }
    }
    // Both architectures were exercised.
    EXPECT_GT(p2p, 100);
    EXPECT_LT(p2p, 400);
    EXPECT_GT(runs, 1500);
}

} // namespace
} // namespace immersim
