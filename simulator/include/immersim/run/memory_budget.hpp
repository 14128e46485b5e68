// Memory: what a run will need, estimated from its scenario before it starts, and
// what the process holds while it runs. `immersim run` refuses a study whose
// estimate does not fit under --max-memory (exit 2, the estimate shown part by
// part), and a run that crosses the cap anyway stops with stop_reason "memory"
// (exit 1) instead of dying by bad_alloc or the kernel's OOM killer.
#pragma once

#include "immersim/scenario/scenario.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace immersim {

// One term of an estimate: how many of what, at how many bytes each.
struct memory_term {
    std::string what; // "nodes", "changes kept", ...
    double count = 0;
    double bytes_each = 0;
    std::string change; // the scenario key that moves it, for the message
    std::uint64_t bytes() const { return static_cast<std::uint64_t>(count * bytes_each); }
};

struct memory_estimate {
    std::vector<memory_term> terms;
    std::uint64_t total() const;
};

// The peak memory of one run of strategy `strategy` of `s`, from the counts the
// scenario implies (nodes, changes, messages in flight, copies of changes held by
// every replica, vector clocks) and per-item costs measured on the shipped scenarios
// (docs/performance.md, "Memory estimate"). An estimate, meant to err high.
memory_estimate estimate_run_memory(const scenario& s, std::size_t strategy);
// The study's run with the largest estimate (every point, every strategy).
memory_estimate largest_run_estimate(const std::vector<study_point>& points);

// Bytes this process holds in memory now (resident set), or 0 where unknown.
std::uint64_t resident_bytes();
// The default --max-memory: 80% of the machine's memory, or of the control
// group's limit when that is lower (a container, a Slurm job).
std::uint64_t default_memory_cap();

// "512MB", "8GB", "1.5GiB", "100000" (bytes); K/M/G/T are powers of 1000, KiB/MiB/
// GiB/TiB of 1024. Nothing when the text is not a size.
std::optional<std::uint64_t> parse_memory_size(std::string_view text);
// "1.4 GB", "380 MB", "12 KB".
std::string format_bytes(double bytes);

} // namespace immersim
