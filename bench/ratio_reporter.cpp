#include "ratio_reporter.hpp"

#include <cstdio>

namespace immersim::bench {

void ratio_reporter::ReportRuns(const std::vector<Run>& runs) {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
        const auto it = run.counters.find("items_per_second");
        if (it != run.counters.end())
            rates_[run.benchmark_name()] = it->second.value;
    }
}

void ratio_reporter::Finalize() {
    ConsoleReporter::Finalize();
    std::printf("\n");
    for (const pair& p : pairs_) {
        const auto subject = rates_.find(p.subject);
        const auto baseline = rates_.find(p.baseline);
        if (subject == rates_.end() || baseline == rates_.end())
            continue;
        const double ratio = subject->second / baseline->second;
        std::printf("%s: %.3g items/s\n%s: %.3g items/s\nratio: %.3f", p.subject.c_str(),
                    subject->second, p.baseline.c_str(), baseline->second, ratio);
        if (p.target > 0)
            std::printf(" (target >= %.2f: %s)", p.target, ratio >= p.target ? "met" : "NOT met");
        std::printf("\n\n");
    }
}

int run_with_ratios(int argc, char** argv, ratio_reporter& reporter) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}

} // namespace immersim::bench
