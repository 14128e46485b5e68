#include "gui_support.hpp"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QTimer>

namespace immersim::gui::testing_support {

bool wait(main_window& w, const std::function<void()>& start, int timeout_ms) {
    QEventLoop loop;
    bool done = false;
    const auto connection = QObject::connect(&w.runner(), &study_runner::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
    start();
    if (!done)
        loop.exec();
    QObject::disconnect(connection);
    QApplication::processEvents();
    return done;
}

bool run_and_wait(main_window& w, int timeout_ms) {
    return wait(
        w, [&] { w.run_study(); }, timeout_ms);
}

bool wait_for_runner(main_window& w, int timeout_ms) {
    return !w.runner().busy() || wait(
                                     w, [] {}, timeout_ms);
}

bool show_and_run(main_window& w, const QString& scenario) {
    w.resize(1400, 860);
    w.show();
    return w.open_file(scenarios + "/" + scenario) && run_and_wait(w);
}

bool save_screenshot(QWidget& w, const QString& name) {
    QDir().mkpath(screenshots);
    QApplication::processEvents();
    return w.grab().save(screenshots + "/" + name + ".png");
}

} // namespace immersim::gui::testing_support
