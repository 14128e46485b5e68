// immersim-gui: the desktop application. `immersim-gui [SCENARIO]` opens a scenario
// (the quickstart by default).
#include "main_window.hpp"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("immersim");
    immersim::gui::main_window window;
    const QStringList args = QApplication::arguments();
    window.open_file(args.size() > 1 ? args[1] : QString(IMMERSIM_SCENARIOS_DIR) + "/quickstart.yaml");
    window.show();
    return QApplication::exec();
}
