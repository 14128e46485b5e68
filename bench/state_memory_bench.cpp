// Memory saved by structural sharing: 1,000 replicas of a 10,000-key map, each
// applying 100 distinct random updates from the same base, measured three ways:
//   - the state layer's own accounting (live bytes against deep-copy bytes),
//   - the same replicas built with sharing off (produce deep-copies for real),
//   - a std::map copy per replica, the naive way,
// each in a child process, so that its peak RSS (from wait4) is its own.
// Targets: <= 25 KB live per replica, live <= 5% of the deep-copy bytes.
#include "immersim/random/distributions.hpp"
#include "immersim/state/memory.hpp"
#include "immersim/state/produce.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace immersim;
using state::value;

constexpr int replica_count = 1000;
constexpr int key_count = 10'000;
constexpr int updates_per_replica = 100;

std::string key_name(std::int64_t i) { return "key-" + std::to_string(i); }

value base_map() {
    value map = value::empty_map();
    for (int i = 0; i < key_count; ++i)
        map = map.set(key_name(i), value("initial-value-" + std::to_string(i)));
    return map;
}

// The 100 distinct keys replica r updates.
std::vector<std::int64_t> picks_for(int replica) {
    generator g = generator::stream(7, stream_purpose::test, static_cast<std::uint64_t>(replica));
    std::vector<std::int64_t> picks;
    while (picks.size() < updates_per_replica) {
        const std::int64_t k = uniform_int(g, 0, key_count - 1);
        if (std::find(picks.begin(), picks.end(), k) == picks.end())
            picks.push_back(k);
    }
    return picks;
}

// Writes one line of results to the pipe the parent reads.
using report_fn = void (*)(int fd);

void sharing_on(int fd) {
    const value base = base_map();
    std::vector<value> replicas;
    for (int r = 0; r < replica_count; ++r) {
        value replica = base;
        for (std::int64_t k : picks_for(r))
            replica = replica.set(key_name(k), value(k * 1000 + r));
        replicas.push_back(replica);
    }
    replicas.push_back(base);
    const auto usage = state::measure_memory(replicas);
    const auto alone = state::measure_memory(std::span<const value>(&base, 1));
    dprintf(fd, "%llu %llu %llu\n", static_cast<unsigned long long>(usage.live_bytes),
            static_cast<unsigned long long>(usage.deep_copy_bytes),
            static_cast<unsigned long long>(alone.live_bytes));
}

void sharing_off(int fd) {
    const value base = base_map();
    std::vector<value> replicas;
    for (int r = 0; r < replica_count; ++r) {
        const std::vector<std::int64_t> picks = picks_for(r);
        replicas.push_back(state::produce(
                               base,
                               [&](state::draft& d) {
                                   for (std::int64_t k : picks)
                                       d[key_name(k)] = value(k * 1000 + r);
                               },
                               {.structural_sharing = false, .with_patches = false})
                               .state);
    }
    replicas.push_back(base);
    const auto usage = state::measure_memory(replicas);
    dprintf(fd, "%llu %llu 0\n", static_cast<unsigned long long>(usage.live_bytes),
            static_cast<unsigned long long>(usage.deep_copy_bytes));
}

void std_map_copies(int fd) {
    std::map<std::string, std::string> base;
    for (int i = 0; i < key_count; ++i)
        base[key_name(i)] = "initial-value-" + std::to_string(i);
    std::vector<std::map<std::string, std::string>> replicas;
    for (int r = 0; r < replica_count; ++r) {
        replicas.push_back(base);
        for (std::int64_t k : picks_for(r))
            replicas.back()[key_name(k)] = std::to_string(k * 1000 + r);
    }
    dprintf(fd, "0 0 0\n");
}

struct outcome {
    unsigned long long live = 0, deep = 0, base = 0;
    long peak_rss_kb = 0;
};

outcome in_child(report_fn body) {
    int fds[2];
    if (pipe(fds) != 0)
        std::abort();
    const pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        body(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    outcome o;
    FILE* in = fdopen(fds[0], "r");
    if (std::fscanf(in, "%llu %llu %llu", &o.live, &o.deep, &o.base) != 3)
        std::abort();
    std::fclose(in);
    int status = 0;
    rusage usage{};
    wait4(child, &status, 0, &usage);
    o.peak_rss_kb = usage.ru_maxrss;
    return o;
}

} // namespace

int main() {
    const outcome on = in_child(sharing_on);
    const outcome off = in_child(sharing_off);
    const outcome naive = in_child(std_map_copies);
    const double per_replica_kb =
        static_cast<double>(on.live - on.base) / replica_count / 1024.0;
    std::printf("%d replicas of a %d-key map, %d distinct updates each\n\n", replica_count,
                key_count, updates_per_replica);
    std::printf("sharing on:  live %.1f MB, deep-copy %.1f MB, live/deep %.2f%%, "
                "%.1f KB live per replica beyond the base (target <= 25 KB: %s, <= 5%%: %s)\n",
                on.live / 1e6, on.deep / 1e6, 100.0 * on.live / on.deep, per_replica_kb,
                per_replica_kb <= 25 ? "met" : "NOT met",
                100.0 * on.live / on.deep <= 5 ? "met" : "NOT met");
    std::printf("sharing off: live %.1f MB, deep-copy %.1f MB\n", off.live / 1e6, off.deep / 1e6);
    std::printf("peak RSS: sharing on %.1f MB, sharing off %.1f MB, std::map copies %.1f MB\n",
                on.peak_rss_kb / 1024.0, off.peak_rss_kb / 1024.0, naive.peak_rss_kb / 1024.0);
    std::printf("peak RSS ratio on/off: %.3f, on/std::map: %.3f\n",
                static_cast<double>(on.peak_rss_kb) / off.peak_rss_kb,
                static_cast<double>(on.peak_rss_kb) / naive.peak_rss_kb);
    return 0;
}
