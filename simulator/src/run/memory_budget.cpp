#include "immersim/run/memory_budget.hpp"

#include "immersim/run/document_plan.hpp"
#include "immersim/strategies/merge_functions.hpp"
#include "immersim/strategies/strategy.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace immersim {

namespace {

// Per-item costs, measured with /usr/bin/time's peak RSS on
// scenarios/bench/clients-1000.yaml while varying one count at a time (the
// derivation is in docs/performance.md) and rounded up.
constexpr double bytes_per_node = 3'000;       // replica, streams, links, routes, books
// A change with its states and patches (op-based protocols keep them to forward);
// client-server lets them go once the authority has settled the change, and the
// record itself once its client is done with it too (replica/change_log.hpp),
// keeping the judge's entries and the ledger's 16 bytes (and 32 per counter or set
// operation); payloads go once delivered.
constexpr double bytes_per_change = 2'600;
constexpr double bytes_per_settled_change = 350;
constexpr double bytes_per_delivery = 170;     // a pending event (64 + 16 B, vectors doubling)
constexpr double bytes_per_replica_copy = 180; // op-based: each replica's record of a change
constexpr double bytes_per_clock_entry = 8;    // peer to peer: a vector clock's entry
// Deliveries on a FIFO link wait for the ones sent before them, so under a stream
// of broadcasts a message is in flight for about the slowest recent latency, not
// the mean: counted as three mean latencies.
constexpr double fifo_wait_factor = 3.0;

struct world_counts {
    double nodes = 0, clients = 0, changes = 0, change_rate = 0, latency_s = 0;
    // Documents: the replicas a change reaches besides its own, averaged over
    // clients (a crowded document's clients make more of the changes), and the sum
    // of each document's members squared (its vector clocks).
    double fanout = 0, members_squared = 0;
};

void count_documents(const scenario& s, world_counts& c) {
    const document_plan plan = plan_documents(s, s.seed);
    double reach = 0;
    for (const auto& members : plan.members) {
        const double m = static_cast<double>(members.size());
        const double clients = m - plan.servers_per_document;
        reach += members.empty() ? 0.0 : clients * (m - 1);
        c.members_squared += m * m;
    }
    c.fanout = c.clients > 0 ? reach / c.clients : 0.0;
}

world_counts count_world(const scenario& s) {
    world_counts c;
    const topology_config& t = s.topology;
    if (!t.file.empty()) {
        c.nodes = static_cast<double>(t.file_nodes.size());
        c.clients = static_cast<double>(std::count_if(t.file_nodes.begin(), t.file_nodes.end(),
                                                      [](const auto& n) { return !n.server; }));
    } else {
        c.clients = t.clients;
        c.nodes = static_cast<double>(t.clients) + t.servers;
    }
    c.change_rate = c.clients * s.workload.rate_per_client;
    c.changes = c.change_rate * static_cast<double>(s.duration_ns) / 1e9;
    const double hops = t.kind == net::topology_kind::star ? 1.0 : 3.0;
    c.latency_s = hops * (t.link.latency.mean_ns() + t.link.jitter_ns / 2.0) / 1e9;
    count_documents(s, c);
    return c;
}

} // namespace

std::uint64_t memory_estimate::total() const {
    std::uint64_t sum = 0;
    for (const memory_term& t : terms)
        sum += t.bytes();
    return sum;
}

