#include "scenario_folder.hpp"

#include <QCoreApplication>
#include <QDir>

namespace immersim::gui {

QString scenario_folder() {
    const QDir installed(QCoreApplication::applicationDirPath() + "/../share/immersim/scenarios");
    if (installed.exists())
        return installed.canonicalPath();
    return IMMERSIM_SCENARIOS_DIR;
}

} // namespace immersim::gui
