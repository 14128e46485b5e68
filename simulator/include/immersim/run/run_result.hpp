// What one run produced. Everything except `perf` is a pure function of the run
// spec; `perf` holds wall-clock figures, the one thing allowed to differ between
// two identical runs.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/metrics/metric_catalogue.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace immersim {

struct run_perf {
    double wall_s = 0.0;
    double events_per_s = 0.0;
    // Whether the documents ran lane by lane (engine.hpp, docs/scaling.md): how,
    // not what; the results are the same either way.
    bool documents_apart = false;
};

// One point of the time series, sampled every `sample_interval`.
struct run_sample {
    time_ns at_ns = 0;
    std::uint64_t conflicting_changes = 0; // so far
    std::uint32_t divergent_replicas = 0;  // live replicas not holding the majority state
    std::uint64_t messages_in_flight = 0;  // travelling or held across a cut
    std::uint64_t memory_live_bytes = 0;
    std::uint64_t memory_deep_copy_bytes = 0;
    friend bool operator==(const run_sample&, const run_sample&) = default;
};

// One document's share of a run, for documents.csv (only with `documents:`; a
// document no client edits has no row).
struct document_result {
    std::uint32_t document = 0;
    std::uint32_t clients = 0;
    std::uint64_t operations = 0;
    std::uint64_t changes = 0;
    std::uint64_t conflicting_changes = 0;
    std::uint64_t overwritten_writes = 0;
    std::uint64_t lost_increments = 0;
    std::uint64_t lost_set_adds = 0;
    std::uint64_t resurrected_removes = 0;
    std::uint64_t invariant_violations = 0;
    bool converged = true;

    friend bool operator==(const document_result&, const document_result&) = default;
};

struct run_result {
    std::uint64_t seed = 0;
    std::size_t point = 0;        // which point of a sweep
    std::size_t strategy = 0;     // index into the scenario's compare list
    std::string strategy_label;
    std::uint64_t digest = 0;
    std::string stop_reason;      // "drained", "time_limit", or "event_budget" when cut short
    bool complete = true;         // false when the event budget stopped the run
    metrics::metric_values metrics;
    std::vector<run_sample> samples;
    std::vector<document_result> documents; // by document; empty without `documents:`
    run_perf perf;
};

} // namespace immersim
