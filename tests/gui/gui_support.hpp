// What every GUI test needs: the shipped scenarios' folder, where screenshots go,
// and running a scenario in a window while the UI keeps processing events.
#pragma once

#include "main_window.hpp"

#include <QString>
#include <functional>

namespace immersim::gui::testing_support {

inline const QString scenarios = IMMERSIM_SCENARIOS_DIR;
inline const QString screenshots = QString(IMMERSIM_GUI_SCREENSHOTS_DIR);

// Runs the editor's scenario and waits; false if it did not finish in time.
bool run_and_wait(main_window& w, int timeout_ms = 120000);

// Calls `start` and waits for the runner's next result.
bool wait(main_window& w, const std::function<void()>& start, int timeout_ms = 120000);

// Waits for whatever the runner is doing (a study, a focus run) to finish.
bool wait_for_runner(main_window& w, int timeout_ms = 120000);

// Opens a shipped scenario in a shown window of the screenshots' size and runs it.
bool show_and_run(main_window& w, const QString& scenario);

// Saves the window as screenshots/<name>.png.
bool save_screenshot(QWidget& w, const QString& name);

} // namespace immersim::gui::testing_support
