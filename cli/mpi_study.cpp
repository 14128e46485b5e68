#include "mpi_study.hpp"

#include "checkpoint.hpp"
#include "immersim/run/runner.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <mpi.h>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace immersim::cli {

namespace {

enum tag : int { ask = 1, result = 2, work = 3, stop = 4 };

// What a worker rank is running, written before each run, so that a crash can
// name it (only async-signal-safe calls in the handler).
char running_now[256] = "an MPI rank, between runs";

extern "C" void report_crash(int signal) {
    const char head[] = "immersim: error: crashed: ";
    [[maybe_unused]] auto a = write(STDERR_FILENO, head, sizeof head - 1);
    [[maybe_unused]] auto b = write(STDERR_FILENO, running_now, std::strlen(running_now));
    [[maybe_unused]] auto c = write(STDERR_FILENO, "\n", 1);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void name_the_run(int rank, const run_spec& spec) {
    const std::string text =
        fmt::format("MPI rank {}, running {} seed {} (sweep point {})", rank,
                    spec.world->compare[spec.strategy].label(), spec.seed, spec.point + 1);
    std::snprintf(running_now, sizeof running_now, "%s", text.c_str());
}

} // namespace

bool launched_by_mpi() {
    for (const char* size : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
        if (const char* v = std::getenv(size))
            return std::atoi(v) >= 1;
    return false;
}

mpi_session::mpi_session() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

mpi_session::~mpi_session() {
    release_workers();
    MPI_Finalize();
}

// Each round: runs go to ranks as they ask; rank 0 runs some itself on a second
// thread (only this, the main thread, talks MPI). Results land at their index,
// so the order is the job's whatever rank made them.
round_runner mpi_session::coordinator() {
    return [this](pool_job job, const finished_callback& finished) {
        const std::size_t total = job.specs.size();
        std::mutex mutex;
        std::deque<std::size_t> todo;
        for (std::size_t i = 0; i < total; ++i)
            if (!job.done[i])
                todo.push_back(i);
        std::size_t outstanding = todo.size();
        std::size_t reported = total - outstanding;
        std::deque<std::pair<std::size_t, run_result>> made_here;
        std::map<int, std::size_t> held; // rank -> the run it is making
        const auto next = [&]() -> std::optional<std::size_t> {
            std::lock_guard lock(mutex);
            if (todo.empty())
                return std::nullopt;
            const std::size_t i = todo.front();
            todo.pop_front();
            return i;
        };
        const auto give = [&](int to) {
            const auto i = next();
            if (!i)
                return false;
            const run_spec& s = job.specs[*i];
            const std::uint64_t what[3] = {s.point, s.strategy, s.seed};
            MPI_Send(what, 3, MPI_UINT64_T, to, tag::work, MPI_COMM_WORLD);
            held[to] = *i;
            return true;
        };
        const auto landed = [&](std::size_t i, run_result r) {
            job.done[i] = std::move(r);
            --outstanding;
            if (finished)
                finished(i, *job.done[i], ++reported, total);
        };
        std::vector<int> still_waiting;
        for (int rank : waiting_)
            if (!give(rank))
                still_waiting.push_back(rank);
        waiting_ = std::move(still_waiting);
        std::jthread own([&] {
            while (const auto i = next()) {
                run_result r = run_once(job.specs[*i]);
                std::lock_guard lock(mutex);
                made_here.emplace_back(*i, std::move(r));
            }
        });
        while (outstanding > 0) {
            bool progressed = false;
            std::deque<std::pair<std::size_t, run_result>> mine;
            {
                std::lock_guard lock(mutex);
                mine.swap(made_here);
            }
            for (auto& [i, r] : mine) {
                landed(i, std::move(r));
                progressed = true;
            }
            int arrived = 0;
            MPI_Status status;
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
            if (arrived) {
                progressed = true;
                const int from = status.MPI_SOURCE;
                int length = 0;
                MPI_Get_count(&status, MPI_CHAR, &length);
                std::string text(static_cast<std::size_t>(length), '\0');
                MPI_Recv(text.data(), length, MPI_CHAR, from, status.MPI_TAG, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE);
                if (status.MPI_TAG == tag::result) {
                    auto r = parse_checkpoint_line(text);
                    if (!r) {
                        std::cerr << "immersim: error: rank " << from
                                  << " sent a result that cannot be read\n";
                        MPI_Abort(MPI_COMM_WORLD, 1);
                    }
                    const std::size_t i = held.at(from);
                    held.erase(from);
                    landed(i, std::move(*r));
                }
                if (!give(from))
                    waiting_.push_back(from);
            }
            if (!progressed) // nothing yet: let rank 0's own run have the core
                std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        own.join();
        std::vector<run_result> results;
        for (auto& r : job.done)
            if (r)
                results.push_back(std::move(*r));
        return results;
    };
}

bool mpi_session::agree(bool verdict) {
    int value = verdict ? 1 : 0;
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value != 0;
}

void mpi_session::release_workers() {
    if (rank_ != 0 || !serving_)
        return;
    for (; released_ < static_cast<int>(waiting_.size()); ++released_)
        MPI_Send(nullptr, 0, MPI_CHAR, waiting_[static_cast<std::size_t>(released_)], tag::stop,
                 MPI_COMM_WORLD);
    // Ranks that have not asked yet (a round can end before every rank started).
    while (released_ < size_ - 1) {
        MPI_Status status;
        MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
        int length = 0;
        MPI_Get_count(&status, MPI_CHAR, &length);
        std::string ignored(static_cast<std::size_t>(length), '\0');
        MPI_Recv(ignored.data(), length, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        waiting_.push_back(status.MPI_SOURCE);
        MPI_Send(nullptr, 0, MPI_CHAR, status.MPI_SOURCE, tag::stop, MPI_COMM_WORLD);
        ++released_;
    }
}

int mpi_session::serve(const std::vector<study_point>& points, std::uint64_t memory_cap) {
    std::cerr.clear(); // silent while loading (rank 0 says it all); a failure speaks
    for (int s : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL})
        std::signal(s, report_crash);
    MPI_Send(nullptr, 0, MPI_CHAR, 0, tag::ask, MPI_COMM_WORLD);
    for (;;) {
        MPI_Status status;
        MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
        if (status.MPI_TAG == tag::stop) {
            MPI_Recv(nullptr, 0, MPI_CHAR, 0, tag::stop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            return 0;
        }
        std::uint64_t what[3] = {};
        MPI_Recv(what, 3, MPI_UINT64_T, 0, tag::work, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        const auto point = static_cast<std::size_t>(what[0]);
        run_spec spec{points.at(point).world, static_cast<std::size_t>(what[1]), what[2], point,
                      memory_cap};
        name_the_run(rank_, spec);
        std::string line;
        try {
            line = checkpoint_line(run_once(spec));
        } catch (const std::exception& e) {
            std::cerr << "immersim: error: failed: " << running_now << ": " << e.what() << '\n';
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        MPI_Send(line.data(), static_cast<int>(line.size()), MPI_CHAR, 0, tag::result,
                 MPI_COMM_WORLD);
    }
}

} // namespace immersim::cli
