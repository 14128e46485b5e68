// A program that embeds immersim and adds its own strategy: it registers
// `drop-every` (drop_every.hpp), then loads the scenario given on the command line,
// which names the strategy in `compare:` like a built-in, runs every run and prints
// the comparison table the `immersim` command prints.
//
//   build/release/examples/immersim_custom_strategy examples/flaky-server.yaml
#include "drop_every.hpp"
#include "immersim/report/report_output.hpp"
#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"

#include <iostream>

int main(int argc, char** argv) {
    using namespace immersim;
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " SCENARIO.yaml\n";
        return 2;
    }
    examples::register_drop_every(); // before loading: the loader must know the name

    study_load_result study = load_study_file(argv[1]);
    for (const diagnostic& d : study.errors)
        std::cerr << format_diagnostic(d) << '\n';
    if (!study.errors.empty())
        return 2;

    report::report results;
    results.swept_keys = study.swept_keys;
    for (std::size_t point = 0; point < study.points.size(); ++point)
        for (const run_spec& spec : expand_runs(study.points[point].world, std::nullopt, point))
            results.runs.push_back(run_once(spec));
    results.points = std::move(study.points);
    results.digest = combine_digests(results.runs);
    report::write_table(std::cout, results, false);
    return 0;
}
