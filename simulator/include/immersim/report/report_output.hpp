// How the CLI presents results: the comparison table on stdout, JSON, and the CSV
// files under --out. Every number is formatted the same way everywhere, so two runs
// of one scenario print the same bytes.
#pragma once

#include "immersim/metrics/statistics.hpp"
#include "immersim/run/run_result.hpp"
#include "immersim/scenario/scenario.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace immersim::report {

// Where a report comes from (summary.json says it): the scenario file and a digest
// of its bytes, the base seed and the --set overrides: with the program's version,
// enough to run it again and get the same bytes.
struct provenance {
    std::string scenario_file;
    std::string scenario_digest;
    std::uint64_t base_seed = 0;
    std::vector<parameter> overrides;
    std::string scenario_text; // the bytes that were run, written out as scenario.yaml
};

struct report {
    provenance origin;
    std::vector<study_point> points;     // the sweep's points; one without a sweep
    std::vector<std::string> swept_keys; // empty without a sweep
    std::vector<run_result> runs;        // point by point, strategy by strategy, seed by seed
    std::uint64_t digest = 0;            // over all runs, in order

    const scenario& base() const { return *points.front().world; }
};

// One strategy's summary of one metric over its seeds, and the paired difference
// against the first strategy (empty for the first itself or with no pairs).
struct metric_summary {
    std::optional<metrics::summary> over_seeds;
    std::optional<metrics::summary> vs_first;
};

// "topology.clients=100, drain=10s": the swept keys' values at a point (empty
// without a sweep).
std::string point_label(const report& r, std::size_t point);

// [strategy][metric] at one point of the sweep.
std::vector<std::vector<metric_summary>> summarize_point(const report& r, std::size_t point);
// The seeds a point ran (under sequential stopping, fewer than `seeds` when the
// rule was met early).
std::size_t seeds_run(const report& r, std::size_t point);

// The rows the table shows unless told otherwise (files carry every metric).
std::vector<metrics::metric> default_table_metrics();
void write_table(std::ostream& out, const report& r, bool with_perf,
                 const std::vector<metrics::metric>& rows = default_table_metrics());
std::string json_document(const report& r, bool with_perf);
std::string runs_csv(const report& r);
std::string summary_csv(const report& r);
std::string timeseries_csv(const report& r);
std::string perf_csv(const report& r);
// Each document's counts per run (a study with `documents:`; docs/outputs.md).
std::string documents_csv(const report& r);

// Writes `content` to `path` atomically: a temporary file beside it, flushed to disk,
// then renamed, so a reader never sees half a file. On failure `error` says which file
// and why (the system's reason, such as "No space left on device"), and the temporary
// file is removed.
// Writes all of `text` to an open file descriptor (standard output: 1), retrying
// short writes. On failure `error` holds the system's reason.
bool write_fully(int fd, std::string_view text, std::string& error);

bool write_file_atomically(const std::filesystem::path& path, const std::string& content,
                           std::string& error);

// A study's folder (`--out`, the GUI's export): runs.csv, summary.csv, summary.json,
// timeseries.csv, perf.csv, documents.csv (with `documents:` only) and
// scenario.yaml (the text that was run), each
// written atomically. `immersim plot` reads such a folder. Stops at the first
// failure, with `error` saying which file and why.
bool write_study_folder(const std::filesystem::path& dir, const report& r, std::string& error);

} // namespace immersim::report
