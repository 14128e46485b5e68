// Statistics over runs (seeds) and over samples within a run: what a researcher
// puts in a table with confidence intervals.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace immersim::metrics {

struct summary {
    std::size_t n = 0;
    double mean = 0.0;
    double stddev = 0.0;      // sample standard deviation (n - 1); 0 for n < 2
    double ci95_half = 0.0;   // half-width of the 95% confidence interval of the mean
                              // (Student's t with n - 1 degrees of freedom); 0 for n < 2
    double min = 0.0;
    double max = 0.0;
};

// Mean, spread and 95% confidence interval. Summation is compensated (Neumaier),
// so the result does not depend on the magnitude of the first values.
summary summarize(std::span<const double> values);

// The p-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value
// with at least p% of the values at or below it. Exact values of the sample, never
// interpolated, so a p99 is a latency that actually happened. Empty input gives 0.
double percentile(std::vector<double> values, double p);

// Paired differences b[i] - a[i] (same seeds, two strategies), summarized: with
// common random numbers the pairing removes the variance the seeds share.
summary paired_difference(std::span<const double> a, std::span<const double> b);

// The two-sided 97.5% quantile of Student's t with `degrees` degrees of freedom.
double student_t_975(std::size_t degrees);

} // namespace immersim::metrics
