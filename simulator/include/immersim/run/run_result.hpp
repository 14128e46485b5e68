// What one run produced. Everything except `perf` is a pure function of the run
// spec; `perf` holds wall-clock figures, the one thing allowed to differ between
// two identical runs.
#pragma once

#include <cstdint>
#include <string>

namespace immersim {

struct run_perf {
    double wall_s = 0.0;
    double events_per_s = 0.0;
};

struct run_result {
    std::uint64_t seed = 0;
    std::uint64_t digest = 0;
    std::uint64_t events = 0;
    std::uint64_t operations = 0;
    std::string stop_reason;     // "drained", or "event_budget" when the run was cut short
    bool complete = true;        // false when the event budget stopped the run
    run_perf perf;
};

} // namespace immersim
