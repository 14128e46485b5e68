#include "plot.hpp"

#include "immersim/report/report_output.hpp"
#include "plot_charts.hpp"
#include "plot_page.hpp"
#include "study_folder.hpp"

#include <QApplication>
#include <cstdio>
#include <memory>

namespace immersim::plot {

namespace {

// Qt Charts draws through widgets, which need a QApplication; plots are headless,
// so a CLI process gets one on the offscreen platform.
std::unique_ptr<QApplication> headless_application() {
    if (QCoreApplication::instance() != nullptr)
        return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's own notices (no XDG_RUNTIME_DIR, and the like) are not the user's concern
    // here; its errors still reach standard error.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& text) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            std::fprintf(stderr, "immersim plot: Qt: %s\n", qPrintable(text));
    });
    static int argc = 1;
    static char name[] = "immersim";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

} // namespace

plot_status plot_study(const plot_options& given, std::ostream& out, std::ostream& err) {
    plot_options options = given;
    if (options.to.empty())
        options.to = options.folder / "plots";
    std::vector<std::string> errors;
    const std::optional<study_folder> study = read_study_folder(options.folder, errors);
    for (const std::string& e : errors)
        err << e << '\n';
    if (!study)
        return plot_status::bad_input;
    std::error_code ec;
    std::filesystem::create_directories(options.to, ec);
    if (ec) {
        err << options.to.string() << ": error: cannot create the folder: " << ec.message() << '\n';
        return plot_status::output_failed;
    }
    const auto app = headless_application();
    std::vector<figure> figures;
    std::string error;
    if (!draw_figures(*study, options, figures, error) ||
        !report::write_file_atomically(options.to / "index.html",
                                       index_page(*study, options, figures), error)) {
        err << options.to.string() << ": error: " << error << '\n';
        return plot_status::output_failed;
    }
    out << "plots: " << figures.size() << " figure" << (figures.size() == 1 ? "" : "s") << " and "
        << (options.to / "index.html").string() << '\n';
    return plot_status::ok;
}

} // namespace immersim::plot
