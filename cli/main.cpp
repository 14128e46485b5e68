// The `immersim` command: a thin shell over the run layer. Exit codes: 0 success,
// 1 a run failed to complete, 2 bad input (flags, files, scenarios, an --out folder
// that cannot be written), 3 an output could not be written (a full disk, a closed
// standard output).
#include "checkpoint.hpp"
#include "immersim/report/report_output.hpp"
#include "immersim/run/memory_budget.hpp"
#include "immersim/run/run_pool.hpp"
#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"
#include "immersim/version.hpp"
#include "memory_check.hpp"
#ifdef IMMERSIM_WITH_MPI
#include "mpi_study.hpp"
#endif
#include "plot_command.hpp"
#include "trace_writer.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace {

using namespace immersim;

constexpr int exit_ok = 0;
constexpr int exit_incomplete = 1;
constexpr int exit_bad_input = 2;
constexpr int exit_output_failed = 3;

struct run_options {
    std::string scenario_file;
    std::string seed_text; // parsed by hand: CLI11 would wrap "-1" to 2^64 - 1
    std::optional<std::uint64_t> seed;
    std::string format = "table";
    std::string out_dir;
    bool perf = false;
    unsigned jobs = 1;
    std::vector<std::string> sets;
    bool resume = false;
    bool overwrite = false;
    std::string trace_file;
    std::string trace_format = "json";
    std::string trace_document; // a number, or all; empty: the first edited
    cli::trace_follow trace_follow;
    std::string metrics; // the table's rows: empty (the default ones), all, or names
    bool plots = false;  // also draw the --out folder's pictures (immersim plot)
    std::string max_memory; // --max-memory SIZE; empty: default_memory_cap()
    bool one_queue = false;
};

bool write_outputs(const std::string& dir, const report::report& r) {
    std::string error;
    if (report::write_study_folder(dir, r, error))
        return true;
    std::cerr << dir << ": error: " << error << '\n';
    return false;
}

// A progress bar on a terminal (runs done, rate, time left); nothing otherwise, so
// that logs and pipes stay clean.
std::function<void(std::size_t, std::size_t)> progress_bar() {
    if (isatty(STDERR_FILENO) == 0)
        return {};
    const auto start = std::chrono::steady_clock::now();
    return [start](std::size_t done, std::size_t total) {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        const double rate = elapsed.count() > 0 ? static_cast<double>(done) / elapsed.count() : 0;
        const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
        const auto filled = static_cast<int>(30 * done / total);
        std::cerr << fmt::format("\r[{:<30}] {}/{} runs  {:.1f} runs/s  {:.0f} s left ",
                                 std::string(static_cast<std::size_t>(filled), '#'), done, total,
                                 rate, left)
                  << (done == total ? "\n" : "") << std::flush;
    };
}

// --set key=value, each; nothing (and a message) when one has no '='.
std::optional<std::vector<parameter>> parse_sets(const std::vector<std::string>& sets) {
    std::vector<parameter> out;
    for (const std::string& s : sets) {
        const auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << "--set " << s << ": error: expected KEY=VALUE, e.g. --set topology.clients=100\n";
            return std::nullopt;
        }
        out.push_back({s.substr(0, eq), s.substr(eq + 1)});
    }
    return out;
}

// --seed N: a whole number from 0 to 2^64 - 1, or nothing when the flag is absent.
std::optional<std::optional<std::uint64_t>> parse_seed(const std::string& text) {
    if (text.empty())
        return std::optional<std::uint64_t>();
    std::uint64_t seed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        std::cerr << "--seed " << text << ": error: expected a whole number from 0 to "
                  << UINT64_MAX << '\n';
        return std::nullopt;
    }
    return std::optional<std::uint64_t>(seed);
}

