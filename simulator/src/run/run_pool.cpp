#include "immersim/run/run_pool.hpp"

#include "immersim/metrics/metric_catalogue.hpp"
#include "immersim/metrics/statistics.hpp"
#include "immersim/run/runner.hpp"
#include "immersim/support/assert.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <fmt/format.h>
#include <mutex>
#include <thread>

namespace immersim {

std::vector<run_result> run_all(pool_job job, unsigned jobs, const finished_callback& finished) {
    const std::size_t total = job.specs.size();
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < total; ++i)
        if (!job.done[i])
            todo.push_back(i);
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<std::size_t> completed; // indices, in completion order
    const auto worker = [&] {
        for (std::size_t k = next++; k < todo.size(); k = next++) {
            const std::size_t i = todo[k];
            if (job.cancel && job.cancel->load()) {
                std::lock_guard lock(mutex);
                completed.push_back(total); // nothing finished; the count goes on
                ready.notify_one();
                continue;
            }
            run_result result = run_once(job.specs[i], job.sinks.empty() ? nullptr : job.sinks[i]);
            std::lock_guard lock(mutex);
            job.done[i] = std::move(result);
            completed.push_back(i);
            ready.notify_one();
        }
    };
    std::vector<std::jthread> pool;
    const auto threads = static_cast<unsigned>(std::min<std::size_t>(jobs, todo.size()));
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    std::size_t reported = total - todo.size();
    for (std::size_t seen = 0; seen < todo.size(); ++seen) {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return !completed.empty(); });
        const std::size_t i = completed.front();
        completed.pop_front();
        if (i == total)
            continue;                            // cancelled before it started
        const run_result& result = *job.done[i]; // written once, before it was queued
        lock.unlock();
        if (finished)
            finished(i, result, ++reported, total);
    }
    pool.clear(); // joins
    std::vector<run_result> results;
    results.reserve(total);
    for (auto& r : job.done)
        if (r)
            results.push_back(std::move(*r));
    return results;
}

bool stopping_rule_met(const stopping_rule& rule, const std::vector<const run_result*>& runs,
                       std::size_t strategies) {
    const auto which = metrics::metric_named(rule.metric);
    IMMERSIM_ASSERT(which.has_value()); // the loader checked the name
    for (std::size_t s = 0; s < strategies; ++s) {
        std::vector<double> values;
        for (const run_result* r : runs)
            if (r->strategy == s)
                if (const auto v = r->metrics[*which])
                    values.push_back(*v);
        if (values.empty())
            continue; // the metric means nothing for this strategy (crdt: no commits)
        if (values.size() < 2)
            return false;
        const metrics::summary sum = metrics::summarize(values);
        const double target = rule.relative ? rule.halfwidth * std::abs(sum.mean) : rule.halfwidth;
        if (sum.ci95_half > target)
            return false;
    }
    return true;
}

namespace {

// One round: the next batch of each point still running.
struct round_plan {
    pool_job job;
    std::vector<std::size_t> index; // the round's run k is the study's run index[k]
};

round_plan plan_round(const pool_job& study, const std::vector<study_point>& points,
                      const std::vector<std::uint64_t>& first_seed,
                      const std::vector<std::uint32_t>& taken, const std::vector<bool>& running) {
    round_plan plan;
    for (std::size_t i = 0; i < study.specs.size(); ++i) {
        const run_spec& spec = study.specs[i];
        if (!running[spec.point])
            continue;
        const scenario& sc = *points[spec.point].world;
        const std::uint32_t step = sc.until ? sc.until->batch : sc.seeds;
        const std::uint64_t ordinal = spec.seed - first_seed[spec.point];
        if (ordinal < taken[spec.point] || ordinal >= std::uint64_t{taken[spec.point]} + step)
            continue;
        plan.job.specs.push_back(spec);
        plan.job.done.push_back(study.done[i]);
        if (!study.sinks.empty())
            plan.job.sinks.push_back(study.sinks[i]);
        plan.index.push_back(i);
    }
    return plan;
}

} // namespace

std::vector<run_result> run_study(pool_job job, const std::vector<study_point>& points,
                                  unsigned jobs, const finished_callback& finished) {
    return run_study(
        std::move(job), points,
        [jobs](pool_job round, const finished_callback& done) {
            return run_all(std::move(round), jobs, done);
        },
        finished);
}

std::vector<run_result> run_study(pool_job job, const std::vector<study_point>& points,
                                  const round_runner& run_round,
                                  const finished_callback& finished) {
    std::vector<std::uint64_t> first_seed(points.size(), UINT64_MAX);
    for (const run_spec& spec : job.specs)
        first_seed[spec.point] = std::min(first_seed[spec.point], spec.seed);
    std::vector<std::uint32_t> taken(points.size(), 0);
    std::vector<bool> running(points.size(), true);
    std::size_t reported = 0;
    for (;;) {
        round_plan plan = plan_round(job, points, first_seed, taken, running);
        if (plan.job.specs.empty() || (job.cancel && job.cancel->load()))
            break;
        plan.job.cancel = job.cancel;
        std::vector<run_result> made = run_round(
            std::move(plan.job), [&](std::size_t k, const run_result& r, std::size_t, std::size_t) {
                if (finished)
                    finished(plan.index[k], r, ++reported, job.specs.size());
            });
        if (job.cancel && job.cancel->load())
            return {};
        for (std::size_t k = 0; k < made.size(); ++k)
            job.done[plan.index[k]] = std::move(made[k]);
        for (std::size_t p = 0; p < points.size(); ++p) {
            if (!running[p])
                continue;
            const scenario& sc = *points[p].world;
            taken[p] = std::min(sc.seeds, taken[p] + (sc.until ? sc.until->batch : sc.seeds));
            std::vector<const run_result*> runs;
            for (const auto& r : job.done)
                if (r && r->point == p && r->seed - first_seed[p] < taken[p])
                    runs.push_back(&*r);
            running[p] = taken[p] < sc.seeds && sc.until &&
                         !stopping_rule_met(*sc.until, runs, sc.compare.size());
        }
    }
    // Runs a checkpoint held beyond where the rule stopped are not part of this study.
    std::vector<run_result> results;
    for (auto& r : job.done)
        if (r && r->seed - first_seed[r->point] < taken[r->point])
            results.push_back(std::move(*r));
    return results;
}

pool_job study_job(const std::vector<study_point>& points, std::optional<std::uint64_t> seed) {
    pool_job job;
    for (std::size_t point = 0; point < points.size(); ++point)
        for (const run_spec& spec : expand_runs(points[point].world, seed, point))
            job.specs.push_back(spec);
    job.done.resize(job.specs.size());
    return job;
}

std::optional<std::string> seed_range_error(const std::vector<study_point>& points,
                                            std::optional<std::uint64_t> seed) {
    for (const study_point& p : points) {
        const std::uint64_t base = seed.value_or(p.world->seed);
        if (base > UINT64_MAX - (p.world->seeds - 1))
            return fmt::format("with seeds: {} the last run's seed would pass {}; the base seed "
                               "must be at most {}",
                               p.world->seeds, UINT64_MAX, UINT64_MAX - (p.world->seeds - 1));
    }
    return std::nullopt;
}

} // namespace immersim
