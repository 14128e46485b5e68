#include "immersim/run/runner.hpp"

#include "immersim/engine/engine.hpp"
#include "immersim/random/distributions.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

namespace immersim {

namespace {

// Clients issue operations at Poisson intervals until the workload ends. Each
// client draws from its own stream, so adding a client leaves the others' timing
// unchanged.
class client_workload final : public event_handler {
public:
    client_workload(engine& sim, const run_spec& spec) : spec_(spec) {
        kind_ = sim.register_handler("operation", *this);
        mean_interval_ns_ = static_cast<double>(ns_per_s) / spec.operations_per_s_per_client;
        streams_.reserve(spec.clients);
        for (std::uint32_t client = 0; client < spec.clients; ++client) {
            streams_.push_back(generator::stream(spec.seed, stream_purpose::workload, client));
            schedule_next(sim, client);
        }
    }

    void handle(engine& sim, const event& e) override {
        ++operations_;
        schedule_next(sim, e.entity);
    }

    std::uint64_t operations() const { return operations_; }

private:
    void schedule_next(engine& sim, std::uint32_t client) {
        const auto gap = static_cast<time_ns>(exponential(streams_[client], mean_interval_ns_));
        const time_ns at = sim.now() + gap;
        if (at < spec_.duration_ns)
            sim.schedule_at(at, kind_, client, operations_);
    }

    const run_spec& spec_;
    event_kind kind_ = 0;
    double mean_interval_ns_ = 0.0;
    std::vector<generator> streams_;
    std::uint64_t operations_ = 0;
};

} // namespace

run_result run_once(const run_spec& spec) {
    const auto wall_start = std::chrono::steady_clock::now(); // perf only
    engine sim(spec.seed);
    client_workload workload(sim, spec);
    const run_outcome outcome = sim.run({.until = time_max, .max_events = spec.max_events});
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;

    run_result result;
    result.seed = spec.seed;
    result.digest = sim.digest();
    result.events = sim.events_dispatched();
    result.operations = workload.operations();
    result.stop_reason = to_string(outcome.reason);
    result.complete = outcome.reason != stop_reason::event_budget;
    result.perf.wall_s = wall.count();
    result.perf.events_per_s =
        wall.count() > 0.0 ? static_cast<double>(result.events) / wall.count() : 0.0;
    return result;
}

std::uint64_t combine_digests(std::span<const run_result> results) {
    std::uint64_t digest = mix64(results.size());
    for (const run_result& r : results)
        digest = mix64(digest ^ r.digest);
    return digest;
}

std::string format_digest(std::uint64_t digest) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(digest));
    return text;
}

} // namespace immersim
