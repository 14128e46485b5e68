// Percentiles of a long run in bounded memory: exact while the samples fit, then
// within the sketch's stated relative error, independent of the samples' order.
#include "immersim/metrics/quantile_sketch.hpp"
#include "immersim/metrics/statistics.hpp"
#include "immersim/random/distributions.hpp"
#include "immersim/random/generator.hpp"
#include "immersim/random/portable_math.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace immersim::metrics {
namespace {

std::vector<double> latencies(std::size_t n, std::uint64_t seed) {
    generator g = generator::stream(seed, stream_purpose::test, 0);
    std::vector<double> v;
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i) // a heavy tail from 0.1 ms to seconds, and zeros
        v.push_back(i % 97 == 0 ? 0.0 : portable_exp(normal(g, 3.0, 1.5)));
    return v;
}

TEST(quantile_sketch, while_the_samples_fit_a_percentile_is_exact) {
    const std::vector<double> v = latencies(50'000, 1);
    quantile_sketch s;
    for (double x : v)
        s.add(x);
    EXPECT_TRUE(s.exact());
    for (double p : {0.1, 1.0, 50.0, 95.0, 99.0, 100.0})
        EXPECT_EQ(s.percentile(p), percentile(v, p)) << p;
    EXPECT_EQ(quantile_sketch().percentile(50), 0.0);
}

TEST(quantile_sketch, past_the_limit_a_percentile_is_within_the_stated_error_in_bounded_memory) {
    std::vector<double> v = latencies(quantile_sketch::exact_limit * 2, 2);
    quantile_sketch s;
    for (double x : v)
        s.add(x);
    ASSERT_FALSE(s.exact());
    EXPECT_EQ(s.count(), v.size());
    std::sort(v.begin(), v.end()); // then each exact percentile is the nearest rank
    for (double p : {0.5, 1.0, 10.0, 50.0, 90.0, 95.0, 99.0, 99.9, 100.0}) {
        const auto rank =
            static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(v.size())));
        const double exact = v[std::max<std::size_t>(rank, 1) - 1];
        EXPECT_NEAR(s.percentile(p), exact, exact * quantile_sketch::relative_error * 1.0001)
            << "p" << p;
    }
    EXPECT_EQ(s.percentile(0.5), 0.0) << "the zeros (1 in 97) are counted as zeros";
    // Buckets, not samples: far below the 16 MB the samples take.
    EXPECT_LT(s.memory_bytes(), 400'000u);
}

TEST(quantile_sketch, the_order_of_the_samples_does_not_matter) {
    std::vector<double> v = latencies(quantile_sketch::exact_limit + 200'000, 3);
    quantile_sketch forward, backward;
    for (double x : v)
        forward.add(x);
    std::reverse(v.begin(), v.end());
    for (double x : v)
        backward.add(x);
    for (double p : {1.0, 50.0, 95.0, 99.0})
        EXPECT_EQ(forward.percentile(p), backward.percentile(p)) << p;
}

} // namespace
} // namespace immersim::metrics
