// A scenario as the user wrote it, validated. The YAML library stays behind this
// header: nothing here mentions it.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/run/run_spec.hpp"
#include "immersim/support/diagnostic.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace immersim {

struct topology_config {
    std::string kind = "star";
    std::uint32_t clients = 1;
    std::uint32_t servers = 1;
};

struct workload_config {
    double operations_per_s_per_client = 1.0;
};

struct scenario {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    std::uint32_t seeds = 1;   // runs per strategy; run i uses seed + i
    time_ns duration_ns = 0;
    topology_config topology;
    workload_config workload;
    std::uint64_t max_events = 100'000'000;
};

struct scenario_load_result {
    std::optional<scenario> value; // present exactly when there are no diagnostics
    diagnostics errors;
};

// Reads and validates a scenario file; all problems are collected.
scenario_load_result load_scenario_file(const std::filesystem::path& path);

// The same from text; `file_name` is used in diagnostics.
scenario_load_result load_scenario_text(std::string_view text, const std::string& file_name);

// The runs a scenario asks for, in a fixed order. `seed_override` replaces the
// scenario's base seed (the CLI's --seed).
std::vector<run_spec> expand_runs(const scenario& s, std::optional<std::uint64_t> seed_override);

} // namespace immersim
