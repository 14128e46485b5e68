#include "immersim/random/distributions.hpp"

#include "immersim/random/portable_math.hpp"
#include "immersim/support/assert.hpp"
#include "ziggurat_tables.hpp"

#include <algorithm>
#include <bit>
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

namespace {
// A draw from the normal's tail beyond r, by Marsaglia's exponential rejection
// (1964): the first exponential is the excess over r, the second decides.
double normal_tail(generator& g) {
    constexpr double r = detail::ziggurat_tail_start;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const double excess = -portable_log(1.0 - uniform_unit(g)) / r;
        const double decider = -portable_log(1.0 - uniform_unit(g));
        if (decider + decider > excess * excess)
            return r + excess;
    }
    assertion_failed("normal_tail(): rejection accepted", __FILE__, __LINE__,
                     "1000 rejections in a row");
}

// The ziggurat (Marsaglia and Tsang, 2000) over 256 layers of equal area. One
// draw picks the layer (low 8 bits), the sign (bit 8) and the position in the
// layer (top 53 bits); 98.5% of draws end there, with one multiplication. The
// rest test the thin wedge above the layer below, or draw from the tail.
struct ziggurat_draw {
    std::size_t layer;
    std::uint64_t sign; // the sign bit of a double
    double x;           // the point's distance from 0
    bool inside;        // under the layer above: taken at once
};

ziggurat_draw ziggurat_point(std::uint64_t bits) {
    const auto layer = static_cast<std::size_t>(bits & 0xff);
    const std::uint64_t position = bits >> 11;
    return {layer, (bits & 0x100) << 55,
            static_cast<double>(position) * detail::ziggurat_width[layer],
            position < detail::ziggurat_accept[layer]};
}

// x with the draw's sign, set in its bits: the sign is a coin toss, and as a
// branch it was mispredicted every other draw.
double with_sign(double x, std::uint64_t sign) {
    return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) ^ sign);
}

// A standard normal draw whose first point missed its layer's rectangle. Out of
// line, so that the common path saves no registers.
[[gnu::noinline]] double standard_normal_after_miss(generator& g, ziggurat_draw d) {
    // Each further point is taken with probability above 0.98: the bound only
    // guards against a broken generator.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        if (d.inside)
            return with_sign(d.x, d.sign);
        if (d.layer == 0)
            return with_sign(normal_tail(g), d.sign);
        const double low = detail::ziggurat_height[d.layer];
        const double high = detail::ziggurat_height[d.layer + 1];
        if (low + uniform_unit(g) * (high - low) < portable_exp(-0.5 * d.x * d.x))
            return with_sign(d.x, d.sign);
        d = ziggurat_point(g.next());
    }
    assertion_failed("normal(): ziggurat accepted", __FILE__, __LINE__, "1000 rejections in a row");
}

double standard_normal(generator& g) {
    const ziggurat_draw d = ziggurat_point(g.next());
    if (d.inside) [[likely]]
        return with_sign(d.x, d.sign);
    return standard_normal_after_miss(g, d);
}
} // namespace

double normal(generator& g, double mean, double stddev) {
    return mean + stddev * standard_normal(g);
}

double lognormal(generator& g, double median, double sigma) {
    return median * portable_exp(sigma * standard_normal(g));
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
