// libFuzzer target: a file the loader accepts must also run to a clean end. Small
// accepted worlds (at most 32 nodes and a small initial state) run every strategy of
// their first point for a few thousand events; an assertion in the engine, the
// network or a strategy aborts, which libFuzzer reports with the input.
#include "fuzz_input.hpp"
#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"
#include "immersim/state/memory.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace {

constexpr std::uint32_t max_nodes = 32;
constexpr std::uint64_t max_initial_bytes = 256 * 1024;
constexpr std::uint64_t max_events = 3'000;

bool small_enough(const immersim::scenario& s) {
    if (s.topology.clients + s.topology.servers > max_nodes)
        return false;
    const immersim::state::value roots[] = {s.state.initial.own_copy()};
    return immersim::state::measure_memory(roots).deep_copy_bytes <= max_initial_bytes;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (immersim::fuzzing::asks_for_a_large_count(text))
        return -1;
    const immersim::study_load_result study = immersim::load_study_text(text, "fuzz.yaml");
    if (study.points.empty() || !small_enough(*study.points.front().world))
        return 0;
    auto world = std::make_shared<immersim::scenario>(*study.points.front().world);
    world->max_events = std::min(world->max_events, max_events);
    for (std::size_t strategy = 0; strategy < world->compare.size(); ++strategy)
        immersim::run_once({world, strategy, world->seed, 0});
    return 0;
}
