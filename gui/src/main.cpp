// immersim-gui: the desktop application. `immersim-gui [SCENARIO]` opens a scenario
// (the quickstart by default).
//
// `immersim-gui --measure-responsiveness SCENARIO` runs the scenario and reports
// the longest time the UI thread went without processing events (a 10 ms timer
// that records the gap between its ticks), then exits: the figure in
// docs/performance.md.
#include "main_window.hpp"
#include "scenario_folder.hpp"
#include "spacetime_view.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

namespace {

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
