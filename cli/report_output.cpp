#include "report_output.hpp"

#include "immersim/run/runner.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <system_error>

namespace immersim::cli {

void write_table(std::ostream& out, const report& r, bool with_perf) {
    fmt::print(out, "scenario: {}\n", r.source->name);
    if (!r.source->description.empty())
        fmt::print(out, "{}\n", r.source->description);
    fmt::print(out, "\n{:>20}  {:>12}  {:>12}  {:>16}", "seed", "events", "operations", "digest");
    if (with_perf)
        fmt::print(out, "  {:>10}  {:>14}", "wall_s", "events_per_s");
    fmt::print(out, "\n");
    for (const run_result& run : r.runs) {
        fmt::print(out, "{:>20}  {:>12}  {:>12}  {:>16}", run.seed, run.events, run.operations,
                   format_digest(run.digest));
        if (with_perf)
            fmt::print(out, "  {:>10.3f}  {:>14.0f}", run.perf.wall_s, run.perf.events_per_s);
        if (!run.complete)
            fmt::print(out, "  (incomplete: event budget spent)");
        fmt::print(out, "\n");
    }
    fmt::print(out, "\ndigest: {}\n", format_digest(r.digest));
}

std::string json_document(const report& r) {
    nlohmann::ordered_json doc;
    doc["scenario"] = r.source->name;
    doc["runs"] = nlohmann::ordered_json::array();
    for (const run_result& run : r.runs) {
        nlohmann::ordered_json row;
        row["seed"] = run.seed;
        row["digest"] = format_digest(run.digest);
        row["events"] = run.events;
        row["operations"] = run.operations;
        row["stop_reason"] = run.stop_reason;
        row["complete"] = run.complete;
        row["perf"] = {{"wall_s", run.perf.wall_s}, {"events_per_s", run.perf.events_per_s}};
        doc["runs"].push_back(std::move(row));
    }
    doc["digest"] = format_digest(r.digest);
    return doc.dump(2) + "\n";
}

std::string runs_csv(const report& r) {
    std::string csv = "scenario,seed,digest,events,operations,stop_reason\n";
    for (const run_result& run : r.runs)
        csv += fmt::format("{},{},{},{},{},{}\n", r.source->name, run.seed,
                           format_digest(run.digest), run.events, run.operations,
                           run.stop_reason);
    return csv;
}

bool write_file_atomically(const std::filesystem::path& path, const std::string& content,
                           std::string& error) {
    const std::filesystem::path temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) {
            error = "cannot write " + temporary.string();
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        error = "cannot rename " + temporary.string() + " to " + path.string() + ": " +
                ec.message();
        return false;
    }
    return true;
}

} // namespace immersim::cli
