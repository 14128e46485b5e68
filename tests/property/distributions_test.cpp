// Each distribution's sample mean and variance over 10^6 draws against the
// theoretical values. Means must lie within five standard errors (a false alarm
// about once in 1.7 million runs); variances within a few percent.
#include "immersim/random/distributions.hpp"
#include "immersim/random/portable_math.hpp"

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace immersim {
namespace {

constexpr int draws = 1'000'000;

struct moments {
    double mean;
    double variance;
};

moments sample_moments(const std::function<double(generator&)>& draw, std::uint64_t seed) {
    generator g = generator::stream(seed, stream_purpose::test, 0);
    // Welford's update keeps the variance accurate for large means.
    double mean = 0.0;
    double m2 = 0.0;
    for (int i = 1; i <= draws; ++i) {
        const double x = draw(g);
        const double delta = x - mean;
        mean += delta / i;
        m2 += delta * (x - mean);
    }
    return {mean, m2 / (draws - 1)};
}

void expect_moments(const char* name, const std::function<double(generator&)>& draw,
                    moments expected, double variance_tolerance = 0.02) {
    const moments got = sample_moments(draw, 2024);
    const double standard_error = std::sqrt(expected.variance / draws);
    EXPECT_NEAR(got.mean, expected.mean, 5 * standard_error) << name;
    EXPECT_NEAR(got.variance, expected.variance, variance_tolerance * expected.variance)
        << name;
}

TEST(distributions, uniform_int) {
    expect_moments("uniform_int", [](generator& g) { return double(uniform_int(g, 0, 99)); },
                   {49.5, (100.0 * 100.0 - 1.0) / 12.0});
}

TEST(distributions, uniform_int_stays_in_range_including_both_ends) {
    generator g(5);
    bool saw_low = false;
    bool saw_high = false;
    for (int i = 0; i < 10'000; ++i) {
        const std::int64_t x = uniform_int(g, -3, 3);
        ASSERT_GE(x, -3);
        ASSERT_LE(x, 3);
        saw_low |= x == -3;
        saw_high |= x == 3;
    }
    EXPECT_TRUE(saw_low && saw_high);
}

TEST(distributions, uniform_real) {
    expect_moments("uniform_real", [](generator& g) { return uniform_real(g, 2.0, 5.0); },
                   {3.5, 9.0 / 12.0});
}

TEST(distributions, bernoulli) {
    expect_moments("bernoulli", [](generator& g) { return bernoulli(g, 0.3) ? 1.0 : 0.0; },
                   {0.3, 0.21});
}

TEST(distributions, normal) {
    expect_moments("normal", [](generator& g) { return normal(g, 10.0, 2.0); }, {10.0, 4.0});
}

// The ziggurat takes different paths in its rectangles, its wedges and its tail
// (beyond 3.654), so the moments alone would miss an error in a rarely taken one:
// the histogram over 200 bins of 0.05 across [-5, 5] (and the two beyond) must
// fit the Gaussian (chi-square within five of its standard deviations of its
// mean), and the mass beyond each of several points, in each tail, must lie
// within five binomial standard errors.
TEST(distributions, normal_follows_the_gaussian_in_its_body_and_both_tails) {
    constexpr int n = 4'000'000;
    constexpr int bins = 200;
    constexpr double low = -5.0;
    constexpr double width = 0.05;
    const auto cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
    const double beyond[] = {1.0, 2.0, 3.0, 3.6, 3.7, 4.0, 4.5};
    std::vector<long> counts(bins + 2, 0);
    std::vector<long> above(std::size(beyond), 0);
    std::vector<long> below(std::size(beyond), 0);
    generator g = generator::stream(2024, stream_purpose::test, 1);
    for (int i = 0; i < n; ++i) {
        const double z = normal(g, 0.0, 1.0);
        const double bin = std::floor((z - low) / width);
        ++counts[bin < 0 ? 0 : bin >= bins ? bins + 1 : static_cast<std::size_t>(bin) + 1];
        for (std::size_t k = 0; k < std::size(beyond); ++k) {
            above[k] += z > beyond[k];
            below[k] += z < -beyond[k];
        }
    }
    double chi_square = 0.0;
    for (int k = 0; k < bins + 2; ++k) {
        const double from = k == 0 ? 0.0 : cdf(low + (k - 1) * width);
        const double to = k == bins + 1 ? 1.0 : cdf(low + k * width);
        const double expected = (to - from) * n;
        chi_square += (counts[k] - expected) * (counts[k] - expected) / expected;
    }
    const double dof = bins + 1;
    EXPECT_LT(std::abs(chi_square - dof), 5 * std::sqrt(2 * dof)) << chi_square;
    for (std::size_t k = 0; k < std::size(beyond); ++k) {
        const double p = 1.0 - cdf(beyond[k]);
        const double error = std::sqrt(n * p * (1 - p));
        EXPECT_NEAR(above[k], n * p, 5 * error) << "above " << beyond[k];
        EXPECT_NEAR(below[k], n * p, 5 * error) << "below -" << beyond[k];
    }
}

TEST(distributions, lognormal) {
    const double s2 = 0.25; // sigma = 0.5
    expect_moments("lognormal", [](generator& g) { return lognormal(g, 1.0, 0.5); },
                   {std::exp(s2 / 2), (std::exp(s2) - 1) * std::exp(s2)}, 0.03);
}

TEST(distributions, exponential) {
    expect_moments("exponential", [](generator& g) { return exponential(g, 3.0); }, {3.0, 9.0});
}

TEST(distributions, pareto) {
    const double a = 5.0;
    expect_moments("pareto", [](generator& g) { return pareto(g, 1.0, 5.0); },
                   {a / (a - 1), a / ((a - 1) * (a - 1) * (a - 2))}, 0.05);
}

TEST(distributions, zipf) {
    const std::uint64_t n = 100;
    const double s = 1.1;
    double norm = 0.0;
    double first = 0.0;
    double second = 0.0;
    for (std::uint64_t k = 0; k < n; ++k) {
        const double p = std::pow(double(k + 1), -s);
        norm += p;
        first += p * double(k);
        second += p * double(k) * double(k);
    }
    const double mean = first / norm;
    const zipf_table table(n, s);
    expect_moments("zipf", [&](generator& g) { return double(table.sample(g)); },
                   {mean, second / norm - mean * mean});
}

TEST(distributions, empirical) {
    const empirical_table table({1.0, 2.0, 10.0}, {1.0, 1.0, 2.0});
    expect_moments("empirical", [&](generator& g) { return table.sample(g); },
                   {5.75, 51.25 - 5.75 * 5.75});
}

TEST(portable_math, agrees_with_the_c_library_to_a_few_ulps) {
    generator g(3);
    for (int i = 0; i < 100'000; ++i) {
        const double x = portable_exp(uniform_real(g, -700.0, 700.0));
        EXPECT_NEAR(portable_log(x), std::log(x), 4e-16 * std::max(1.0, std::abs(std::log(x))));
        const double y = uniform_real(g, -700.0, 700.0);
        EXPECT_NEAR(portable_exp(y), std::exp(y), 4e-15 * std::exp(y));
    }
}

// The ends of the range take other paths: subnormal arguments of the log, and
// exponentials whose result leaves the normal range or the table's scaling.
TEST(portable_math, agrees_with_the_c_library_at_the_ends_of_the_range) {
    const double tiny = std::numeric_limits<double>::denorm_min();
    for (const double x :
         {tiny, tiny * 12345.0, 1e-310, 2.2250738585072014e-308, 0.5, 1.0, 1.0 + 1e-15,
          0.7071067811865476, 1.4142135623730951, 1e300, std::numeric_limits<double>::max()})
        EXPECT_NEAR(portable_log(x), std::log(x), 4e-16 * std::max(1.0, std::abs(std::log(x))))
            << x;
    EXPECT_EQ(portable_log(1.0), 0.0);
    for (const double y : {-745.0, -744.4, -720.0, -708.5, -1e-300, 0.0, 1e-300, 708.0, 709.7})
        EXPECT_NEAR(portable_exp(y), std::exp(y),
                    4e-15 * std::exp(y) + std::numeric_limits<double>::denorm_min())
            << y;
    EXPECT_EQ(portable_exp(0.0), 1.0);
    EXPECT_EQ(portable_exp(710.0), HUGE_VAL);
    EXPECT_EQ(portable_exp(-746.0), 0.0);
}

} // namespace
} // namespace immersim