// --metrics: "all", or names separated by commas, in the order to show them.
std::optional<std::vector<metrics::metric>> parse_table_metrics(const std::string& text) {
    std::vector<metrics::metric> rows;
    if (text.empty())
        return report::default_table_metrics();
    if (text == "all") {
        for (std::size_t k = 0; k < metrics::metric_count; ++k)
            rows.push_back(static_cast<metrics::metric>(k));
        return rows;
    }
    bool ok = true;
    std::size_t column = 1;
    for (std::size_t from = 0; from <= text.size();) {
        const std::size_t comma = std::min(text.find(',', from), text.size());
        const std::string name = text.substr(from, comma - from);
        if (const auto m = metrics::metric_named(name)) {
            rows.push_back(*m);
        } else {
            std::string known;
            for (std::size_t k = 0; k < metrics::metric_count; ++k)
                known += (k == 0 ? "" : ", ") +
                         std::string(metrics::name_of(static_cast<metrics::metric>(k)));
            std::cerr << "--metrics " << text << ": col " << column + from
                      << ": error: unknown metric '" << name
                      << "' (expected all, or names from: " << known << ")\n";
            ok = false;
        }
        from = comma + 1;
    }
    return ok ? std::optional(rows) : std::nullopt;
}

// Run i of a point uses seed + i: the last must not wrap around to 0.
bool seeds_fit(const study_load_result& study, std::optional<std::uint64_t> seed) {
    const auto error = seed_range_error(study.points, seed);
    if (error)
        std::cerr << "--seed " << seed.value_or(study.points.front().world->seed)
                  << ": error: " << *error << '\n';
    return !error;
}

// Makes the --out folder and proves it writable before any run, by writing the
// checkpoint's first lines there.
bool prepare_out_dir(const std::string& dir, const std::filesystem::path& checkpoint,
                     const std::string& first_lines) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::cerr << dir << ": error: cannot create the output folder: " << ec.message() << '\n';
        return false;
    }
    std::string error;
    if (!report::write_file_atomically(checkpoint, first_lines, error)) {
        std::cerr << dir << ": error: the output folder cannot be written: " << error << '\n';
        return false;
    }
    return true;
}

// A file the run will write at the end can be created now: found out before the
// study runs, not after.
bool check_writable(const std::string& file) {
    const std::string probe = file + ".tmp";
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    const bool ok = static_cast<bool>(out);
    out.close();
    std::error_code ec;
    std::filesystem::remove(probe, ec);
    if (!ok)
        std::cerr << file << ": error: cannot be written: " << std::strerror(errno) << '\n';
    return ok;
}

// A folder that holds an unfinished study's checkpoint is never thrown away
// silently: without --resume or --overwrite that is an error; --resume with
// nothing to resume says so (and starts from the beginning).
bool checkpoint_use_is_clear(const run_options& options, const std::filesystem::path& checkpoint) {
    const bool exists = std::filesystem::exists(checkpoint);
    if (options.resume && options.overwrite) {
        std::cerr << "--resume: error: --resume and --overwrite exclude each other\n";
        return false;
    }
    if (exists && !options.resume && !options.overwrite) {
        std::cerr << options.out_dir << ": error: holds the checkpoint of an unfinished study ("
                  << cli::checkpoint_runs(checkpoint)
                  << " runs finished); add --resume to finish it, or --overwrite to start over\n";
        return false;
    }
    if (!exists && options.resume)
        std::cerr << "--resume: note: " << options.out_dir
                  << " holds no checkpoint (the study finished, or never started there); "
                     "starting from the beginning\n";
    return true;
}

std::string file_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Identifies a study for --resume: the scenario's text, the overrides and the seed.
std::string study_fingerprint(const std::string& file, const std::vector<parameter>& sets,
                              std::optional<std::uint64_t> seed) {
    std::uint64_t h = hash_bytes(file_text(file));
    for (const parameter& p : sets)
        h = mix64(h ^ hash_bytes(p.key) ^
                  mix64(hash_bytes(p.value)));
    return fmt::format("immersim checkpoint {} seed {}", format_digest(h),
                       seed ? std::to_string(*seed) : "default");
}

