// Runs a study off the UI thread: every run of the comparison (through the same
// runner the CLI uses), plus one traced "focus" run for the diagram, inspector
// and playback. Results reach the UI thread as one immutable snapshot.
#pragma once

#include "immersim/report/report_output.hpp"
#include "recorded_run.hpp"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace immersim::gui {

struct study_snapshot {
    report::report results;
    std::shared_ptr<const recorded_run> focus;
    std::size_t focus_strategy = 0;
    std::uint64_t focus_seed = 0;
    // A second strategy's run of the same seed, to show beside the focus run.
    std::shared_ptr<const recorded_run> partner;
    std::optional<std::size_t> partner_strategy;
};

class study_runner : public QObject {
    Q_OBJECT
public:
    explicit study_runner(QObject* parent = nullptr) : QObject(parent) {}
    ~study_runner() override;

    // Starts a study; a study already running is abandoned (its result is dropped).
    // `origin` says where the study comes from (its exports' summary.json).
    void start(report::provenance origin, std::vector<study_point> points,
               std::vector<std::string> swept_keys, std::size_t focus_strategy,
               std::optional<std::size_t> partner_strategy, std::optional<std::uint64_t> seed,
               unsigned jobs);
    // Records the focus run again for another strategy, and the partner run for
    // `partner` (none: no partner), keeping the study's results: one or two runs,
    // not the whole study (what choosing a focus or a partner strategy does).
    void refocus(std::shared_ptr<const study_snapshot> study, std::size_t strategy,
                 std::optional<std::size_t> partner);
    // Records the focus run again from `from` on (for a run longer than the
    // trace cap: the next window), keeping everything else.
    void record_window(std::shared_ptr<const study_snapshot> study, time_ns from);
    // In a world of several documents: records the focus (and partner) run again
    // following `document`, which later studies follow too, until set_document.
    void follow_document(std::shared_ptr<const study_snapshot> study, std::uint32_t document);
    void set_document(std::optional<std::uint32_t> document) { document_ = document; }
    bool busy() const { return busy_; }
    // How many records a recorded run keeps (recorded_run::max_records; tests
    // make it small to walk a run by windows).
    void set_trace_cap(std::size_t cap) { trace_cap_ = cap; }

signals:
    void progress(int done, int total);
    void finished(std::shared_ptr<const immersim::gui::study_snapshot> snapshot);

private:
    // Runs `work` on the worker thread (after any previous study stops), then
    // hands its snapshot to the UI thread unless a newer study started meanwhile.
    void
    launch(std::function<std::shared_ptr<const study_snapshot>(std::uint64_t generation)> work);

    std::jthread worker_;
    std::atomic<std::uint64_t> generation_{0};
    std::atomic<bool> busy_{false};
    std::optional<std::uint32_t> document_;
    std::size_t trace_cap_ = recorded_run::max_records;
};

} // namespace immersim::gui
