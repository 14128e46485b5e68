#include "immersim/run/run_pool.hpp"

#include "immersim/run/runner.hpp"

#include <atomic>
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
        const run_result& result = *job.done[i]; // written once, before it was queued
        lock.unlock();
        if (finished)
            finished(i, result, ++reported, total);
    }
    pool.clear(); // joins
    std::vector<run_result> results;
    results.reserve(total);
    for (auto& r : job.done)
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
