// A run under a memory cap: it stops ("memory", incomplete) once the process holds
// more than the cap, instead of running on into bad_alloc or the OOM killer; under
// a cap it does not reach, it is the same run as without one.
#include "immersim/run/memory_budget.hpp"
#include "scenario_runs.hpp"

#include <fmt/format.h>
#include <vector>

namespace immersim {
namespace {

constexpr const char* busy_world = R"(
name: memory
duration: 20s
drain: 5s
topology: { kind: star, clients: 50, servers: 1 }
state: { initial: { likes: 0 } }
workload: { rate_per_client: 20/s, ops: [ { weight: 1, increment: likes } ] }
compare: [ merge ]
)";

TEST(memory_cap, a_run_over_the_cap_stops_with_reason_memory) {
    const auto s = testing::load(busy_world);
    ASSERT_TRUE(s);
    run_spec spec{s, 0, 3};
    const run_result free_run = run_once(spec);
    ASSERT_TRUE(free_run.complete);
    ASSERT_GT(free_run.metrics[metrics::metric::events].value_or(0), 200'000.0);

    spec.memory_cap_bytes = 1; // the process holds more than a byte from the start
    const run_result capped = run_once(spec);
    EXPECT_EQ(capped.stop_reason, "memory");
    EXPECT_FALSE(capped.complete);
    // Stopped at the first check, after one slice of 65,536 events.
    EXPECT_EQ(capped.metrics[metrics::metric::events].value_or(0), 65'536.0);

    spec.memory_cap_bytes = std::uint64_t{1} << 50; // never reached
    const run_result roomy = run_once(spec);
    EXPECT_TRUE(roomy.complete);
    EXPECT_EQ(roomy.stop_reason, free_run.stop_reason);
    EXPECT_EQ(roomy.digest, free_run.digest); // slicing the run changed nothing
}

TEST(memory_cap, the_process_reads_its_own_resident_memory) {
    const std::uint64_t before = resident_bytes();
    ASSERT_GT(before, 1'000'000u);        // a running test binary holds megabytes
    std::vector<char> block(64 << 20, 1); // touched: resident
    EXPECT_GE(resident_bytes(), before + (60u << 20));
    EXPECT_EQ(block[12345], 1);
    EXPECT_GT(default_memory_cap(), 100'000'000u);
}

TEST(memory_size, sizes_read_as_users_write_them) {
    EXPECT_EQ(parse_memory_size("512MB"), 512'000'000u);
    EXPECT_EQ(parse_memory_size("8GB"), 8'000'000'000u);
    EXPECT_EQ(parse_memory_size("8gb"), 8'000'000'000u);
    EXPECT_EQ(parse_memory_size("1.5GiB"), 1'610'612'736u);
    EXPECT_EQ(parse_memory_size("100000"), 100'000u);
    EXPECT_EQ(parse_memory_size("64K"), 64'000u);
    for (const char* bad : {"", "GB", "-1GB", "12XB", "1e30", "nan", "1 GB"})
        EXPECT_FALSE(parse_memory_size(bad).has_value()) << bad;
    EXPECT_EQ(format_bytes(1.4e9), "1.4 GB");
    EXPECT_EQ(format_bytes(380e6), "380 MB");
    EXPECT_EQ(format_bytes(999), "999 B");
}

// The estimate grows as the costs do: about linearly in nodes for client-server at
// a low rate (nodes and changes; the broadcasts in flight grow with the square but
// stay small here), with the square of the nodes peer to peer (vector clocks,
// every replica holding every change).
TEST(memory_estimate, grows_linearly_client_server_and_quadratically_peer_to_peer) {
    const auto at = [](const char* servers, const char* strategy, int clients) {
        const auto s = testing::load(fmt::format(R"(
name: estimate
duration: 10s
topology: {{ kind: ring, clients: {}, servers: {} }}
state: {{ initial: {{ likes: 0 }} }}
workload: {{ rate_per_client: 0.1/s, ops: [ {{ weight: 1, increment: likes }} ] }}
compare: [ {} ]
)",
                                                 clients, servers, strategy));
        return static_cast<double>(estimate_run_memory(*s, 0).total());
    };
    const double cs = at("1", "merge", 10'000) / at("1", "merge", 1'000);
    const double p2p = at("0", "crdt", 10'000) / at("0", "crdt", 1'000);
    EXPECT_GT(cs, 9.0);
    EXPECT_LT(cs, 15.0);
    EXPECT_GT(p2p, 60.0);
}

// A latency whose mean is astronomically long (lognormal, sigma 10) keeps at most
// every message the run sends in flight, not more: the estimate stays finite and
// such a small world still fits.
TEST(memory_estimate, messages_in_flight_are_bounded_by_the_messages_sent) {
    const auto s = testing::load(R"(
name: heavy tail
duration: 10s
topology: { kind: star, clients: 20, servers: 1, link: { latency: { dist: lognormal, median: 10ms, sigma: 10 } } }
state: { initial: { likes: 0 } }
workload: { rate_per_client: 1/s, ops: [ { weight: 1, increment: likes } ] }
compare: [ merge ]
)");
    ASSERT_TRUE(s);
    const memory_estimate e = estimate_run_memory(*s, 0);
    for (const memory_term& t : e.terms) {
        if (t.what == "messages in flight") {
            EXPECT_LE(t.count, 200.0 * 20.0); // 200 changes, each to 20 other replicas
        }
    }
    EXPECT_LT(e.total(), 10'000'000u);
}

} // namespace
} // namespace immersim
