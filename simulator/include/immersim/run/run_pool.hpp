// Runs independent run specs on a pool of threads. Results land in the order of the
// specs whatever the thread count, so the output is byte-identical for any --jobs.
#pragma once

#include "immersim/run/run_result.hpp"
#include "immersim/run/run_spec.hpp"
#include "immersim/run/trace.hpp"
#include "immersim/scenario/scenario.hpp"

#include <atomic>
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
    // When set (by another thread, e.g. a GUI whose user started a new study), no
    // further run starts, and only the runs finished come back.
    const std::atomic<bool>* cancel = nullptr;
};

// `finished(index, result, finished_so_far, total)` is called on the calling
// thread as each run completes, in completion order (for checkpoints and progress).
using finished_callback =
    std::function<void(std::size_t, const run_result&, std::size_t, std::size_t)>;

std::vector<run_result> run_all(pool_job job, unsigned jobs, const finished_callback& finished);

// Every run of a loaded study, point by point, strategy by strategy, seed by seed:
// the order every output lists them in. `seed` replaces each point's base seed.
pool_job study_job(const std::vector<study_point>& points, std::optional<std::uint64_t> seed);

// Runs a study's job (from study_job). A point with a stopping rule (`seeds:
// { until: ... }`) runs its seeds in batches: after each batch the rule is checked
// on the point's finished runs, and another batch runs only while some strategy's
// interval is too wide and seeds remain. Every decision depends only on finished
// runs' metrics, so which runs are made does not depend on `jobs`. Points without
// a rule run all their seeds in the first round. Returns the runs made, in the
// job's order; `finished` reports against the job's full size.
// What runs one round's job and returns its results in the job's order: run_all on
// a pool of threads, or the runs spread over MPI ranks (cli/mpi_study.hpp).
using round_runner = std::function<std::vector<run_result>(pool_job, const finished_callback&)>;
std::vector<run_result> run_study(pool_job job, const std::vector<study_point>& points,
                                  const round_runner& run_round, const finished_callback& finished);
// On `jobs` threads.
std::vector<run_result> run_study(pool_job job, const std::vector<study_point>& points,
                                  unsigned jobs, const finished_callback& finished);

// Whether `rule` holds on one point's runs: for every strategy with a value of the
// metric, at least two values and a 95% half-width within the target.
bool stopping_rule_met(const stopping_rule& rule, const std::vector<const run_result*>& runs,
                       std::size_t strategies);

// Why the study's seeds do not fit in 64 bits (base seed + seeds - 1 would wrap),
// or nothing when they do.
std::optional<std::string> seed_range_error(const std::vector<study_point>& points,
                                            std::optional<std::uint64_t> seed);

} // namespace immersim
