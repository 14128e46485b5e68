// The `immersim` command: a thin shell over the run layer. Exit codes: 0 success,
// 1 a run failed to complete, 2 bad input (flags, files, scenarios).
#include "report_output.hpp"

#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"
#include "immersim/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <optional>

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
    if (!cli::write_file_atomically(base / "runs.csv", cli::runs_csv(r), error) ||
        !cli::write_file_atomically(base / "summary.json", cli::json_document(r), error)) {
        std::cerr << dir << ": error: " << error << '\n';
        return false;
    }
    return true;
}

int command_run(const run_options& options) {
    const std::optional<scenario> loaded = load_or_report(options.scenario_file);
    if (!loaded)
        return exit_bad_input;
    cli::report r;
    r.source = &*loaded;
    for (const run_spec& spec : expand_runs(*loaded, options.seed))
        r.runs.push_back(run_once(spec));
    r.digest = combine_digests(r.runs);
    if (options.format == "json")
        std::cout << cli::json_document(r);
    else
        cli::write_table(std::cout, r, options.perf);
    if (!options.out_dir.empty() && !write_outputs(options.out_dir, r))
        return exit_bad_input;
    for (const run_result& run : r.runs)
        if (!run.complete) {
            std::cerr << "warning: run with seed " << run.seed
                      << " stopped at its event budget (max_events) before finishing\n";
            return exit_incomplete;
        }
    return exit_ok;
}

int command_validate(const std::string& file) {
    const std::optional<scenario> loaded = load_or_report(file);
    if (!loaded)
        return exit_bad_input;
    std::cout << file << ": ok (" << loaded->seeds << " runs)\n";
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
                    "Also write runs.csv and summary.json into this folder. Example: --out results/");
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
