// Runs independent run specs on a pool of threads. Results land in the order of the
// specs whatever the thread count, so the output is byte-identical for any --jobs.
#pragma once

#include "immersim/run/run_result.hpp"
#include "immersim/run/run_spec.hpp"
#include "immersim/run/trace.hpp"
#include "immersim/scenario/scenario.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace immersim {

struct pool_job {
    std::vector<run_spec> specs;
    // Runs already finished (from a checkpoint): not run again. Same size as specs.
    std::vector<std::optional<run_result>> done;
    // A sink per run, or empty for no trace. Each is used by one thread only.
    std::vector<trace_sink*> sinks;
};

// `finished(index, result, finished_so_far, total)` is called on the calling
// thread as each run completes, in completion order (for checkpoints and progress).
using finished_callback =
    std::function<void(std::size_t, const run_result&, std::size_t, std::size_t)>;

std::vector<run_result> run_all(pool_job job, unsigned jobs, const finished_callback& finished);

// Every run of a loaded study, point by point, strategy by strategy, seed by seed:
// the order every output lists them in. `seed` replaces each point's base seed.
pool_job study_job(const std::vector<study_point>& points, std::optional<std::uint64_t> seed);

// Why the study's seeds do not fit in 64 bits (base seed + seeds - 1 would wrap),
// or nothing when they do.
std::optional<std::string> seed_range_error(const std::vector<study_point>& points,
                                            std::optional<std::uint64_t> seed);

} // namespace immersim
