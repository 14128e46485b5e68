// Every per-run metric by its stable snake_case name: the same identifiers in the
// table, runs.csv, summary.csv and JSON. docs/metrics.md defines each one.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace immersim::metrics {

enum class metric : std::size_t {
    operations, // intents issued by clients
    changes,    // local edits made (an OCC retry is a new edit)
    conflicting_changes,
    conflict_rate,
    lost_increments,
    overwritten_writes,
    causality_violations,
    lost_set_adds,
    resurrected_removes,
    invariant_violations,
    failed_intents,
    converged,
    convergence_time_ms,
    visibility_p50_ms,
    visibility_p95_ms,
    visibility_p99_ms,
    auto_merged,
    merge_conflicts,
    kept_both,
    committed,
    retried,
    aborted,
    surfaced_to_user,
    commit_latency_p50_ms,
    commit_latency_p99_ms,
    messages,
    bytes,
    memory_live_bytes,
    memory_deep_copy_bytes,
    memory_saved_fraction,
    metadata_bytes,             // the strategy's metadata over all replicas, at the end
    metadata_peak_bytes,        // the largest such total at any sample
    metadata_max_replica_bytes, // the largest replica's metadata, at the end
    delivery_metadata_bytes,    // what the replication protocol keeps to deliver, at the end
    events,
    count_ // not a metric: the number of them
};

inline constexpr std::size_t metric_count = static_cast<std::size_t>(metric::count_);

std::string_view name_of(metric m);
// The metric a name names, if any.
std::optional<metric> metric_named(std::string_view name);
// count, fraction, boolean (0 or 1), ms or bytes.
std::string_view unit_of(metric m);
// True when smaller is better (for reading comparisons); false for counts that are
// neither, or where larger is better.
bool lower_is_better(metric m);

// One run's values; a metric that does not apply to the run (commit latency peer to
// peer, convergence time of a run that never converged) is empty, never zero.
struct metric_values {
    std::array<std::optional<double>, metric_count> values{};
    std::optional<double>& operator[](metric m) { return values[static_cast<std::size_t>(m)]; }
    const std::optional<double>& operator[](metric m) const {
        return values[static_cast<std::size_t>(m)];
    }
};

} // namespace immersim::metrics
