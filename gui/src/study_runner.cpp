#include "study_runner.hpp"

#include "immersim/run/run_pool.hpp"
#include "immersim/run/runner.hpp"

#include <QMetaObject>

namespace immersim::gui {

namespace {

// The traced run the diagram, inspector and playback show.
std::shared_ptr<const recorded_run>
record_focus(const std::shared_ptr<const scenario>& world, std::size_t strategy, std::uint64_t seed,
             std::size_t cap, std::optional<std::uint32_t> document, time_ns from = 0) {
    auto focus = std::make_shared<recorded_run>(node_names(world->topology), from, cap);
    focus->wanted_document = document;
    run_once({world, strategy, seed, 0}, focus.get());
    focus->finish(world->duration_ns + world->drain_ns);
    return focus;
}

} // namespace

study_runner::~study_runner() {
    ++generation_; // results of a study still running go nowhere
}

void study_runner::launch(
    std::function<std::shared_ptr<const study_snapshot>(std::uint64_t generation)> work) {
    const std::uint64_t generation = ++generation_;
    busy_ = true;
    if (worker_.joinable())
        worker_.join(); // the previous one finishes its current run, then stops reporting
    worker_ = std::jthread([this, generation, work = std::move(work)] {
        std::shared_ptr<const study_snapshot> done = work(generation);
        if (!done || generation != generation_)
            return;
        QMetaObject::invokeMethod(
            this,
            [this, done, generation] {
                if (generation != generation_)
                    return;
                busy_ = false;
                emit finished(done);
            },
            Qt::QueuedConnection);
    });
}

void study_runner::start(report::provenance origin, std::vector<study_point> points,
                         std::vector<std::string> swept_keys, std::size_t focus_strategy,
                         std::optional<std::size_t> partner_strategy,
                         std::optional<std::uint64_t> seed, unsigned jobs) {
    (void)jobs; // one worker thread: the UI keeps the other core
    launch([this, cap = trace_cap_, document = document_, origin = std::move(origin),
            points = std::move(points), swept_keys = std::move(swept_keys), focus_strategy,
            partner_strategy,
            seed](std::uint64_t generation) -> std::shared_ptr<const study_snapshot> {
        auto snapshot = std::make_shared<study_snapshot>();
        report::report& r = snapshot->results;
        r.origin = origin;
        r.points = points;
        r.swept_keys = swept_keys;
        // As the CLI runs it (sequential stopping included), on one thread; a newer
        // study cancels this one before its next run starts.
        std::atomic<bool> cancelled{false};
        pool_job job = study_job(points, seed);
        job.cancel = &cancelled;
        r.runs = run_study(
            std::move(job), points, 1,
            [&](std::size_t, const run_result&, std::size_t done, std::size_t total) {
                if (generation != generation_)
                    cancelled = true;
                const int all = static_cast<int>(total) + 1;
                QMetaObject::invokeMethod(
                    this, [this, done, all] { emit progress(static_cast<int>(done), all); },
                    Qt::QueuedConnection);
            });
        if (generation != generation_ || cancelled)
            return nullptr;
        r.digest = combine_digests(r.runs);
        const auto& world = points.front().world;
        snapshot->focus_strategy = std::min(focus_strategy, world->compare.size() - 1);
        snapshot->focus_seed = seed.value_or(world->seed);
        snapshot->focus =
            record_focus(world, snapshot->focus_strategy, snapshot->focus_seed, cap, document);
        if (partner_strategy) {
            snapshot->partner_strategy = std::min(*partner_strategy, world->compare.size() - 1);
            snapshot->partner = record_focus(world, *snapshot->partner_strategy,
                                             snapshot->focus_seed, cap, document);
        }
        const int all = static_cast<int>(r.runs.size()) + 1; // the runs, then the focus
        QMetaObject::invokeMethod(
            this, [this, all] { emit progress(all, all); }, Qt::QueuedConnection);
        return snapshot;
    });
}

void study_runner::refocus(std::shared_ptr<const study_snapshot> study, std::size_t strategy,
                           std::optional<std::size_t> partner) {
    launch([cap = trace_cap_, study = std::move(study), strategy, partner](std::uint64_t) {
        auto snapshot = std::make_shared<study_snapshot>(*study);
        const auto& world = study->results.points.front().world;
        const std::size_t last = world->compare.size() - 1;
        snapshot->focus_strategy = std::min(strategy, last);
        if (snapshot->focus_strategy != study->focus_strategy)
            snapshot->focus = record_focus(world, snapshot->focus_strategy, study->focus_seed, cap,
                                           study->focus->wanted_document);
        snapshot->partner_strategy =
            partner ? std::optional(std::min(*partner, last)) : std::nullopt;
        if (!partner)
            snapshot->partner.reset();
        else if (snapshot->partner_strategy != study->partner_strategy)
            snapshot->partner = record_focus(world, *snapshot->partner_strategy, study->focus_seed,
                                             cap, study->focus->wanted_document);
        return std::shared_ptr<const study_snapshot>(std::move(snapshot));
    });
}

void study_runner::follow_document(std::shared_ptr<const study_snapshot> study,
                                   std::uint32_t document) {
    document_ = document;
    launch([cap = trace_cap_, study = std::move(study), document](std::uint64_t) {
        auto snapshot = std::make_shared<study_snapshot>(*study);
        const auto& world = study->results.points.front().world;
        snapshot->focus =
            record_focus(world, study->focus_strategy, study->focus_seed, cap, document);
        if (study->partner_strategy)
            snapshot->partner =
                record_focus(world, *study->partner_strategy, study->focus_seed, cap, document);
        return std::shared_ptr<const study_snapshot>(std::move(snapshot));
    });
}

void study_runner::record_window(std::shared_ptr<const study_snapshot> study, time_ns from) {
    launch([cap = trace_cap_, study = std::move(study), from](std::uint64_t) {
        auto snapshot = std::make_shared<study_snapshot>(*study);
        const auto& world = study->results.points.front().world;
        snapshot->focus = record_focus(world, study->focus_strategy, study->focus_seed, cap,
                                       study->focus->wanted_document, from);
        return std::shared_ptr<const study_snapshot>(std::move(snapshot));
    });
}

} // namespace immersim::gui
