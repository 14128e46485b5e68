#include "immersim/metrics/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace immersim::metrics {
namespace {

TEST(statistics, summary_of_a_known_sample) {
    const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
    const summary s = summarize(v);
    EXPECT_EQ(s.n, 8u);
    EXPECT_DOUBLE_EQ(s.mean, 5.0);
    EXPECT_NEAR(s.stddev, 2.138089935, 1e-9); // sample standard deviation, n - 1
    // t(0.975, 7) = 2.364624252; half-width = t * s / sqrt(n).
    EXPECT_NEAR(s.ci95_half, 2.364624252 * 2.138089935 / std::sqrt(8.0), 1e-8);
    EXPECT_EQ(s.min, 2.0);
    EXPECT_EQ(s.max, 9.0);
}

TEST(statistics, student_t_quantiles_match_the_tables) {
    EXPECT_NEAR(student_t_975(1), 12.7062047, 1e-6);
    EXPECT_NEAR(student_t_975(4), 2.7764451, 1e-6);
    EXPECT_NEAR(student_t_975(19), 2.0930241, 1e-6);
    EXPECT_NEAR(student_t_975(1000), 1.9623391, 1e-6);
}

TEST(statistics, small_samples_have_no_interval) {
    const std::vector<double> one = {3.5};
    EXPECT_EQ(summarize(one).ci95_half, 0.0);
    EXPECT_EQ(summarize(one).mean, 3.5);
    EXPECT_EQ(summarize(std::vector<double>{}).n, 0u);
}

TEST(statistics, the_mean_is_accurate_for_large_offsets) {
    std::vector<double> v;
    for (int i = 0; i < 1000; ++i)
        v.push_back(1e15 + (i % 2 == 0 ? 0.25 : 0.75));
    EXPECT_DOUBLE_EQ(summarize(v).mean, 1e15 + 0.5);
}

TEST(statistics, percentiles_use_the_nearest_rank) {
    std::vector<double> v;
    for (int i = 1; i <= 100; ++i)
        v.push_back(i);
    EXPECT_EQ(percentile(v, 50), 50.0);
    EXPECT_EQ(percentile(v, 95), 95.0);
    EXPECT_EQ(percentile(v, 99), 99.0);
    EXPECT_EQ(percentile(v, 100), 100.0);
    EXPECT_EQ(percentile({7, 1, 3}, 50), 3.0);
    EXPECT_EQ(percentile({7, 1, 3}, 1), 1.0);
    EXPECT_EQ(percentile({}, 50), 0.0);
}

TEST(statistics, pairing_removes_shared_variance) {
    // Seeds move both strategies alike; the pairing keeps only the difference.
    const std::vector<double> a = {10, 20, 30, 40};
    const std::vector<double> b = {11, 21, 31, 41};
    const summary d = paired_difference(a, b);
    EXPECT_DOUBLE_EQ(d.mean, 1.0);
    EXPECT_DOUBLE_EQ(d.stddev, 0.0);
    EXPECT_GT(summarize(b).stddev, 10.0);
}

} // namespace
} // namespace immersim::metrics
