#include "immersim/metrics/metric_catalogue.hpp"

namespace immersim::metrics {

std::string_view name_of(metric m) {
    static constexpr std::array<std::string_view, metric_count> names = {
        "operations",           "changes",               "conflicting_changes",
        "conflict_rate",        "lost_increments",       "overwritten_writes",
        "causality_violations", "lost_set_adds",         "resurrected_removes",
        "invariant_violations", "failed_intents",       "converged",             "convergence_time_ms",
        "visibility_p50_ms",    "visibility_p95_ms",     "visibility_p99_ms",
        "auto_merged",          "merge_conflicts",       "kept_both",
        "committed",            "retried",               "aborted",
        "surfaced_to_user",     "commit_latency_p50_ms", "commit_latency_p99_ms",
        "messages",             "bytes",                 "memory_live_bytes",
        "memory_deep_copy_bytes", "memory_saved_fraction", "events"};
    return names[static_cast<std::size_t>(m)];
}

bool lower_is_better(metric m) {
    switch (m) {
    case metric::conflict_rate:
    case metric::lost_increments:
    case metric::overwritten_writes:
    case metric::causality_violations:
    case metric::lost_set_adds:
    case metric::resurrected_removes:
    case metric::invariant_violations:
    case metric::failed_intents:
    case metric::convergence_time_ms:
    case metric::visibility_p50_ms:
    case metric::visibility_p95_ms:
    case metric::visibility_p99_ms:
    case metric::aborted:
    case metric::commit_latency_p50_ms:
    case metric::commit_latency_p99_ms:
    case metric::messages:
    case metric::bytes:
    case metric::memory_live_bytes: return true;
    default: return false;
    }
}

} // namespace immersim::metrics
