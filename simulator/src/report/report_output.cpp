#include "immersim/report/report_output.hpp"

#include "columns.hpp"
#include "fault_periods.hpp"
#include "immersim/metrics/metric_catalogue.hpp"
#include "immersim/run/run_pool.hpp"
#include "immersim/run/runner.hpp"
#include "immersim/version.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>
#include <unistd.h>

namespace immersim::report {

using metrics::metric;

namespace {

std::size_t strategy_count(const report& r) { return r.base().compare.size(); }

std::vector<const run_result*> runs_of(const report& r, std::size_t point, std::size_t strategy) {
    std::vector<const run_result*> out;
    for (const run_result& run : r.runs)
        if (run.point == point && run.strategy == strategy)
            out.push_back(&run);
    return out;
}

// Numbers print the same on every platform: fixed precision, integers as integers.
std::string number(double x) {
    if (std::isnan(x))
        return "";
    if (x == std::floor(x) && std::fabs(x) < 1e15)
        return fmt::format("{:.0f}", x);
    return fmt::format("{:.3f}", x);
}

std::string cell(const std::optional<metrics::summary>& s) {
    if (!s)
        return "-";
    if (s->n < 2)
        return number(s->mean);
    return number(s->mean) + " ±" + number(s->ci95_half);
}

// Fewer than two values have no spread and no interval: null, never a zero that
// reads as certainty (docs/metrics.md).
nlohmann::ordered_json summary_json(const metrics::summary& s) {
    const bool spread = s.n >= 2;
    return {{"n", s.n},
            {"mean", s.mean},
            {"stddev", spread ? nlohmann::ordered_json(s.stddev) : nullptr},
            {"ci95_half", spread ? nlohmann::ordered_json(s.ci95_half) : nullptr},
            {"min", s.min},
            {"max", s.max}};
}

// summary.csv's stddev and interval cells: empty for fewer than two values.
std::string spread_cells(const metrics::summary& s) {
    if (s.n < 2)
        return ",,,";
    return fmt::format(",{},{},{}", full_number(s.stddev), full_number(s.mean - s.ci95_half),
                       full_number(s.mean + s.ci95_half));
}

std::string interval_cells(const metrics::summary& s) {
    if (s.n < 2)
        return ",,";
    return fmt::format(",{},{}", full_number(s.mean - s.ci95_half),
                       full_number(s.mean + s.ci95_half));
}

} // namespace

// "topology.clients=100, drain=10s"
std::string point_label(const report& r, std::size_t point) {
    std::string label;
    for (const parameter& p : r.points[point].parameters)
        label += (label.empty() ? "" : ", ") + p.key + "=" + p.value;
    return label;
}

std::vector<std::vector<metric_summary>> summarize_point(const report& r, std::size_t point) {
    std::vector<std::vector<metric_summary>> out(strategy_count(r),
                                                 std::vector<metric_summary>(metrics::metric_count));
    const auto first = runs_of(r, point, 0);
    for (std::size_t s = 0; s < strategy_count(r); ++s) {
        const auto runs = runs_of(r, point, s);
        for (std::size_t k = 0; k < metrics::metric_count; ++k) {
            std::vector<double> values, a, b;
            for (std::size_t i = 0; i < runs.size(); ++i) {
                const auto& v = runs[i]->metrics.values[k];
                if (v)
                    values.push_back(*v);
                const auto& base = first[i]->metrics.values[k];
                if (v && base) {
                    a.push_back(*base);
                    b.push_back(*v);
                }
            }
            if (!values.empty())
                out[s][k].over_seeds = metrics::summarize(values);
            if (s > 0 && !a.empty())
                out[s][k].vs_first = metrics::paired_difference(a, b);
        }
    }
    return out;
}

std::size_t seeds_run(const report& r, std::size_t point) {
    return runs_of(r, point, 0).size();
}

namespace {

// Under sequential stopping, how many seeds this point took and why it stopped.
void write_seeds_run(std::ostream& out, const report& r, std::size_t point) {
    const scenario& sc = *r.points[point].world;
    if (!sc.until)
        return;
    const std::size_t n = seeds_run(r, point);
    std::vector<const run_result*> runs;
    for (const run_result& run : r.runs)
        if (run.point == point)
            runs.push_back(&run);
    const bool met = stopping_rule_met(*sc.until, runs, sc.compare.size());
    fmt::print(out, "seeds run: {} of at most {} ({})\n\n", n, sc.seeds,
               met ? "every strategy's interval is narrow enough"
                   : "the most allowed; some interval is still wider than asked");
}

void write_point_table(std::ostream& out, const report& r, std::size_t point,
                       const std::vector<metric>& rows) {
    const scenario& sc = *r.points[point].world;
    if (!r.swept_keys.empty())
        fmt::print(out, "\n== point {} of {}: {}\n", point + 1, r.points.size(), point_label(r, point));
    fmt::print(out, "\n");
    write_seeds_run(out, r, point);
    const auto summaries = summarize_point(r, point);
    // Columns as wide as the widest label or cell, so that numbers never run together.
    std::size_t width = 16;
    for (const strategy_config& c : sc.compare)
        width = std::max(width, c.label().size() + 2);
    for (const auto& per_strategy : summaries)
        for (const metric_summary& ms : per_strategy)
            width = std::max({width, cell(ms.over_seeds).size() + 2, cell(ms.vs_first).size() + 2});
    fmt::print(out, "{:<24}", "metric");
    for (const strategy_config& c : sc.compare)
        fmt::print(out, "{:>{}}", c.label(), width);
    fmt::print(out, "\n");
    for (metric m : rows) {
        fmt::print(out, "{:<24}", metrics::name_of(m));
        for (std::size_t s = 0; s < summaries.size(); ++s)
            fmt::print(out, "{:>{}}", cell(summaries[s][static_cast<std::size_t>(m)].over_seeds), width);
        fmt::print(out, "\n");
    }
    if (summaries.size() < 2)
        return;
    fmt::print(out, "\npaired difference against {} (same seeds), mean ±95% CI\n",
               sc.compare.front().label());
    for (metric m : {metric::lost_increments, metric::overwritten_writes,
                     metric::convergence_time_ms, metric::visibility_p99_ms}) {
        fmt::print(out, "{:<24}{:>{}}", metrics::name_of(m), "", width);
        for (std::size_t s = 1; s < summaries.size(); ++s)
            fmt::print(out, "{:>{}}", cell(summaries[s][static_cast<std::size_t>(m)].vs_first), width);
        fmt::print(out, "\n");
    }
}

} // namespace

std::vector<metric> default_table_metrics() {
    return {metric::conflict_rate,
            metric::lost_increments,
            metric::overwritten_writes,
            metric::causality_violations,
            metric::lost_set_adds,
            metric::resurrected_removes,
            metric::invariant_violations,
            metric::converged,
            metric::convergence_time_ms,
            metric::visibility_p50_ms,
            metric::visibility_p99_ms,
            metric::commit_latency_p99_ms,
            metric::auto_merged,
            metric::merge_conflicts,
            metric::kept_both,
            metric::retried,
            metric::aborted,
            metric::surfaced_to_user,
            metric::messages,
            metric::memory_live_bytes,
            metric::memory_deep_copy_bytes,
            metric::memory_saved_fraction,
            metric::metadata_bytes,
            metric::metadata_peak_bytes};
}

void write_table(std::ostream& out, const report& r, bool with_perf,
                 const std::vector<metric>& rows) {
    const scenario& sc = r.base();
    fmt::print(out, "scenario: {}\n", sc.name);
    if (!sc.description.empty())
        fmt::print(out, "{}\n", sc.description);
    const std::string seeds =
        sc.until ? fmt::format("{} to {} seeds in batches of {}, until the 95% CI of {} is within "
                               "{}",
                               sc.until->batch, sc.seeds, sc.until->batch, sc.until->metric,
                               sc.until->relative
                                   ? fmt::format("{:g}% of its mean", sc.until->halfwidth * 100)
                                   : fmt::format("±{:g}", sc.until->halfwidth))
                 : fmt::format("{} seeds", sc.seeds);
    fmt::print(out, "{} strategies x {} (base seed {}){}; mean ±95% CI over seeds\n",
               sc.compare.size(), seeds, r.runs.empty() ? sc.seed : r.runs.front().seed,
               r.swept_keys.empty() ? "" : fmt::format(" x {} sweep points", r.points.size()));
    for (std::size_t point = 0; point < r.points.size(); ++point)
        write_point_table(out, r, point, rows);
    if (with_perf) {
        double wall = 0.0, events = 0.0;
        for (const run_result& run : r.runs) {
            wall += run.perf.wall_s;
            events += run.metrics[metric::events].value_or(0.0);
        }
        fmt::print(out, "\nperf: {} runs, {:.3f} s of wall-clock time in total, {:.0f} events/s\n",
                   r.runs.size(), wall, wall > 0 ? events / wall : 0.0);
    }
    for (const run_result& run : r.runs)
        if (!run.complete)
            fmt::print(out, "\n{} seed {}: incomplete (event budget spent)\n", run.strategy_label,
                       run.seed);
    fmt::print(out, "\ndigest: {}\n", format_digest(r.digest));
}

namespace {

nlohmann::ordered_json parameters_json(const std::vector<swept_column>& columns, const report& r,
                                       std::size_t point) {
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    const std::vector<parameter>& values = r.points[point].parameters;
    for (std::size_t k = 0; k < columns.size() && k < values.size(); ++k)
        params[columns[k].column] = json_value(columns[k], values[k].value);
    return params;
}

// What a reader needs to trust and reproduce the numbers: the schema, the
// program's version, the scenario file and a digest of its bytes, the seeds, the
// overrides, what the swept columns and every metric mean.
void describe(nlohmann::ordered_json& doc, const report& r,
              const std::vector<swept_column>& columns) {
    doc["schema"] = "immersim-summary";
    doc["schema_version"] = 2;
    doc["immersim_version"] = immersim::version;
    doc["scenario"] = r.base().name;
    doc["scenario_file"] = r.origin.scenario_file;
    doc["scenario_digest"] = r.origin.scenario_digest;
    doc["base_seed"] = r.origin.base_seed;
    doc["seeds"] = r.base().seeds;
    if (const auto& rule = r.base().until)
        doc["until"] = {{"metric", rule->metric},
                        {"ci_halfwidth", rule->halfwidth},
                        {"relative", rule->relative},
                        {"batch", rule->batch},
                        {"max", r.base().seeds}};
    doc["overrides"] = nlohmann::ordered_json::array();
    for (const parameter& p : r.origin.overrides)
        doc["overrides"].push_back({{"key", p.key}, {"value", p.value}});
    doc["swept_keys"] = r.swept_keys;
    doc["swept_columns"] = nlohmann::ordered_json::array();
    for (const swept_column& c : columns)
        doc["swept_columns"].push_back(
            {{"key", c.key},
             {"column", c.column},
             {"unit", c.unit.empty() ? nullptr : nlohmann::ordered_json(c.unit)}});
    doc["metric_definitions"] = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < metrics::metric_count; ++k) {
        const auto m = static_cast<metric>(k);
        doc["metric_definitions"].push_back({{"name", metrics::name_of(m)},
                                             {"unit", metrics::unit_of(m)},
                                             {"lower_is_better", metrics::lower_is_better(m)},
                                             {"defined_in", "docs/metrics.md"}});
    }
}

nlohmann::ordered_json strategies_json(const report& r, std::size_t point) {
    const auto summaries = summarize_point(r, point);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (std::size_t s = 0; s < summaries.size(); ++s) {
        nlohmann::ordered_json entry;
        entry["strategy"] = r.base().compare[s].label();
        for (std::size_t k = 0; k < metrics::metric_count; ++k) {
            const metric_summary& ms = summaries[s][k];
            nlohmann::ordered_json m;
            m["over_seeds"] = ms.over_seeds ? summary_json(*ms.over_seeds) : nlohmann::ordered_json();
            if (s > 0)
                m["vs_first"] = ms.vs_first ? summary_json(*ms.vs_first) : nlohmann::ordered_json();
            entry["metrics"][std::string(metrics::name_of(static_cast<metric>(k)))] = m;
        }
        list.push_back(entry);
    }
    return list;
}

} // namespace

