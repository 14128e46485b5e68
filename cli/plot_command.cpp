#include "plot_command.hpp"

#include <iostream>

#ifdef IMMERSIM_WITH_PLOT
#include "plot.hpp"
#endif

namespace immersim::cli {

int command_plot([[maybe_unused]] const plot_request& request,
                 [[maybe_unused]] std::ostream& notes) {
#ifdef IMMERSIM_WITH_PLOT
    plot::plot_options options;
    options.folder = request.folder;
    options.to = request.to;
    options.png = request.formats.find("png") != std::string::npos;
    options.svg = request.formats.find("svg") != std::string::npos;
    options.metrics = request.metrics;
    switch (plot::plot_study(options, notes, std::cerr)) {
    case plot::plot_status::ok:
        return 0;
    case plot::plot_status::bad_input:
        return 2;
    case plot::plot_status::output_failed:
        return 3;
    }
    return 3;
#else
    std::cerr << "immersim plot: error: this immersim was built without Qt 6, which draws the "
                 "plots: install qt6-charts-dev and qt6-svg-dev (scripts/install-dependencies "
                 "does) and build again\n";
    return 2;
#endif
}

} // namespace immersim::cli
