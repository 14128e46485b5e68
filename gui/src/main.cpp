// immersim-gui: the desktop application. `immersim-gui [SCENARIO]` opens a scenario
// (the quickstart by default).
//
// `immersim-gui --measure-responsiveness SCENARIO` runs the scenario and reports
// the longest time the UI thread went without processing events (a 10 ms timer
// that records the gap between its ticks), then scrubs: 40 cursor moves across
// the run on the Timeline and on the Space-time view, each painted before the
// next, with the median and the slowest move, and 40 clicks on events of the
// Space-time view (each lights a causal cone); then exits. The figures in
// docs/performance.md.
#include "main_window.hpp"
#include "scenario_folder.hpp"
#include "spacetime_view.hpp"
#include "timeline_view.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

// Does `act(i)` for i = 1..40 with `view` showing, painting after each (as a user
// would see it), and prints the median and the slowest in milliseconds.
void time_40(QWidget* view, const std::function<void(std::size_t)>& act, const char* what) {
    std::vector<double> ms;
    QElapsedTimer clock;
    for (std::size_t i = 1; i <= 40; ++i) {
        clock.start();
        act(i);
        view->repaint();
        QApplication::processEvents();
        ms.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%s: median %.1f ms, slowest %.1f ms (40 of them)\n", what, ms[ms.size() / 2],
                ms.back());
}

// Moves the cursor 40 times across the focus run with `view` showing.
void measure_scrubbing(immersim::gui::main_window& window, QWidget* view, const char* name) {
    window.views()->setCurrentWidget(view);
    QApplication::processEvents();
    const std::size_t records = window.snapshot()->focus->records.size();
    const std::string what = std::string("cursor moves on ") + name;
    time_40(
        view, [&](std::size_t i) { window.select_record(records * i / 41); }, what.c_str());
}

// Clicks 40 edits across the focus run on the Space-time view (each lights a
// causal cone).
void measure_clicks(immersim::gui::main_window& window) {
    window.views()->setCurrentWidget(window.spacetime());
    QApplication::processEvents();
    const auto& records = window.snapshot()->focus->records;
    std::vector<std::size_t> edits;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (records[i].kind == immersim::trace_kind::operation)
            edits.push_back(i);
    if (edits.empty())
        return;
    time_40(
        window.spacetime(),
        [&](std::size_t i) { window.spacetime()->select_event(edits[edits.size() * i / 41]); },
        "clicks on Space-time (causal cone)");
}

int measure_responsiveness(immersim::gui::main_window& window) {
    QElapsedTimer clock;
    qint64 last = 0, worst = 0, worst_at = 0, ticks = 0, finished_at = -1;
    QTimer heartbeat;
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        if (now - last > worst) {
            worst = now - last;
            worst_at = now;
        }
        last = now;
        ++ticks;
    });
    QObject::connect(&window.runner(), &immersim::gui::study_runner::finished, [&] {
        finished_at = clock.elapsed();
        // Let the views take the snapshot and paint before stopping the clock.
        window.views()->setCurrentWidget(window.spacetime());
        QTimer::singleShot(500, [&] {
            std::printf("runs: %zu, wall: %.1f s, UI ticks: %lld, longest UI gap: %lld ms "
                        "(ending at %.2f s; results arrived at %.2f s)\n",
                        window.snapshot()->results.runs.size(), clock.elapsed() / 1000.0,
                        static_cast<long long>(ticks), static_cast<long long>(worst),
                        worst_at / 1000.0, finished_at / 1000.0);
            measure_scrubbing(window, window.timeline(), "Timeline");
            measure_scrubbing(window, window.spacetime(), "Space-time");
            measure_clicks(window);
            QApplication::quit();
        });
    });
    clock.start();
    heartbeat.start();
    window.run_study();
    return QApplication::exec();
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("immersim");
    immersim::gui::main_window window;
    QStringList args = QApplication::arguments();
    const bool measure = args.size() > 2 && args[1] == "--measure-responsiveness";
    if (measure)
        args.removeAt(1);
    window.open_file(args.size() > 1 ? args[1]
                                     : immersim::gui::scenario_folder() + "/quickstart.yaml");
    window.show();
    if (measure)
        return measure_responsiveness(window);
    return QApplication::exec();
}
