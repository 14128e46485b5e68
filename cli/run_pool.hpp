// Runs independent run specs on a pool of threads. Results land in the order of the
// specs whatever the thread count, so the output is byte-identical for any --jobs.
#pragma once

#include "immersim/run/run_result.hpp"
#include "immersim/run/run_spec.hpp"

#include <functional>
#include <vector>

namespace immersim::cli {

// `progress(done, total)` is called from the calling thread after each finished run.
std::vector<run_result> run_all(const std::vector<run_spec>& specs, unsigned jobs,
                                const std::function<void(std::size_t, std::size_t)>& progress);

} // namespace immersim::cli
