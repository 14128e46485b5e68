// What one run needs: the scenario, which of its strategies, and the seed. Every
// strategy of a comparison runs on the same seeds, so the network, clocks, faults
// and workload draws are identical across strategies (common random numbers).
#pragma once

#include "immersim/scenario/scenario.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace immersim {

struct run_spec {
    std::shared_ptr<const scenario> world;
    std::size_t strategy = 0; // index into world->compare
    std::uint64_t seed = 0;
    std::size_t point = 0;    // which point of a sweep (0 without one)
    // Stop the run (stop_reason "memory", incomplete) once the process holds more
    // than this many bytes; 0: no cap. Not part of what the run computes.
    std::uint64_t memory_cap_bytes = 0;
    // Keep every event in one (time, seq) queue even where documents could run
    // lane by lane (engine.hpp). Same results; slower with many documents.
    bool one_queue = false;
};

// The runs a scenario asks for, strategy by strategy, seed by seed. `seed_override`
// replaces the scenario's base seed (the CLI's --seed).
std::vector<run_spec> expand_runs(std::shared_ptr<const scenario> s,
                                  std::optional<std::uint64_t> seed_override,
                                  std::size_t point = 0);

} // namespace immersim
