#include "study_runner.hpp"

#include "immersim/run/runner.hpp"

#include <QMetaObject>

namespace immersim::gui {

study_runner::~study_runner() {
    ++generation_; // results of a study still running go nowhere
}

void study_runner::start(report::provenance origin, std::vector<study_point> points,
                         std::vector<std::string> swept_keys, std::size_t focus_strategy,
                         std::optional<std::uint64_t> seed, unsigned jobs) {
    const std::uint64_t generation = ++generation_;
    busy_ = true;
    if (worker_.joinable())
        worker_.join(); // the previous one finishes its current run, then stops reporting
    worker_ = std::jthread([this, generation, origin = std::move(origin),
                            points = std::move(points), swept_keys = std::move(swept_keys),
                            focus_strategy, seed, jobs] {
        auto snapshot = std::make_shared<study_snapshot>();
        report::report& r = snapshot->results;
        r.origin = origin;
        r.points = points;
        r.swept_keys = swept_keys;
        std::vector<run_spec> specs;
        for (std::size_t p = 0; p < points.size(); ++p)
            for (const run_spec& spec : expand_runs(points[p].world, seed, p))
                specs.push_back(spec);
        const int total = static_cast<int>(specs.size()) + 1;
        (void)jobs; // one worker thread: the UI keeps the other core
        for (std::size_t i = 0; i < specs.size() && generation == generation_; ++i) {
            r.runs.push_back(run_once(specs[i]));
            QMetaObject::invokeMethod(this, [this, i, total] { emit progress(static_cast<int>(i) + 1, total); },
                                      Qt::QueuedConnection);
        }
        if (generation != generation_)
            return;
        r.digest = combine_digests(r.runs);
        const scenario& focus_world = *points.front().world;
        const std::size_t strategy = std::min(focus_strategy, focus_world.compare.size() - 1);
        const std::uint64_t focus_seed = seed.value_or(focus_world.seed);
        auto focus = std::make_shared<recorded_run>(node_names(focus_world.topology));
        run_once({points.front().world, strategy, focus_seed, 0}, focus.get());
        focus->finish(focus_world.duration_ns + focus_world.drain_ns);
        snapshot->focus = std::move(focus);
        snapshot->focus_strategy = strategy;
        snapshot->focus_seed = focus_seed;
        std::shared_ptr<const study_snapshot> done = std::move(snapshot);
        QMetaObject::invokeMethod(this, [this, done, generation, total] {
            if (generation != generation_)
                return;
            busy_ = false;
            emit progress(total, total);
            emit finished(done);
        }, Qt::QueuedConnection);
    });
}

} // namespace immersim::gui