// --max-memory: a size, or the default cap; the study's run count and --jobs.
std::optional<cli::memory_request> memory_request(const run_options& options,
                                                  const study_load_result& study) {
    cli::memory_request request{options.scenario_file, default_memory_cap(), false, options.jobs,
                                0};
    for (const study_point& p : study.points)
        request.runs += p.world->compare.size() * p.world->seeds;
    if (options.max_memory.empty())
        return request;
    const auto cap = parse_memory_size(options.max_memory);
    if (!cap || *cap == 0) {
        std::cerr << "--max-memory " << options.max_memory
                  << ": error: expected a size such as 512MB, 8GB or 1.5GiB\n";
        return std::nullopt;
    }
    request.cap = *cap;
    request.cap_given = true;
    return request;
}

#ifdef IMMERSIM_WITH_MPI
// Under mpirun with several ranks: rank 0 goes on as `immersim run` does, with its
// rounds spread over the ranks; the others serve it and return. Every rank has
// loaded and checked the same study by then, so they agree on every run.
struct mpi_split {
    std::optional<cli::mpi_session> session;
    bool is_worker() const { return session && session->rank() != 0; }
    bool spread() const { return session && session->size() > 1; }
};
#endif

// --trace-document K or all: with --trace, and a document every point of the
// study has. Sets options.trace_follow.
bool trace_document_fits(run_options& options, const study_load_result& study) {
    if (options.trace_file.empty()) {
        std::cerr << "--trace-document: error: needs --trace FILE (it chooses which document "
                     "the trace follows)\n";
        return false;
    }
    std::uint32_t fewest = UINT32_MAX;
    for (const study_point& p : study.points)
        fewest = std::min(fewest, p.world->documents.count);
    if (options.trace_document == "all") {
        options.trace_follow.every = true;
        return true;
    }
    std::uint32_t document = 0;
    const std::string& text = options.trace_document;
    const auto [end, failed] = std::from_chars(text.data(), text.data() + text.size(), document);
    if (failed != std::errc{} || end != text.data() + text.size() || document >= fewest) {
        std::cerr << fmt::format("--trace-document: error: expected all or a document from 0 to "
                                 "{}, got '{}' (the scenario has {} document{})\n",
                                 fewest - 1, text, fewest, fewest == 1 ? "" : "s");
        return false;
    }
    options.trace_follow.document = document;
    return true;
}