std::string json_document(const report& r, bool with_perf) {
    const std::vector<swept_column> columns = swept_columns(r);
    nlohmann::ordered_json doc;
    describe(doc, r, columns);
    doc["points"] = nlohmann::ordered_json::array();
    for (std::size_t point = 0; point < r.points.size(); ++point) {
        nlohmann::ordered_json p = {{"parameters", parameters_json(columns, r, point)},
                                    {"faults", fault_periods(*r.points[point].world)},
                                    {"random_faults", r.points[point].world->nemesis.enabled()}};
        if (r.points[point].world->until)
            p["seeds_run"] = seeds_run(r, point);
        p["strategies"] = strategies_json(r, point);
        doc["points"].push_back(std::move(p));
    }
    doc["runs"] = nlohmann::ordered_json::array();
    for (const run_result& run : r.runs) {
        nlohmann::ordered_json row;
        row["parameters"] = parameters_json(columns, r, run.point);
        row["strategy"] = run.strategy_label;
        row["seed"] = run.seed;
        row["digest"] = format_digest(run.digest);
        row["stop_reason"] = run.stop_reason;
        row["complete"] = run.complete;
        for (std::size_t k = 0; k < metrics::metric_count; ++k) {
            const auto& v = run.metrics.values[k];
            row["metrics"][std::string(metrics::name_of(static_cast<metric>(k)))] =
                v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
        }
        if (with_perf)
            row["perf"] = {{"wall_s", run.perf.wall_s},
                           {"events_per_s", run.perf.events_per_s},
                           {"documents_apart", run.perf.documents_apart}};
        doc["runs"].push_back(std::move(row));
    }
    doc["digest"] = format_digest(r.digest);
    return doc.dump(2) + "\n";
}

