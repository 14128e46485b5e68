#include "study_folder.hpp"

#include "csv_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace immersim::plot {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& file, std::vector<std::string>& errors) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        errors.push_back(fmt::format("{}: error: cannot read it: {} (a folder written by "
                                     "`immersim run FILE --out DIR` has it)",
                                     file.string(), std::strerror(errno)));
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Line and column (from 1) of a byte offset, as editors count them.
std::string position(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        column = text[i] == '\n' ? 1 : column + 1;
        line += text[i] == '\n' ? 1 : 0;
    }
    return fmt::format("{}:{}", line, column);
}

std::optional<estimate> estimate_of(const json& over_seeds) {
    if (over_seeds.is_null())
        return std::nullopt;
    estimate e;
    e.mean = over_seeds.at("mean").get<double>();
    e.n = over_seeds.at("n").get<std::size_t>();
    const json& half = over_seeds.at("ci95_half");
    e.half_width = half.is_null() ? 0.0 : half.get<double>();
    return e;
}

study_point point_of(const json& p, const std::vector<swept>& columns) {
    study_point point;
    for (const swept& c : columns)
        point.values.push_back(p.at("parameters").at(c.column));
    for (const json& f : p.at("faults")) {
        fault_span span{f.at("kind").get<std::string>(), f.at("nodes").get<std::string>(),
                        f.at("from_ms").get<double>(), std::nullopt};
        if (!f.at("until_ms").is_null())
            span.until_ms = f.at("until_ms").get<double>();
        point.faults.push_back(span);
    }
    point.random_faults = p.at("random_faults").get<bool>();
    for (const json& s : p.at("strategies"))
        for (const auto& [name, m] : s.at("metrics").items())
            point.metrics[name].push_back(estimate_of(m.at("over_seeds")));
    return point;
}

void read_summary(const json& doc, study_folder& study) {
    study.scenario = doc.at("scenario").get<std::string>();
    study.scenario_digest = doc.at("scenario_digest").get<std::string>();
    study.version = doc.at("immersim_version").get<std::string>();
    study.digest = doc.at("digest").get<std::string>();
    study.base_seed = doc.at("base_seed").get<std::uint64_t>();
    study.seeds = doc.at("seeds").get<std::uint64_t>();
    for (const json& c : doc.at("swept_columns"))
        study.columns.push_back({c.at("key").get<std::string>(), c.at("column").get<std::string>(),
                                 c.at("unit").is_null() ? "" : c.at("unit").get<std::string>(),
                                 true});
    for (const json& m : doc.at("metric_definitions"))
        study.units[m.at("name").get<std::string>()] = m.at("unit").get<std::string>();
    for (const json& s : doc.at("points").at(0).at("strategies"))
        study.strategies.push_back(s.at("strategy").get<std::string>());
    for (const json& p : doc.at("points"))
        study.points.push_back(point_of(p, study.columns));
    // Sequential stopping: each point says how many seeds it took.
    study.seeds_most = study.seeds;
    study.sequential = doc.contains("until");
    if (study.sequential) {
        study.seeds = UINT64_MAX;
        study.seeds_most = 0;
        for (const json& p : doc.at("points")) {
            const auto n = p.at("seeds_run").get<std::uint64_t>();
            study.seeds = std::min(study.seeds, n);
            study.seeds_most = std::max(study.seeds_most, n);
        }
    }
    for (std::size_t k = 0; k < study.columns.size(); ++k)
        for (const study_point& p : study.points)
            study.columns[k].numeric = study.columns[k].numeric && p.values[k].is_number();
}

bool parse_summary(const fs::path& file, study_folder& study, std::vector<std::string>& errors) {
    const std::optional<std::string> text = read_text(file, errors);
    if (!text)
        return false;
    json doc;
    try {
        doc = json::parse(*text);
    } catch (const json::parse_error& e) {
        errors.push_back(fmt::format("{}:{}: error: not JSON ({})", file.string(),
                                     position(*text, e.byte > 0 ? e.byte - 1 : 0), e.what()));
        return false;
    }
    if (!doc.is_object() || doc.value("schema", "") != "immersim-summary" ||
        doc.value("schema_version", 0) != 2) {
        errors.push_back(fmt::format(
            "{}:1:1: error: expected an immersim summary of schema version 2 (schema: "
            "\"immersim-summary\", schema_version: 2); write it again with this immersim",
            file.string()));
        return false;
    }
    try {
        read_summary(doc, study);
    } catch (const json::exception& e) {
        errors.push_back(fmt::format("{}: error: not a summary as immersim writes it: {}",
                                     file.string(), e.what()));
        return false;
    }
    return true;
}

