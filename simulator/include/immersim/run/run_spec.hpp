// What one run needs: the world, the workload and the seed. The scenario loader
// expands a scenario into run specs; the runner turns a spec into a result. The CLI
// and the GUI only ever talk to this layer.
#pragma once

#include "immersim/engine/time.hpp"

#include <cstdint>
#include <string>

namespace immersim {

struct run_spec {
    std::string scenario_name;
    std::uint64_t seed = 0;
    std::uint32_t clients = 1;
    std::uint32_t servers = 1;
    time_ns duration_ns = 0;           // how long clients issue operations
    double operations_per_s_per_client = 1.0;
    std::uint64_t max_events = 100'000'000; // the event budget of one run
};

} // namespace immersim
