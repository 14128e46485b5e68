// One table for the metrics: each row its name, its unit and whether lower is better. The
// rows are in the enum's order, and a compile-time check refuses a table with a
// row missing or out of place.
#include "immersim/metrics/metric_catalogue.hpp"

namespace immersim::metrics {

namespace {

struct metric_row {
    metric id;
    std::string_view name;
    std::string_view unit; // count, fraction, boolean (0 or 1), ms or bytes
    bool lower_is_better;
};

constexpr metric_row rows[] = {
    {metric::operations, "operations", "count", false},
    {metric::changes, "changes", "count", false},
    {metric::conflicting_changes, "conflicting_changes", "count", false},
    {metric::conflict_rate, "conflict_rate", "fraction", true},
    {metric::lost_increments, "lost_increments", "count", true},
    {metric::overwritten_writes, "overwritten_writes", "count", true},
    {metric::causality_violations, "causality_violations", "count", true},
    {metric::lost_set_adds, "lost_set_adds", "count", true},
    {metric::resurrected_removes, "resurrected_removes", "count", true},
    {metric::invariant_violations, "invariant_violations", "count", true},
    {metric::failed_intents, "failed_intents", "count", true},
    {metric::converged, "converged", "boolean", false},
    {metric::convergence_time_ms, "convergence_time_ms", "ms", true},
    {metric::visibility_p50_ms, "visibility_p50_ms", "ms", true},
    {metric::visibility_p95_ms, "visibility_p95_ms", "ms", true},
    {metric::visibility_p99_ms, "visibility_p99_ms", "ms", true},
    {metric::auto_merged, "auto_merged", "count", false},
    {metric::merge_conflicts, "merge_conflicts", "count", false},
    {metric::kept_both, "kept_both", "count", false},
    {metric::committed, "committed", "count", false},
    {metric::retried, "retried", "count", false},
    {metric::aborted, "aborted", "count", true},
    {metric::surfaced_to_user, "surfaced_to_user", "count", false},
    {metric::commit_latency_p50_ms, "commit_latency_p50_ms", "ms", true},
    {metric::commit_latency_p99_ms, "commit_latency_p99_ms", "ms", true},
    {metric::messages, "messages", "count", true},
    {metric::bytes, "bytes", "bytes", true},
    {metric::memory_live_bytes, "memory_live_bytes", "bytes", true},
    {metric::memory_deep_copy_bytes, "memory_deep_copy_bytes", "bytes", false},
    {metric::memory_saved_fraction, "memory_saved_fraction", "fraction", false},
    {metric::metadata_bytes, "metadata_bytes", "bytes", true},
    {metric::metadata_peak_bytes, "metadata_peak_bytes", "bytes", true},
    {metric::metadata_max_replica_bytes, "metadata_max_replica_bytes", "bytes", true},
    {metric::delivery_metadata_bytes, "delivery_metadata_bytes", "bytes", true},
    {metric::events, "events", "count", false},
};

constexpr bool rows_follow_the_enum() {
    if (std::size(rows) != metric_count)
        return false;
    for (std::size_t k = 0; k < std::size(rows); ++k)
        if (static_cast<std::size_t>(rows[k].id) != k || rows[k].name.empty() ||
            rows[k].unit.empty())
            return false;
    return true;
}
static_assert(rows_follow_the_enum(), "one row per metric, in the enum's order");

} // namespace

std::string_view name_of(metric m) {
    return rows[static_cast<std::size_t>(m)].name;
}

std::optional<metric> metric_named(std::string_view name) {
    for (const metric_row& row : rows)
        if (row.name == name)
            return row.id;
    return std::nullopt;
}

std::string_view unit_of(metric m) {
    return rows[static_cast<std::size_t>(m)].unit;
}

bool lower_is_better(metric m) {
    return rows[static_cast<std::size_t>(m)].lower_is_better;
}

} // namespace immersim::metrics
