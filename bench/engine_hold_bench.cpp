// The classic hold model for event-set performance: keep 10,000 events pending;
// each step pops the earliest and schedules one new event at now + exponential
// (mean 1 us). Run on the immersim engine (handler dispatch, digest, assertions
// included) and on a bare std::priority_queue of (time, seq) as the reference.
#include "ratio_reporter.hpp"

#include "immersim/engine/engine.hpp"
#include "immersim/random/distributions.hpp"

#include <queue>
#include <vector>

namespace {

using namespace immersim;

constexpr int pending_events = 10'000;
constexpr std::uint64_t pops = 10'000'000;
constexpr double mean_gap_ns = 1'000.0;

class hold_handler final : public event_handler {
public:
    explicit hold_handler(engine& sim) : g_(generator::stream(1, stream_purpose::test, 0)) {
        kind_ = sim.register_handler("hold", *this);
        for (int i = 0; i < pending_events; ++i)
            sim.schedule_at(static_cast<time_ns>(exponential(g_, mean_gap_ns)), kind_, 0, 0);
    }
    void handle(engine& sim, const event& e) override {
        sim.schedule_after(static_cast<time_ns>(exponential(g_, mean_gap_ns)), kind_, e.entity,
                           e.payload);
    }

private:
    generator g_;
    event_kind kind_ = 0;
};

void immersim_engine(benchmark::State& state) {
    for (auto _ : state) {
        engine sim(1);
        hold_handler hold(sim);
        const run_outcome outcome = sim.run({.max_events = pops});
        benchmark::DoNotOptimize(sim.digest());
        if (outcome.events != pops)
            state.SkipWithError("the engine stopped early");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pops));
}

struct bare_entry {
    time_ns time;
    std::uint64_t seq;
    bool operator>(const bare_entry& other) const {
        return time != other.time ? time > other.time : seq > other.seq;
    }
};

void bare_priority_queue(benchmark::State& state) {
    for (auto _ : state) {
        generator g = generator::stream(1, stream_purpose::test, 0);
        std::priority_queue<bare_entry, std::vector<bare_entry>, std::greater<>> queue;
        std::uint64_t seq = 0;
        for (int i = 0; i < pending_events; ++i)
            queue.push({static_cast<time_ns>(exponential(g, mean_gap_ns)), seq++});
        for (std::uint64_t i = 0; i < pops; ++i) {
            const time_ns now = queue.top().time;
            queue.pop();
            queue.push({now + static_cast<time_ns>(exponential(g, mean_gap_ns)), seq++});
        }
        benchmark::DoNotOptimize(queue.top());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pops));
}

BENCHMARK(immersim_engine)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(bare_priority_queue)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

int main(int argc, char** argv) {
    immersim::bench::ratio_reporter reporter;
    reporter.compare("immersim_engine/iterations:3", "bare_priority_queue/iterations:3", 0.8);
    return immersim::bench::run_with_ratios(argc, argv, reporter);
}