int command_run(run_options options) {
#ifdef IMMERSIM_WITH_MPI
    mpi_split mpi;
    if (cli::launched_by_mpi())
        mpi.session.emplace();
    if (mpi.is_worker()) // only rank 0 speaks
        std::cerr.setstate(std::ios::failbit);
#endif
    const auto sets = parse_sets(options.sets);
    const auto seed = parse_seed(options.seed_text);
    const auto table_rows = parse_table_metrics(options.metrics);
    if (!sets || !seed || !table_rows)
        return exit_bad_input;
    options.seed = *seed;
    study_load_result study = load_study_file(options.scenario_file, *sets);
    for (const diagnostic& d : study.errors)
        std::cerr << format_diagnostic(d) << '\n';
    if (study.points.empty() || !seeds_fit(study, options.seed))
        return exit_bad_input;
    if (options.plots && options.out_dir.empty()) {
        std::cerr << "--plots: error: needs --out DIR (the pictures go to DIR/plots)\n";
        return exit_bad_input;
    }
    if (options.resume && options.out_dir.empty()) {
        std::cerr << "--resume: error: needs --out DIR (the folder of the interrupted run)\n";
        return exit_bad_input;
    }
    if (!options.trace_document.empty() && !trace_document_fits(options, study))
        return exit_bad_input;
    std::optional<cli::memory_request> memory = memory_request(options, study);
    if (!memory)
        return exit_bad_input;
    bool fits = cli::study_fits(*memory, study.points, std::cerr);
#ifdef IMMERSIM_WITH_MPI
    if (mpi.session) // each rank's own memory differs: rank 0 decides for all
        fits = mpi.session->agree(fits);
#endif
    if (!fits)
        return exit_bad_input;
#ifdef IMMERSIM_WITH_MPI
    if (mpi.spread() && !options.trace_file.empty()) {
        std::cerr << "--trace: error: not available across MPI ranks (each run's trace stays on "
                     "its rank); trace with one process: immersim run FILE --trace FILE\n";
        return exit_bad_input;
    }
    if (mpi.is_worker())
        return mpi.session->serve(study.points, memory->cap);
    if (mpi.session)
        mpi.session->workers_serving();
#endif
    report::report r;
    const std::string scenario_text = file_text(options.scenario_file);
    r.origin = {options.scenario_file, format_digest(hash_bytes(scenario_text)),
                options.seed.value_or(study.points.front().world->seed), *sets, scenario_text};
    r.points = study.points;
    r.swept_keys = study.swept_keys;
    pool_job job = study_job(r.points, options.seed);
    for (run_spec& spec : job.specs) {
        spec.memory_cap_bytes = memory->cap;
        spec.one_queue = options.one_queue;
    }

    // Checkpoint: finished runs are appended as they complete; --resume reuses them.
    const std::filesystem::path checkpoint =
        options.out_dir.empty() ? std::filesystem::path() : std::filesystem::path(options.out_dir) / ".checkpoint.jsonl";
    const std::string fingerprint = study_fingerprint(options.scenario_file, *sets, options.seed);
    std::ofstream checkpoint_out;
    if (!options.trace_file.empty() && !check_writable(options.trace_file))
        return exit_bad_input;
    if (!checkpoint.empty()) {
        std::map<cli::run_key, run_result> finished_before;
        if (!checkpoint_use_is_clear(options, checkpoint))
            return exit_bad_input;
        if (options.resume) {
            std::string error;
            finished_before = cli::read_checkpoint(checkpoint, fingerprint, error);
            if (!error.empty()) {
                std::cerr << "--resume: error: " << error << '\n';
                return exit_bad_input;
            }
        }
        std::string kept = fingerprint + "\n";
        for (std::size_t i = 0; i < job.specs.size(); ++i) {
            const auto it = finished_before.find({job.specs[i].point, job.specs[i].strategy, job.specs[i].seed});
            if (it != finished_before.end()) {
                job.done[i] = it->second;
                kept += cli::checkpoint_line(it->second);
            }
        }
        if (!prepare_out_dir(options.out_dir, checkpoint, kept))
            return exit_bad_input;
        checkpoint_out.open(checkpoint, std::ios::binary | std::ios::app);
    }

    const bool chrome = options.trace_format == "chrome";
    std::vector<cli::trace_buffer> traces;
    if (!options.trace_file.empty()) {
        traces.reserve(job.specs.size());
        for (std::size_t i = 0; i < job.specs.size(); ++i) {
            traces.emplace_back(chrome ? cli::trace_format::chrome : cli::trace_format::json_lines,
                                job.specs[i], i, report::point_label(r, job.specs[i].point),
                                options.trace_follow);
            job.sinks.push_back(&traces.back());
        }
        for (auto& d : job.done)
            d.reset(); // a trace needs every run to happen
    }

    const auto progress = progress_bar();
    round_runner run_round = [jobs = options.jobs](pool_job round, const finished_callback& f) {
        return run_all(std::move(round), jobs, f);
    };
#ifdef IMMERSIM_WITH_MPI
    if (mpi.spread())
        run_round = mpi.session->coordinator();
#endif
    r.runs =
        run_study(std::move(job), r.points, run_round,
                  [&](std::size_t, const run_result& result, std::size_t done, std::size_t total) {
                      // A run stopped by the memory cap is not kept: it depends on timing,
                      // and --resume (with a higher cap) must run it again.
                      if (checkpoint_out.is_open() && result.stop_reason != "memory")
                          checkpoint_out << cli::checkpoint_line(result) << std::flush;
                      if (progress)
                          progress(done, total);
                  });
    r.digest = combine_digests(r.runs);
    std::ostringstream printed;
    if (options.format == "json")
        printed << report::json_document(r, options.perf);
    else
        report::write_table(printed, r, options.perf, *table_rows);
    if (std::string error; !report::write_fully(STDOUT_FILENO, printed.str(), error)) {
        std::cerr << "immersim: error: cannot write the results to standard output: " << error
                  << '\n';
        return exit_output_failed;
    }
    if (!options.trace_file.empty()) {
        std::string error;
        if (!report::write_file_atomically(options.trace_file, cli::trace_file(chrome ? cli::trace_format::chrome : cli::trace_format::json_lines, traces), error)) {
            std::cerr << options.trace_file << ": error: " << error << '\n';
            return exit_output_failed;
        }
    }
    if (!options.out_dir.empty()) {
        if (!write_outputs(options.out_dir, r))
            return exit_output_failed;
        if (!checkpoint_out.flush()) // a failed checkpoint could not be resumed from
            std::cerr << "warning: the checkpoint in " << options.out_dir
                      << " could not be written completely\n";
        checkpoint_out.close();
        std::error_code ec;
        std::filesystem::remove(checkpoint, ec); // finished: nothing left to resume
        if (options.plots)
            if (const int code =
                    cli::command_plot({options.out_dir, "", "png,svg", *table_rows}, std::cerr))
                return code;
    }
    for (const run_result& run : r.runs)
        if (!run.complete) {
            std::cerr << "warning: " << run.strategy_label << " seed " << run.seed
                      << (run.stop_reason == "memory"
                              ? fmt::format(" stopped when the process went over its memory cap "
                                            "({}; --max-memory); its numbers are incomplete\n",
                                            format_bytes(static_cast<double>(memory->cap)))
                              : std::string(" stopped at its event budget (max_events) before "
                                            "finishing\n"));
            return exit_incomplete;
        }
    return exit_ok;
}

