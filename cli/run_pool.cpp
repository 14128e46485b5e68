#include "run_pool.hpp"

#include "immersim/run/runner.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace immersim::cli {

std::vector<run_result> run_all(const std::vector<run_spec>& specs, unsigned jobs,
                                const std::function<void(std::size_t, std::size_t)>& progress) {
    std::vector<run_result> results(specs.size());
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable finished_one;
    std::size_t done = 0;
    const auto worker = [&] {
        for (std::size_t i = next++; i < specs.size(); i = next++) {
            run_result result = run_once(specs[i]);
            std::lock_guard lock(mutex);
            results[i] = std::move(result);
            ++done;
            finished_one.notify_one();
        }
    };
    std::vector<std::jthread> pool;
    const unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(specs.size())));
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    std::unique_lock lock(mutex);
    for (std::size_t reported = 0; reported < specs.size();) {
        finished_one.wait(lock, [&] { return done > reported; });
        reported = done;
        lock.unlock();
        if (progress)
            progress(reported, specs.size());
        lock.lock();
    }
    return results;
}

} // namespace immersim::cli
