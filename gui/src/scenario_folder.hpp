// Where the GUI finds its scenarios and lessons.
#pragma once

#include <QString>

namespace immersim::gui {

// An installed GUI (cmake --install) reads share/immersim/scenarios next to its
// bin folder; one run from the build tree reads the source tree's scenarios.
QString scenario_folder();

} // namespace immersim::gui
