// A study's folder as `immersim plot` reads it: summary.json (schema version 2),
// timeseries.csv averaged over seeds, and scenario.yaml. Plain data, no Qt.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace immersim::plot {

struct fault_span {
    std::string kind;
    std::string nodes;
    double from_ms = 0;
    std::optional<double> until_ms; // none: to the end of the run
};

// A metric's value over seeds at one point for one strategy.
struct estimate {
    double mean = 0;
    double half_width = 0; // of the 95% interval; 0 when there is none (n < 2)
    std::size_t n = 0;
};

struct study_point {
    std::vector<nlohmann::json> values; // one per swept column: a number or a text
    std::vector<fault_span> faults;
    bool random_faults = false;
    // metric name -> one entry per strategy (none: the metric does not apply)
    std::map<std::string, std::vector<std::optional<estimate>>> metrics;
    // time series name -> per strategy: time (ms) -> mean over the seeds sampled then
    std::map<std::string, std::vector<std::map<double, double>>> series;
};

struct swept {
    std::string key, column, unit;
    bool numeric = true; // false: some value is a text
};

struct study_folder {
    std::string scenario;
    std::string scenario_digest, version, digest;
    std::uint64_t base_seed = 0;
    std::uint64_t seeds = 0;      // per strategy; under sequential stopping the fewest a point ran
    std::uint64_t seeds_most = 0; // under sequential stopping the most a point ran, else seeds
    bool sequential = false;      // summary.json has `until`
    std::vector<std::string> strategies;
    std::vector<swept> columns;
    std::vector<study_point> points;
    std::vector<std::string> series_names;
    std::map<std::string, std::string> units; // metric -> unit
    std::string scenario_text;                // empty when the folder has no scenario.yaml
};

// A swept value as files write it: a text as itself, a number as JSON writes it.
std::string value_text(const nlohmann::json& v);

// "latency_ms=5, clients=3": the point's swept values, except column `skip` (pass
// study.columns.size() to keep them all).
std::string point_label(const study_folder& study, const study_point& p, std::size_t skip);

// Reads the folder; on failure, `errors` holds every problem found as
// "path: error: ..." or "path:line:col: error: ...".
std::optional<study_folder> read_study_folder(const std::filesystem::path& dir,
                                              std::vector<std::string>& errors);

} // namespace immersim::plot
