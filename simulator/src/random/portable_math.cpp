#include "immersim/random/portable_math.hpp"

#include "immersim/support/assert.hpp"
#include "portable_math_tables.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace immersim {

namespace {
// ln 2 split so that k * ln2_high is exact for |k| < 2^11 (Cody and Waite).
constexpr double ln2_high = 6.93147180369123816490e-01;
constexpr double ln2_low = 1.90821492927058770002e-10;
// ln 2 / 64 split alike, the high part with 32 significant bits, so that k times it
// is exact for every |k| < 2^21: the exponential's k stays below 2^17.
constexpr double ln2_64th_high = 0x1.62e42fee00000p-7;
constexpr double ln2_64th_low = 0x1.a39ef35793c76p-39;
constexpr double sixty_four_over_ln2 = 0x1.71547652b82fep+6;
constexpr double sqrt_half = 0.7071067811865475244008443621048490;
// Adding 1.5 * 2^52 to a double below 2^51 in magnitude rounds it to the nearest
// integer (ties to even) in IEEE-754's default rounding, with no call; the sum's
// low bits then hold that integer, and subtracting the constant again gives it
// back as a double.
constexpr double round_shift = 6755399441055744.0;

constexpr int exponent_bias = 1023;
constexpr int first_log_entry = 91; // log_table[i] is for c = (91 + i) / 128

// x = m 2^e with m in [sqrt(1/2), sqrt(2)), for a positive normal x: the bits of
// x less those of sqrt(1/2) carry e in their exponent field, with no branch.
double split_normal(double x, int& e) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const auto offset = std::bit_cast<std::int64_t>(bits - std::bit_cast<std::uint64_t>(sqrt_half));
    e = static_cast<int>(offset >> 52); // shifts are arithmetic in C++20
    return std::bit_cast<double>(bits - (static_cast<std::uint64_t>(offset >> 52) << 52));
}

// The same for a subnormal x, which frexp scales exactly.
double split_subnormal(double x, int& e) {
    double m = std::frexp(x, &e);
    if (m < sqrt_half) {
        m *= 2.0;
        --e;
    }
    return m;
}

// The integer that round_shift put in the low bits of `shifted`.
std::int64_t shifted_integer(double shifted) {
    return std::bit_cast<std::int64_t>(shifted) - std::bit_cast<std::int64_t>(round_shift);
}

// log(1 + u) for |u| < 0.0056, to u^8: the first term left out is below 2^-60 of u.
// Evaluated in two halves (Estrin's scheme) so the dependent chain stays short.
double log1p_small(double u) {
    const double u2 = u * u;
    const double low = u2 * (-0.5 + u * (1.0 / 3));
    const double high = (-0.25 + u * 0.2) + u2 * ((-1.0 / 6 + u * (1.0 / 7)) + u2 * -0.125);
    return u + (low + (u2 * u2) * high);
}

// e^r - 1 for |r| <= ln 2 / 128 (a hair more at a tie), to r^6: the first term
// left out is below 2^-64 of r.
double expm1_small(double r) {
    const double r2 = r * r;
    const double low = r2 * (0.5 + r * (1.0 / 6));
    const double high = (1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720);
    return r + (low + (r2 * r2) * high);
}
} // namespace

double portable_log(double x) {
    IMMERSIM_ASSERT(x > 0.0 && std::isfinite(x));
    int exponent = 0;
    const double m = x >= std::numeric_limits<double>::min() ? split_normal(x, exponent)
                                                             : split_subnormal(x, exponent);
    // m = c + d with c = k/128 the nearest table point, and log m = log c + log(1 + d/c).
    // 128 m, k and so 128 d are exact (m and c lie within 2^-8 of each other).
    const double scaled = m * 128.0;
    const double shifted = scaled + round_shift;
    const detail::log_entry& entry = detail::log_table[shifted_integer(shifted) - first_log_entry];
    const double u = (scaled - (shifted - round_shift)) * (entry.inverse * (1.0 / 128));
    // e ln2_high is exact; the small terms are summed before they meet the large.
    const double e = exponent;
    return (e * ln2_high + entry.log) + (log1p_small(u) + e * ln2_low);
}

double portable_exp(double x) {
    if (x > 709.8)
        return HUGE_VAL;
    if (x < -745.2)
        return 0.0;
    // x = (64 q + j) ln2/64 + r with |r| <= ln2/128, then e^x = 2^q 2^(j/64) e^r.
    const double shifted = x * sixty_four_over_ln2 + round_shift;
    const double k = shifted - round_shift;
    const double r = (x - k * ln2_64th_high) - k * ln2_64th_low;
    const std::int64_t n = shifted_integer(shifted);
    const double table = detail::exp2_sixty_fourths[n & 63];
    const double sum = table + table * expm1_small(r);
    const auto scale = static_cast<int>(n >> 6); // floor(n / 64): shifts are arithmetic in C++20
    if (scale < -1022 || scale > 1022)           // the result may leave the normal range
        return std::ldexp(sum, scale);
    // Times 2^q, built from its bits: exact, and no call to the C library.
    return sum * std::bit_cast<double>(static_cast<std::uint64_t>(scale + exponent_bias) << 52);
}

double portable_pow(double x, double y) { return portable_exp(y * portable_log(x)); }

} // namespace immersim