int command_validate(const std::string& file, const std::vector<std::string>& set_texts) {
    const auto sets = parse_sets(set_texts);
    if (!sets)
        return exit_bad_input;
    const study_load_result study = load_study_file(file, *sets);
    for (const diagnostic& d : study.errors)
        std::cerr << format_diagnostic(d) << '\n';
    if (study.points.empty())
        return exit_bad_input;
    const scenario& s = *study.points.front().world;
    const std::size_t runs = study.points.size() * s.compare.size() * s.seeds;
    const std::uint64_t largest = largest_run_estimate(study.points).total();
    const std::string summary = fmt::format(
        "{}: ok ({} point{} x {} strategies x {} seeds = {} runs; largest run's memory, "
        "estimated: {})\n",
        file, study.points.size(), study.points.size() == 1 ? "" : "s", s.compare.size(), s.seeds,
        runs, format_bytes(static_cast<double>(largest)));
    if (std::string error; !report::write_fully(STDOUT_FILENO, summary, error)) {
        std::cerr << "immersim: error: cannot write to standard output: " << error << '\n';
        return exit_output_failed;
    }
    return exit_ok;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"immersim: a deterministic simulator that compares conflict-handling "
                 "strategies for replicated immutable state.\n"
                 "Examples:\n"
                 "  immersim run scenarios/quickstart.yaml\n"
                 "  immersim run scenarios/quickstart.yaml --seed 7 --format json\n"
                 "  immersim validate scenarios/quickstart.yaml\n"
                 "  immersim plot results/",
                 "immersim"};
    app.set_version_flag("--version", std::string("immersim ") + immersim::version);
    app.require_subcommand(1);

    run_options options;
    CLI::App* run = app.add_subcommand(
        "run", "Run a scenario and print the results.\n"
               "Example: immersim run scenarios/quickstart.yaml --seed 7 --out results/");
    // Existence is checked by the loader, which reports it as "FILE: error: ...".
    run->add_option("FILE", options.scenario_file, "Scenario file (YAML)")->required();
    run->add_option(
        "--seed", options.seed_text,
        "Base seed, overriding the scenario's (run i uses seed + i). Example: --seed 7");
    run->add_option("--format", options.format, "Output on stdout. Example: --format json")
        ->check(CLI::IsMember({"table", "json"}))
        ->default_str("table");
    run->add_option("--out", options.out_dir,
                    "Also write runs.csv, summary.csv, summary.json, timeseries.csv and perf.csv "
                    "into this folder. Example: --out results/");
    run->add_option("--jobs,-j", options.jobs,
                    "Runs in parallel on this many threads; the output is the same for any "
                    "number. Example: --jobs 4")
        ->check(CLI::Range(1u, 1024u));
    run->add_option("--set", options.sets,
                    "Override a key of the scenario by its dotted path (repeatable). "
                    "Example: --set topology.clients=100 --set drain=10s");
    run->add_flag("--resume", options.resume,
                  "Continue an interrupted run into the same --out folder: finished runs are "
                  "kept, the files come out as if never interrupted. Example: --out results/ --resume");
    run->add_flag(
        "--overwrite", options.overwrite,
        "Start over in an --out folder that holds an unfinished study's checkpoint "
        "(without it, or --resume, that is an error). Example: --out results/ --overwrite");
    run->add_option("--trace", options.trace_file,
                    "Write every run's event trace to this file. Example: --trace trace.json");
    run->add_option("--trace-document", options.trace_document,
                    "In a world of several documents, the one the trace follows (its number in "
                    "documents.csv; default: the first anyone edits), or all of them (each record "
                    "says its document). Example: --trace-document 3");
    run->add_option("--trace-format", options.trace_format,
                    "json (one JSON object per line) or chrome (Perfetto / chrome://tracing). "
                    "Example: --trace-format chrome")
        ->check(CLI::IsMember({"json", "chrome"}))
        ->default_str("json");
    run->add_option("--metrics", options.metrics,
                    "The table's rows: all, or metric names separated by commas (files always "
                    "carry every metric). Example: --metrics conflict_rate,merge_conflicts");
    run->add_flag("--plots", options.plots,
                  "With --out DIR: also draw the study's pictures and index.html into DIR/plots "
                  "(as immersim plot DIR does; the table's --metrics pick the comparisons)");
    run->add_option("--max-memory", options.max_memory,
                    "Refuse a study whose estimated memory exceeds this (exit 2), and stop a run "
                    "that crosses it (exit 1); default 80% of the machine's memory. "
                    "Example: --max-memory 8GB");
    run->add_flag("--one-queue", options.one_queue,
                  "Keep every event in one time-ordered queue, even where independent documents "
                  "could run one after another (docs/scaling.md). Same results and digest; only "
                  "slower with many documents");
    run->add_flag("--perf", options.perf,
                  "Show wall-clock figures in the table (they differ between identical runs)");

    std::string validate_file;
    CLI::App* validate = app.add_subcommand(
        "validate", "Check a scenario without running it.\n"
                    "Example: immersim validate scenarios/quickstart.yaml");
    validate->add_option("FILE", validate_file, "Scenario file (YAML)")->required();
    std::vector<std::string> validate_sets;
    validate->add_option("--set", validate_sets,
                         "Override a key as `run --set` does, and check the result (repeatable). "
                         "Example: --set topology.clients=100000");

    cli::plot_request plot;
    std::string plot_metrics;
    CLI::App* plot_cmd = app.add_subcommand(
        "plot", "Draw a study's pictures (PNG and SVG) and an index.html from the folder that "
                "run --out wrote.\nExample: immersim plot results/ --to figures/");
    plot_cmd->add_option("DIR", plot.folder, "Folder written by immersim run --out")->required();
    plot_cmd->add_option("--to", plot.to,
                         "Where the pictures go (default: DIR/plots). Example: --to figures/");
    plot_cmd->add_option("--format", plot.formats, "png, svg, or png,svg. Example: --format svg")
        ->check(CLI::IsMember({"png", "svg", "png,svg", "svg,png"}))
        ->default_str("png,svg");
    plot_cmd->add_option("--metrics", plot_metrics,
                         "Which metrics get a comparison picture: all, or names separated by "
                         "commas (default: the table's rows). Example: --metrics conflict_rate");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "immersim: error: " << e.what() << "\nRun 'immersim --help' for usage.\n";
        return exit_bad_input;
    }
    if (*run)
        return command_run(options);
    if (*plot_cmd) {
        const auto chosen = parse_table_metrics(plot_metrics);
        if (!chosen)
            return exit_bad_input;
        plot.metrics = *chosen;
        return cli::command_plot(plot, std::cout);
    }
    return command_validate(validate_file, validate_sets);
}
