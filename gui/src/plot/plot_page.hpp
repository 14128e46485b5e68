// index.html: a study's pictures with its summary table and its scenario, one page
// a reader can open from the folder without a server.
#pragma once

#include "plot.hpp"
#include "plot_charts.hpp"
#include "study_folder.hpp"

#include <string>
#include <vector>

namespace immersim::plot {

std::string index_page(const study_folder& study, const plot_options& options,
                       const std::vector<figure>& figures);

} // namespace immersim::plot
