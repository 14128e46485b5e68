// The `immersim` command: a thin shell over the run layer. Exit codes: 0 success,
// 1 a run failed to complete, 2 bad input (flags, files, scenarios).
#include "report_output.hpp"
#include "run_pool.hpp"

#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"
#include "immersim/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <thread>
#include <unistd.h>

namespace {

using namespace immersim;

constexpr int exit_ok = 0;
constexpr int exit_incomplete = 1;
constexpr int exit_bad_input = 2;

struct run_options {
    std::string scenario_file;
    std::optional<std::uint64_t> seed;
    std::string format = "table";
    std::string out_dir;
    bool perf = false;
    unsigned jobs = 1;
};

// Loads a scenario, printing every diagnostic; nothing when it is invalid.
std::optional<scenario> load_or_report(const std::string& file) {
    scenario_load_result loaded = load_scenario_file(file);
    for (const diagnostic& d : loaded.errors)
        std::cerr << format_diagnostic(d) << '\n';
    return std::move(loaded.value);
}

bool write_outputs(const std::string& dir, const cli::report& r) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::cerr << dir << ": error: cannot create the output folder: " << ec.message() << '\n';
        return false;
    }
    std::string error;
    const std::filesystem::path base(dir);
    const std::pair<const char*, std::string> files[] = {
        {"runs.csv", cli::runs_csv(r)},
        {"summary.csv", cli::summary_csv(r)},
        {"summary.json", cli::json_document(r, false)},
        {"timeseries.csv", cli::timeseries_csv(r)},
        {"perf.csv", cli::perf_csv(r)},
    };
    for (const auto& [name, content] : files)
        if (!cli::write_file_atomically(base / name, content, error)) {
            std::cerr << dir << ": error: " << error << '\n';
            return false;
        }
    return true;
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

int command_run(const run_options& options) {
    std::optional<scenario> loaded = load_or_report(options.scenario_file);
    if (!loaded)
        return exit_bad_input;
    const auto world = std::make_shared<const scenario>(std::move(*loaded));
    cli::report r;
    r.source = world.get();
    r.runs = cli::run_all(expand_runs(world, options.seed), options.jobs, progress_bar());
    r.digest = combine_digests(r.runs);
    if (options.format == "json")
        std::cout << cli::json_document(r, options.perf);
    else
        cli::write_table(std::cout, r, options.perf);
    if (!options.out_dir.empty() && !write_outputs(options.out_dir, r))
        return exit_bad_input;
    for (const run_result& run : r.runs)
        if (!run.complete) {
            std::cerr << "warning: " << run.strategy_label << " seed " << run.seed
                      << " stopped at its event budget (max_events) before finishing\n";
            return exit_incomplete;
        }
    return exit_ok;
}

int command_validate(const std::string& file) {
    const std::optional<scenario> loaded = load_or_report(file);
    if (!loaded)
        return exit_bad_input;
    std::cout << file << ": ok (" << loaded->compare.size() << " strategies x " << loaded->seeds
              << " seeds = " << loaded->compare.size() * loaded->seeds << " runs)\n";
    return exit_ok;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"immersim: a deterministic simulator that compares conflict-handling "
                 "strategies for replicated immutable state.\n"
                 "Examples:\n"
                 "  immersim run scenarios/quickstart.yaml\n"
                 "  immersim run scenarios/quickstart.yaml --seed 7 --format json\n"
                 "  immersim validate scenarios/quickstart.yaml",
                 "immersim"};
    app.set_version_flag("--version", std::string("immersim ") + immersim::version);
    app.require_subcommand(1);

    run_options options;
    CLI::App* run = app.add_subcommand(
        "run", "Run a scenario and print the results.\n"
               "Example: immersim run scenarios/quickstart.yaml --seed 7 --out results/");
    // Existence is checked by the loader, which reports it as "FILE: error: ...".
    run->add_option("FILE", options.scenario_file, "Scenario file (YAML)")->required();
    run->add_option("--seed", options.seed,
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
    run->add_flag("--perf", options.perf,
                  "Show wall-clock figures in the table (they differ between identical runs)");

    std::string validate_file;
    CLI::App* validate = app.add_subcommand(
        "validate", "Check a scenario without running it.\n"
                    "Example: immersim validate scenarios/quickstart.yaml");
    validate->add_option("FILE", validate_file, "Scenario file (YAML)")->required();

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
    return command_validate(validate_file);
}
