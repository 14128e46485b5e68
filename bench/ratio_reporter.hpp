// Benchmarks here compare immersim with a baseline measured in the same process, so
// the figure that matters is a ratio, which holds across machines far better than a
// rate. This reporter prints Google Benchmark's usual table, then each declared
// pair's ratio of items per second.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace immersim::bench {

class ratio_reporter : public benchmark::ConsoleReporter {
public:
    // Declares that `subject`'s rate should be reported as a multiple of `baseline`'s,
    // against a `target` ratio (0 for none). Names are benchmark names as printed.
    void compare(std::string subject, std::string baseline, double target) {
        pairs_.push_back({std::move(subject), std::move(baseline), target});
    }

    void ReportRuns(const std::vector<Run>& runs) override;
    void Finalize() override;

private:
    struct pair {
        std::string subject;
        std::string baseline;
        double target;
    };
    std::vector<pair> pairs_;
    std::map<std::string, double> rates_;
};

// Runs the registered benchmarks with the reporter; returns main's exit code.
int run_with_ratios(int argc, char** argv, ratio_reporter& reporter);

} // namespace immersim::bench
