// Measuring the run: samples over time, the strategy's metadata, memory, and the
// metrics of the finished run.
#include "immersim/run/memory_budget.hpp"
#include "immersim/state/memory.hpp"
#include "invariants.hpp"
#include "world.hpp"

#include <algorithm>
#include <chrono>

namespace immersim::run_detail {

// Every state the run keeps: the replicas' and the protocol's (the authority's
// versions).
std::vector<state::value> world::memory_roots() const {
    std::vector<state::value> roots;
    for_documents([&](const document& d) {
        for (const replica& r : d.replicas)
            roots.push_back(r.doc);
        d.protocol->retained_states(roots);
    });
    return roots;
}

metadata_usage world::measure_metadata() {
    metadata_usage usage;
    for_documents([&](const document& d) {
        for (const replica& r : d.replicas) {
            const std::uint64_t bytes = d.strategy->metadata_bytes(*r.book);
            usage.total += bytes;
            usage.largest_replica = std::max(usage.largest_replica, bytes);
        }
    });
    metadata_peak_ = std::max(metadata_peak_, usage.total);
    return usage;
}

void world::sample() {
    measure_metadata();
    const state::memory_usage memory = state::measure_memory(memory_roots());
    std::uint64_t conflicting = 0;
    std::uint32_t divergent = 0;
    for_documents([&](const document& d) {
        conflicting += d.watch->conflicting_changes();
        divergent += d.watch->divergent();
    });
    samples_.push_back({sim_.now(), conflicting, divergent, net_->in_flight() + net_->held_count(),
                        memory.live_bytes, memory.deep_copy_bytes});
}

// The run's metrics from its documents': each one's counts (a row of
// documents.csv under `documents:`) and its final state checked against the
// invariants, added up.
void world::report_documents(run_result& out) {
    using metrics::metric;
    std::vector<const observers*> each;
    std::vector<metrics::metric_values> counted;
    double violations = 0;
    for (const auto& d : docs_) {
        if (!d)
            continue;
        const state::value& final_doc = d->replicas[0].doc;
        metrics::metric_values m;
        d->watch->report(m, initial_, final_doc);
        const std::uint64_t violated = count_violated(scenario_.invariants, final_doc);
        violations += static_cast<double>(violated);
        each.push_back(d->watch.get());
        counted.push_back(m);
        if (!scenario_.documents.present())
            continue;
        const auto whole = [&](metric which) {
            return static_cast<std::uint64_t>(m[which].value_or(0.0));
        };
        out.documents.push_back({d->index, plan_.clients(d->index), whole(metric::operations),
                                 whole(metric::changes), whole(metric::conflicting_changes),
                                 whole(metric::overwritten_writes), whole(metric::lost_increments),
                                 whole(metric::lost_set_adds), whole(metric::resurrected_removes),
                                 violated, m[metric::converged] == 1.0});
    }
    report_run(out.metrics, each, counted, log_, faults_->last_recovery_ns());
    out.metrics[metric::invariant_violations] = violations;
}

run_result world::collect(const run_outcome& outcome, double wall_s) {
    using metrics::metric;
    run_result out;
    out.seed = spec_.seed;
    out.strategy = spec_.strategy;
    out.strategy_label = scenario_.compare[spec_.strategy].label();
    out.stop_reason = to_string(outcome.reason);
    out.complete =
        outcome.reason != stop_reason::event_budget && outcome.reason != stop_reason::memory;
    metrics::metric_values& m = out.metrics;
    const auto as_d = [](auto v) { return static_cast<double>(v); };

    report_documents(out);
    m[metric::messages] = as_d(net_->counters().sent);
    m[metric::bytes] = as_d(net_->counters().bytes_sent);
    const state::memory_usage memory = state::measure_memory(memory_roots());
    m[metric::memory_live_bytes] = as_d(memory.live_bytes);
    m[metric::memory_deep_copy_bytes] = as_d(memory.deep_copy_bytes);
    m[metric::memory_saved_fraction] = 1.0 - memory.live_fraction();
    const metadata_usage metadata = measure_metadata();
    m[metric::metadata_bytes] = as_d(metadata.total);
    m[metric::metadata_peak_bytes] = as_d(metadata_peak_);
    m[metric::metadata_max_replica_bytes] = as_d(metadata.largest_replica);
    std::uint64_t delivery = 0;
    for_documents([&](const document& d) {
        for (const replica& r : d.replicas)
            delivery += d.protocol->delivery_metadata_bytes(r);
    });
    m[metric::delivery_metadata_bytes] = as_d(delivery);
    m[metric::events] = as_d(sim_.events_dispatched());

    for_documents([&](const document& d) { // each one's final state, in its own lane
        enter_lane(d.index);
        sim_.digest_mix(d.replicas[0].doc.hash());
    });
    out.digest = sim_.digest();
    out.samples = std::move(samples_);
    out.perf.wall_s = wall_s;
    out.perf.events_per_s = wall_s > 0 ? as_d(sim_.events_dispatched()) / wall_s : 0.0;
    out.perf.documents_apart = sim_.separate_lanes();
    return out;
}

// With a memory cap, the engine runs in slices of events and the process's
// resident memory is read between them (a few microseconds each 65,536 events).
// Slicing does not change the order of events, so a run that stays under the cap
// has the same digest as one without a cap.
run_outcome world::run_under_memory_cap() {
    if (spec_.memory_cap_bytes == 0)
        return sim_.run({.until = end_ns_, .max_events = scenario_.max_events});
    constexpr std::uint64_t slice = std::uint64_t{1} << 16;
    run_outcome total;
    for (;;) {
        const std::uint64_t left = scenario_.max_events - total.events;
        const run_outcome part = sim_.run({.until = end_ns_, .max_events = std::min(left, slice)});
        total.events += part.events;
        total.reason = part.reason;
        if (part.reason != stop_reason::event_budget || total.events == scenario_.max_events)
            return total;
        if (resident_bytes() > spec_.memory_cap_bytes) {
            total.reason = stop_reason::memory;
            return total;
        }
    }
}

run_result world::run() {
    const auto wall_start = std::chrono::steady_clock::now(); // perf only
    const run_outcome outcome = run_under_memory_cap();
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
    return collect(outcome, wall.count());
}

} // namespace immersim::run_detail
