// One table for the metrics: each row its name and whether lower is better. The
// rows are in the enum's order, and a compile-time check refuses a table with a
// row missing or out of place.
#include "immersim/metrics/metric_catalogue.hpp"

namespace immersim::metrics {

namespace {

struct metric_row {
    metric id;
    std::string_view name;
    bool lower_is_better;
};

constexpr metric_row rows[] = {
    {metric::operations, "operations", false},
    {metric::changes, "changes", false},
    {metric::conflicting_changes, "conflicting_changes", false},
    {metric::conflict_rate, "conflict_rate", true},
    {metric::lost_increments, "lost_increments", true},
    {metric::overwritten_writes, "overwritten_writes", true},
    {metric::causality_violations, "causality_violations", true},
    {metric::lost_set_adds, "lost_set_adds", true},
    {metric::resurrected_removes, "resurrected_removes", true},
    {metric::invariant_violations, "invariant_violations", true},
    {metric::failed_intents, "failed_intents", true},
    {metric::converged, "converged", false},
    {metric::convergence_time_ms, "convergence_time_ms", true},
    {metric::visibility_p50_ms, "visibility_p50_ms", true},
    {metric::visibility_p95_ms, "visibility_p95_ms", true},
    {metric::visibility_p99_ms, "visibility_p99_ms", true},
    {metric::auto_merged, "auto_merged", false},
    {metric::merge_conflicts, "merge_conflicts", false},
    {metric::kept_both, "kept_both", false},
    {metric::committed, "committed", false},
    {metric::retried, "retried", false},
    {metric::aborted, "aborted", true},
    {metric::surfaced_to_user, "surfaced_to_user", false},
    {metric::commit_latency_p50_ms, "commit_latency_p50_ms", true},
    {metric::commit_latency_p99_ms, "commit_latency_p99_ms", true},
    {metric::messages, "messages", true},
    {metric::bytes, "bytes", true},
    {metric::memory_live_bytes, "memory_live_bytes", true},
    {metric::memory_deep_copy_bytes, "memory_deep_copy_bytes", false},
    {metric::memory_saved_fraction, "memory_saved_fraction", false},
    {metric::metadata_bytes, "metadata_bytes", true},
    {metric::metadata_peak_bytes, "metadata_peak_bytes", true},
    {metric::metadata_max_replica_bytes, "metadata_max_replica_bytes", true},
    {metric::events, "events", false},
};

constexpr bool rows_follow_the_enum() {
    if (std::size(rows) != metric_count)
        return false;
    for (std::size_t k = 0; k < std::size(rows); ++k)
        if (static_cast<std::size_t>(rows[k].id) != k || rows[k].name.empty())
            return false;
    return true;
}
static_assert(rows_follow_the_enum(), "one row per metric, in the enum's order");

} // namespace

std::string_view name_of(metric m) {
    return rows[static_cast<std::size_t>(m)].name;
}

bool lower_is_better(metric m) {
    return rows[static_cast<std::size_t>(m)].lower_is_better;
}

} // namespace immersim::metrics