std::string runs_csv(const report& r) {
    const std::vector<swept_column> columns = swept_columns(r);
    std::string csv = "scenario" + parameter_header(columns) + ",strategy,seed,digest,complete";
    for (std::size_t k = 0; k < metrics::metric_count; ++k)
        csv += "," + std::string(metrics::name_of(static_cast<metric>(k)));
    csv += "\n";
    for (const run_result& run : r.runs) {
        csv += fmt::format("{}{},{},{},{},{}", csv_field(r.base().name),
                           parameter_cells(columns, r, run.point), csv_field(run.strategy_label),
                           run.seed, format_digest(run.digest), run.complete ? 1 : 0);
        for (const auto& v : run.metrics.values)
            csv += "," + (v ? full_number(*v) : std::string());
        csv += "\n";
    }
    return csv;
}

std::string summary_csv(const report& r) {
    const std::vector<swept_column> columns = swept_columns(r);
    std::string csv = "scenario" + parameter_header(columns) +
                      ",strategy,metric,n,mean,stddev,ci95_low,ci95_high,"
                      "diff_vs_first_mean,diff_vs_first_ci95_low,diff_vs_first_ci95_high\n";
    for (std::size_t point = 0; point < r.points.size(); ++point) {
        const auto summaries = summarize_point(r, point);
        for (std::size_t s = 0; s < summaries.size(); ++s)
            for (std::size_t k = 0; k < metrics::metric_count; ++k) {
                const metric_summary& ms = summaries[s][k];
                csv += fmt::format("{}{},{},{}", csv_field(r.base().name),
                                   parameter_cells(columns, r, point),
                                   csv_field(r.base().compare[s].label()),
                                   metrics::name_of(static_cast<metric>(k)));
                if (ms.over_seeds)
                    csv +=
                        fmt::format(",{},{}", ms.over_seeds->n, full_number(ms.over_seeds->mean)) +
                        spread_cells(*ms.over_seeds);
                else
                    csv += ",0,,,,";
                if (ms.vs_first)
                    csv += "," + full_number(ms.vs_first->mean) + interval_cells(*ms.vs_first);
                else
                    csv += ",,,";
                csv += "\n";
            }
    }
    return csv;
}

