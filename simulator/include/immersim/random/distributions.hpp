// The project's own distributions. std::*_distribution produce different numbers on
// different standard libraries, so none of them may decide anything in a run.
// Every sampler here consumes a fixed, documented number of generator outputs per
// draw (or a deterministic number, for the rejection samplers), computed with
// portable arithmetic only.
#pragma once

#include "immersim/random/generator.hpp"

#include <cstdint>
#include <vector>

namespace immersim {

// A double in [0, 1) from the top 53 bits of one draw.
inline double uniform_unit(generator& g) {
    return static_cast<double>(g.next() >> 11) * 0x1.0p-53;
}

// Integer uniform on [low, high], unbiased (Lemire's multiply-and-reject).
// Precondition: low <= high.
std::int64_t uniform_int(generator& g, std::int64_t low, std::int64_t high);

// Real uniform on [low, high).
double uniform_real(generator& g, double low, double high);

// True with probability p (clamped to [0, 1]).
bool bernoulli(generator& g, double p);

// Normal by the ziggurat method: one draw in 98.5% of calls, a few more in the
// rest (a wedge test with one exp, or the tail beyond 3.65 with two logs).
double normal(generator& g, double mean, double stddev);

// Lognormal with the given median (e^mu) and sigma of the underlying normal.
double lognormal(generator& g, double median, double sigma);

// Exponential with the given mean (1 / rate).
double exponential(generator& g, double mean);

// Pareto (type I) with minimum `scale` and tail index `shape` > 0.
double pareto(generator& g, double scale, double shape);

// Zipf over ranks 0..n-1, P(k) proportional to 1 / (k + 1)^s. Builds the cumulative
// table once (O(n) memory, n <= 10^7), then samples in O(log n).
class zipf_table {
public:
    zipf_table(std::uint64_t n, double s);
    std::uint64_t sample(generator& g) const;
    std::uint64_t size() const { return cumulative_.size(); }

private:
    std::vector<double> cumulative_;
};

// An empirical distribution: one of the listed values, drawn with the given
// weights (all 1 when weights are empty). Sampling is O(log n).
class empirical_table {
public:
    explicit empirical_table(std::vector<double> values, std::vector<double> weights = {});
    double sample(generator& g) const;

private:
    std::vector<double> values_;
    std::vector<double> cumulative_;
};

} // namespace immersim
