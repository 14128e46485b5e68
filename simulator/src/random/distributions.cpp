#include "immersim/random/distributions.hpp"

#include "immersim/random/portable_math.hpp"
#include "immersim/support/assert.hpp"

#include <algorithm>
#include <cmath>

namespace immersim {

namespace {
// GCC and Clang both provide 128-bit integers; __extension__ keeps -Wpedantic quiet.
__extension__ using uint128 = unsigned __int128;
} // namespace

std::int64_t uniform_int(generator& g, std::int64_t low, std::int64_t high) {
    IMMERSIM_ASSERT_OP(low, <=, high);
    const std::uint64_t range =
        static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) + 1;
    if (range == 0) // the whole 64-bit range
        return static_cast<std::int64_t>(g.next());
    // Lemire, "Fast random integer generation in an interval" (2019).
    uint128 product = static_cast<uint128>(g.next()) * range;
    auto low_bits = static_cast<std::uint64_t>(product);
    if (low_bits < range) {
        const std::uint64_t threshold = (0 - range) % range;
        while (low_bits < threshold) {
            product = static_cast<uint128>(g.next()) * range;
            low_bits = static_cast<std::uint64_t>(product);
        }
    }
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) +
                                     static_cast<std::uint64_t>(product >> 64));
}

double uniform_real(generator& g, double low, double high) {
    return low + (high - low) * uniform_unit(g);
}

bool bernoulli(generator& g, double p) { return uniform_unit(g) < p; }

double normal(generator& g, double mean, double stddev) {
    // The acceptance probability is pi/4, so the loop ends quickly; the bound only
    // guards against a broken generator.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const double u = 2.0 * uniform_unit(g) - 1.0;
        const double v = 2.0 * uniform_unit(g) - 1.0;
        const double s = u * u + v * v;
        if (s > 0.0 && s < 1.0)
            return mean + stddev * u * std::sqrt(-2.0 * portable_log(s) / s);
    }
    assertion_failed("normal(): polar method accepted a pair", __FILE__, __LINE__,
                     "1000 rejections in a row");
}

double lognormal(generator& g, double median, double sigma) {
    return median * portable_exp(normal(g, 0.0, sigma));
}

double exponential(generator& g, double mean) {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    return -mean * portable_log(1.0 - uniform_unit(g));
}

double pareto(generator& g, double scale, double shape) {
    IMMERSIM_ASSERT(shape > 0.0);
    return scale * portable_exp(-portable_log(1.0 - uniform_unit(g)) / shape);
}

namespace {
// Index of the first cumulative weight above u * total.
std::size_t search_cumulative(const std::vector<double>& cumulative, double u) {
    const double target = u * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()),
                                 cumulative.size() - 1);
}
} // namespace

zipf_table::zipf_table(std::uint64_t n, double s) {
    IMMERSIM_ASSERT(n >= 1 && n <= 10'000'000);
    cumulative_.reserve(n);
    double total = 0.0;
    for (std::uint64_t k = 1; k <= n; ++k) {
        total += portable_exp(-s * portable_log(static_cast<double>(k)));
        cumulative_.push_back(total);
    }
}

std::uint64_t zipf_table::sample(generator& g) const {
    return search_cumulative(cumulative_, uniform_unit(g));
}

empirical_table::empirical_table(std::vector<double> values, std::vector<double> weights)
    : values_(std::move(values)) {
    IMMERSIM_ASSERT(!values_.empty());
    IMMERSIM_ASSERT(weights.empty() || weights.size() == values_.size());
    double total = 0.0;
    for (std::size_t i = 0; i < values_.size(); ++i) {
        const double w = weights.empty() ? 1.0 : weights[i];
        IMMERSIM_ASSERT(w >= 0.0);
        total += w;
        cumulative_.push_back(total);
    }
    IMMERSIM_ASSERT(total > 0.0);
}

double empirical_table::sample(generator& g) const {
    return values_[search_cumulative(cumulative_, uniform_unit(g))];
}

} // namespace immersim