// Which point a time-series row belongs to: the one whose swept values equal the
// row's cells (numbers compared as numbers, so 5 and 5.0 agree).
std::optional<std::size_t> point_of_row(const study_folder& study,
                                        const std::vector<std::string>& row) {
    for (std::size_t p = 0; p < study.points.size(); ++p) {
        bool same = true;
        for (std::size_t k = 0; k < study.columns.size() && same; ++k) {
            const json& v = study.points[p].values[k];
            const std::string& cell = row[1 + k];
            same = v.is_number() ? !cell.empty() && std::stod(cell) == v.get<double>()
                                 : v.is_string() && cell == v.get<std::string>();
        }
        if (same)
            return p;
    }
    return std::nullopt;
}

struct running_mean {
    double sum = 0;
    int count = 0;
};

bool parse_timeseries(const fs::path& file, study_folder& study, std::vector<std::string>& errors) {
    const std::optional<std::string> text = read_text(file, errors);
    if (!text)
        return false;
    const auto records = parse_csv(*text);
    const std::size_t first_series = 1 + study.columns.size() + 3; // strategy, seed, time_ms
    if (records.empty() || records[0].size() <= first_series ||
        records[0][first_series - 1] != "time_ms") {
        errors.push_back(fmt::format("{}:1:1: error: expected the header scenario,{}strategy,"
                                     "seed,time_ms,SERIES...",
                                     file.string(), study.columns.empty() ? "" : "SWEPT...,"));
        return false;
    }
    study.series_names.assign(records[0].begin() + static_cast<long>(first_series),
                              records[0].end());
    // [point][series][strategy][time]
    std::map<std::tuple<std::size_t, std::size_t, std::size_t, double>, running_mean> sums;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& row = records[r];
        const auto point =
            row.size() == records[0].size() ? point_of_row(study, row) : std::nullopt;
        const auto strategy = std::find(study.strategies.begin(), study.strategies.end(),
                                        row.size() > first_series ? row[first_series - 3] : "");
        if (!point || strategy == study.strategies.end()) {
            errors.push_back(fmt::format("{}:{}:1: error: a row of no point and strategy of "
                                         "summary.json (is it the same study's file?)",
                                         file.string(), r + 1));
            return false;
        }
        const double t = std::stod(row[first_series - 1]);
        const auto s = static_cast<std::size_t>(strategy - study.strategies.begin());
        for (std::size_t k = 0; k < study.series_names.size(); ++k) {
            running_mean& m = sums[{*point, k, s, t}];
            m.sum += std::stod(row[first_series + k]);
            ++m.count;
        }
    }
    for (study_point& p : study.points)
        for (const std::string& name : study.series_names)
            p.series[name].resize(study.strategies.size());
    for (const auto& [where, m] : sums) {
        const auto& [p, k, s, t] = where;
        study.points[p].series[study.series_names[k]][s][t] = m.sum / m.count;
    }
    return true;
}

} // namespace

std::string value_text(const nlohmann::json& v) {
    return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string point_label(const study_folder& study, const study_point& p, std::size_t skip) {
    std::string label;
    for (std::size_t k = 0; k < study.columns.size(); ++k)
        if (k != skip)
            label += (label.empty() ? "" : ", ") + study.columns[k].column + "=" +
                     value_text(p.values[k]);
    return label;
}

std::optional<study_folder> read_study_folder(const fs::path& dir,
                                              std::vector<std::string>& errors) {
    study_folder study;
    if (!parse_summary(dir / "summary.json", study, errors))
        return std::nullopt;
    try {
        if (!parse_timeseries(dir / "timeseries.csv", study, errors))
            return std::nullopt;
    } catch (const std::exception&) { // std::stod on a cell that is not a number
        errors.push_back(fmt::format("{}: error: a cell that should be a number is not",
                                     (dir / "timeseries.csv").string()));
        return std::nullopt;
    }
    std::ifstream scenario(dir / "scenario.yaml", std::ios::binary);
    std::ostringstream text;
    text << scenario.rdbuf();
    study.scenario_text = text.str();
    return study;
}

} // namespace immersim::plot
