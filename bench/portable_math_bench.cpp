// The portable log and exp that every distribution samples through (a lognormal
// link latency is one exp and one log per message), against the C library's, in
// the same process. The C library's may differ between machines in the last bit,
// which is why the simulator cannot use them; the ratio says what that costs.
// Arguments are drawn once, spread like the simulator's: exp of normal draws
// (sigma 0.5, lognormal latencies), log of uniform draws in (0, 1] (exponential
// gaps, the polar method's normal).
#include "immersim/random/distributions.hpp"
#include "immersim/random/portable_math.hpp"
#include "ratio_reporter.hpp"

#include <cmath>
#include <vector>

namespace {

using namespace immersim;

constexpr std::size_t draws = 1 << 16;

const std::vector<double>& exp_arguments() {
    static const std::vector<double> xs = [] {
        generator g(11);
        std::vector<double> v(draws);
        for (double& x : v)
            x = normal(g, 0.0, 0.5);
        return v;
    }();
    return xs;
}

const std::vector<double>& log_arguments() {
    static const std::vector<double> xs = [] {
        generator g(12);
        std::vector<double> v(draws);
        for (double& x : v)
            x = 1.0 - uniform_unit(g);
        return v;
    }();
    return xs;
}

template <double (*F)(double)>
void over(benchmark::State& state, const std::vector<double>& xs) {
    double sum = 0.0;
    for (auto _ : state)
        for (double x : xs)
            sum += F(x);
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * xs.size()));
}

double c_exp(double x) {
    return std::exp(x);
}
double c_log(double x) {
    return std::log(x);
}

void portable_exp_bench(benchmark::State& s) {
    over<portable_exp>(s, exp_arguments());
}
void c_library_exp(benchmark::State& s) {
    over<c_exp>(s, exp_arguments());
}
void portable_log_bench(benchmark::State& s) {
    over<portable_log>(s, log_arguments());
}
void c_library_log(benchmark::State& s) {
    over<c_log>(s, log_arguments());
}

BENCHMARK(portable_exp_bench);
BENCHMARK(c_library_exp);
BENCHMARK(portable_log_bench);
BENCHMARK(c_library_log);

} // namespace

int main(int argc, char** argv) {
    immersim::bench::ratio_reporter reporter;
    reporter.compare("portable_exp_bench", "c_library_exp", 0.0);
    reporter.compare("portable_log_bench", "c_library_log", 0.0);
    return immersim::bench::run_with_ratios(argc, argv, reporter);
}
