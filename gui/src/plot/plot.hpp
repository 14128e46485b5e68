// `immersim plot DIR`: pictures of a study's folder (what `run --out DIR` wrote),
// rendered headless with Qt Charts. This header is free of Qt, so that the CLI can
// call it without knowing how pictures are drawn.
#pragma once

#include "immersim/metrics/metric_catalogue.hpp"

#include <filesystem>
#include <ostream>
#include <vector>

namespace immersim::plot {

struct plot_options {
    std::filesystem::path folder; // holds summary.json, timeseries.csv, scenario.yaml
    std::filesystem::path to;     // where the pictures go; empty: folder/plots
    bool png = true;
    bool svg = true;
    std::vector<metrics::metric> metrics; // one comparison picture each
};

enum class plot_status { ok, bad_input, output_failed };

// Writes, for every metric, the comparison of the strategies (bars with 95%
// intervals; for a sweep, the metric against each swept parameter with 95% bands),
// for every point the time series with the scheduled faults shaded, and
// index.html showing them with the summary table and the scenario. Errors go to
// `err` as "file: error: ..." (with line and column where a file has them); the
// files written are listed on `out`.
plot_status plot_study(const plot_options& options, std::ostream& out, std::ostream& err);

} // namespace immersim::plot