std::string timeseries_csv(const report& r) {
    const std::vector<swept_column> columns = swept_columns(r);
    std::string csv = "scenario" + parameter_header(columns) +
                      ",strategy,seed,time_ms,conflicting_changes,divergent_replicas,"
                      "messages_in_flight,memory_live_bytes,memory_deep_copy_bytes\n";
    for (const run_result& run : r.runs)
        for (const run_sample& s : run.samples)
            csv +=
                fmt::format("{}{},{},{},{},{},{},{},{},{}\n", csv_field(r.base().name),
                            parameter_cells(columns, r, run.point), csv_field(run.strategy_label),
                            run.seed, full_number(static_cast<double>(s.at_ns) / ns_per_ms),
                            s.conflicting_changes, s.divergent_replicas, s.messages_in_flight,
                            s.memory_live_bytes, s.memory_deep_copy_bytes);
    return csv;
}

std::string perf_csv(const report& r) {
    const std::vector<swept_column> columns = swept_columns(r);
    std::string csv =
        "scenario" + parameter_header(columns) + ",strategy,seed,wall_s,events_per_s\n";
    for (const run_result& run : r.runs)
        csv +=
            fmt::format("{}{},{},{},{},{}\n", csv_field(r.base().name),
                        parameter_cells(columns, r, run.point), csv_field(run.strategy_label),
                        run.seed, full_number(run.perf.wall_s), full_number(run.perf.events_per_s));
    return csv;
}

