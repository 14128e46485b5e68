// `immersim plot DIR` and `run --out DIR --plots`: pictures of a study's folder.
#pragma once

#include "immersim/metrics/metric_catalogue.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace immersim::cli {

struct plot_request {
    std::string folder;
    std::string to; // empty: folder/plots
    std::string formats = "png,svg";
    std::vector<metrics::metric> metrics;
};

// The exit code: 0, 2 for a folder that cannot be read or a bad flag (or a build
// without Qt, which cannot draw), 3 when a picture cannot be written. What was
// written is said on `notes` (standard error under `run`, whose standard output
// carries the results).
int command_plot(const plot_request& request, std::ostream& notes);

} // namespace immersim::cli