memory_estimate estimate_run_memory(const scenario& s, std::size_t strategy) {
    const world_counts c = count_world(s);
    const auto made =
        strategies::make_strategy(s.compare.at(strategy), strategies::merge_functions_for_runs());
    const bool op_based = made->op_based();
    const bool peer_to_peer = s.topology.servers == 0 || op_based;
    memory_estimate e;
    e.terms.push_back({"nodes", c.nodes, bytes_per_node, "topology.clients"});
    e.terms.push_back({"changes kept", c.changes,
                       peer_to_peer ? bytes_per_change : bytes_per_settled_change,
                       "duration or workload.rate_per_client"});
    // Every change reaches every other replica of its document (gossip sends fewer,
    // larger messages: counted the same, to err high). Never more than the run sends
    // in all: a heavy-tailed latency (a lognormal of large sigma) has a mean beyond
    // any run.
    const double fanout = c.fanout;
    const double in_flight = std::min(
        c.change_rate * fanout * std::max(c.latency_s, 0.0) * fifo_wait_factor, c.changes * fanout);
    e.terms.push_back({"messages in flight", in_flight, bytes_per_delivery,
                       "topology.clients or workload.rate_per_client"});
    if (op_based)
        e.terms.push_back({"changes held by every replica", c.changes * (fanout + 1),
                           bytes_per_replica_copy, "topology.clients or duration"});
    if (peer_to_peer)
        e.terms.push_back({"vector clock entries", c.members_squared + c.changes * (fanout + 1) / 2,
                           bytes_per_clock_entry, "topology.clients"});
    return e;
}

memory_estimate largest_run_estimate(const std::vector<study_point>& points) {
    memory_estimate largest;
    for (const study_point& p : points)
        for (std::size_t s = 0; s < p.world->compare.size(); ++s) {
            memory_estimate e = estimate_run_memory(*p.world, s);
            if (e.total() > largest.total())
                largest = std::move(e);
        }
    return largest;
}

std::uint64_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size_pages = 0, resident_pages = 0;
    if (!(statm >> size_pages >> resident_pages))
        return 0;
    return resident_pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

namespace {

// The control group's memory limit (cgroup v2, then v1), if one is set.
std::optional<std::uint64_t> cgroup_memory_limit() {
    for (const char* file :
         {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
        std::ifstream in(file);
        std::string text;
        if (!(in >> text) || text == "max")
            continue;
        std::uint64_t limit = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
        if (ec == std::errc{} && limit > 0 && limit < (std::uint64_t{1} << 60))
            return limit;
    }
    return std::nullopt;
}

} // namespace

std::uint64_t default_memory_cap() {
    const auto pages = sysconf(_SC_PHYS_PAGES);
    const auto page = sysconf(_SC_PAGESIZE);
    std::uint64_t machine =
        pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                              : std::uint64_t{8} << 30;
    if (const auto limit = cgroup_memory_limit())
        machine = std::min(machine, *limit);
    return machine / 5 * 4;
}

std::optional<std::uint64_t> parse_memory_size(std::string_view text) {
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc{} || !(number >= 0) || !std::isfinite(number))
        return std::nullopt;
    std::string unit(end, text.data() + text.size());
    std::transform(unit.begin(), unit.end(), unit.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    constexpr std::pair<std::string_view, double> units[] = {{"", 1},
                                                             {"b", 1},
                                                             {"k", 1e3},
                                                             {"kb", 1e3},
                                                             {"m", 1e6},
                                                             {"mb", 1e6},
                                                             {"g", 1e9},
                                                             {"gb", 1e9},
                                                             {"t", 1e12},
                                                             {"tb", 1e12},
                                                             {"kib", 1024.0},
                                                             {"mib", 1048576.0},
                                                             {"gib", 1073741824.0},
                                                             {"tib", 1099511627776.0}};
    for (const auto& [name, scale] : units)
        if (unit == name) {
            const double bytes = number * scale;
            if (bytes >= 1.8e19)
                return std::nullopt;
            return static_cast<std::uint64_t>(bytes);
        }
    return std::nullopt;
}

std::string format_bytes(double bytes) {
    constexpr std::pair<double, const char*> scales[] = {
        {1e12, "TB"}, {1e9, "GB"}, {1e6, "MB"}, {1e3, "KB"}};
    for (const auto& [scale, name] : scales)
        if (bytes >= scale)
            return fmt::format("{:.{}f} {}", bytes / scale, bytes / scale < 10 ? 1 : 0, name);
    return fmt::format("{:.0f} B", bytes);
}

} // namespace immersim
