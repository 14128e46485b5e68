#include "immersim/metrics/statistics.hpp"

#include "immersim/support/assert.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>

namespace immersim::metrics {

double student_t_975(std::size_t degrees) {
    IMMERSIM_ASSERT_OP(degrees, >=, 1u);
    return boost::math::quantile(boost::math::students_t(static_cast<double>(degrees)), 0.975);
}

namespace {
// Neumaier's compensated sum.
double compensated_sum(std::span<const double> values, double shift) {
    double sum = 0.0;
    double compensation = 0.0;
    for (double v : values) {
        const double x = v - shift;
        const double t = sum + x;
        compensation += std::abs(sum) >= std::abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }
    return sum + compensation;
}
} // namespace

summary summarize(std::span<const double> values) {
    summary s;
    s.n = values.size();
    if (s.n == 0)
        return s;
    s.mean = compensated_sum(values, 0.0) / static_cast<double>(s.n);
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    if (s.n < 2)
        return s;
    double squares = 0.0;
    double compensation = 0.0;
    for (double v : values) {
        const double x = (v - s.mean) * (v - s.mean);
        const double t = squares + x;
        compensation += squares >= x ? (squares - t) + x : (x - t) + squares;
        squares = t;
    }
    s.stddev = std::sqrt((squares + compensation) / static_cast<double>(s.n - 1));
    s.ci95_half = student_t_975(s.n - 1) * s.stddev / std::sqrt(static_cast<double>(s.n));
    return s;
}

double percentile(std::vector<double> values, double p) {
    IMMERSIM_ASSERT(p > 0.0 && p <= 100.0);
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::max<std::size_t>(rank, 1) - 1];
}

summary paired_difference(std::span<const double> a, std::span<const double> b) {
    IMMERSIM_ASSERT_OP(a.size(), ==, b.size());
    std::vector<double> differences(a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        differences[i] = b[i] - a[i];
    return summarize(differences);
}

} // namespace immersim::metrics