bool write_fully(int fd, std::string_view text, std::string& error) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            error = std::strerror(written < 0 ? errno : EIO);
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

bool write_file_atomically(const std::filesystem::path& path, const std::string& content,
                           std::string& error) {
    const std::filesystem::path temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = "cannot write " + temporary.string() + ": " + std::strerror(errno);
        return false;
    }
    std::string why;
    // fsync: on a full disk some file systems report the failure only there.
    bool ok = write_fully(fd, content, why);
    if (ok && ::fsync(fd) != 0) {
        why = std::strerror(errno);
        ok = false;
    }
    if (::close(fd) != 0 && ok) {
        why = std::strerror(errno);
        ok = false;
    }
    std::error_code ec;
    if (!ok) {
        std::filesystem::remove(temporary, ec);
        error = "cannot write " + path.string() + ": " + why;
        return false;
    }
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        error = "cannot rename " + temporary.string() + " to " + path.string() + ": " +
                ec.message();
        return false;
    }
    return true;
}

bool write_study_folder(const std::filesystem::path& dir, const report& r, std::string& error) {
    const std::pair<const char*, std::string> files[] = {
        {"runs.csv", runs_csv(r)},
        {"summary.csv", summary_csv(r)},
        {"summary.json", json_document(r, false)},
        {"timeseries.csv", timeseries_csv(r)},
        {"perf.csv", perf_csv(r)},
        {"scenario.yaml", r.origin.scenario_text},
    };
    for (const auto& [name, content] : files)
        if (!write_file_atomically(dir / name, content, error))
            return false;
    if (r.base().documents.present())
        return write_file_atomically(dir / "documents.csv", documents_csv(r), error);
    return true;
}

} // namespace immersim::report
