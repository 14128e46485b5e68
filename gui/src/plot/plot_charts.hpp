// The pictures of a study: comparison bars, metrics against swept parameters, and
// time series with faults shaded, each saved as PNG and/or SVG.
#pragma once

#include "plot.hpp"
#include "study_folder.hpp"

#include <string>
#include <vector>

namespace immersim::plot {

struct figure {
    std::string section; // "Comparison", "Sweep", "Time series"
    std::string stem;    // file name without extension
    std::string caption;
};

// Draws and saves every picture; stops at the first file it cannot write, with
// `error` saying which and why.
bool draw_figures(const study_folder& study, const plot_options& options,
                  std::vector<figure>& figures, std::string& error);

} // namespace immersim::plot
