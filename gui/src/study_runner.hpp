// Runs a study off the UI thread: every run of the comparison (through the same
// runner the CLI uses), plus one traced "focus" run for the diagram, inspector
// and playback. Results reach the UI thread as one immutable snapshot.
#pragma once

#include "recorded_run.hpp"

#include "immersim/report/report_output.hpp"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

namespace immersim::gui {

struct study_snapshot {
    report::report results;
    std::shared_ptr<const recorded_run> focus;
    std::size_t focus_strategy = 0;
    std::uint64_t focus_seed = 0;
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
               std::optional<std::uint64_t> seed, unsigned jobs);
    bool busy() const { return busy_; }

signals:
    void progress(int done, int total);
    void finished(std::shared_ptr<const immersim::gui::study_snapshot> snapshot);

private:
    std::jthread worker_;
    std::atomic<std::uint64_t> generation_{0};
    std::atomic<bool> busy_{false};
};

} // namespace immersim::gui
