#include "immersim/random/portable_math.hpp"

#include "immersim/support/assert.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace immersim {

namespace {
constexpr double ln2 = 0.6931471805599453094172321214581766;
constexpr double inv_ln2 = 1.4426950408889634073599246810018921;
// ln 2 split so that k * ln2_high is exact for |k| < 2^11 (Cody and Waite).
constexpr double ln2_high = 6.93147180369123816490e-01;
constexpr double ln2_low = 1.90821492927058770002e-10;
constexpr double sqrt_half = 0.7071067811865475244008443621048490;
// Adding and subtracting 1.5 * 2^52 rounds a double below 2^51 in magnitude to the
// nearest integer (ties to even) in IEEE-754's default rounding, with no call.
constexpr double round_shift = 6755399441055744.0;

// 1/k for the odd k of the atanh series, and 1/n! for the exponential's: each
// the double nearest (the compiler divides exactly), so no division at run time.
constexpr double inverse_odd[] = {1.0,      1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,  1.0 / 11,
                                  1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23};
constexpr double inverse_factorial[] = {1.0,
                                        1.0,
                                        1.0 / 2,
                                        1.0 / 6,
                                        1.0 / 24,
                                        1.0 / 120,
                                        1.0 / 720,
                                        1.0 / 5040,
                                        1.0 / 40320,
                                        1.0 / 362880,
                                        1.0 / 3628800,
                                        1.0 / 39916800,
                                        1.0 / 479001600,
                                        1.0 / 6227020800.0};

constexpr std::uint64_t mantissa_bits = (std::uint64_t{1} << 52) - 1;
constexpr int exponent_bias = 1023;

// x = m 2^e with m in [0.5, 1), as frexp gives it, for a positive normal x.
double split_normal(double x, int& e) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    e = static_cast<int>(bits >> 52) - (exponent_bias - 1);
    return std::bit_cast<double>((bits & mantissa_bits) |
                                 (static_cast<std::uint64_t>(exponent_bias - 1) << 52));
}
} // namespace

double portable_log(double x) {
    IMMERSIM_ASSERT(x > 0.0 && std::isfinite(x));
    int exponent = 0;
    // Exact either way: bits for a normal x, frexp for a subnormal one.
    double m = x >= std::numeric_limits<double>::min() ? split_normal(x, exponent)
                                                       : std::frexp(x, &exponent);
    if (m < sqrt_half) {
        m *= 2.0;
        --exponent;
    }
    // log(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172: the odd series
    // converges to double precision within eleven terms.
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    // Horner form of 1 + s2/3 + s2^2/5 + ... + s2^11/23.
    double sum = inverse_odd[11];
    for (int k = 10; k >= 0; --k)
        sum = inverse_odd[k] + s2 * sum;
    sum *= s;
    return 2.0 * sum + exponent * ln2;
}

double portable_exp(double x) {
    if (x > 709.8)
        return HUGE_VAL;
    if (x < -745.2)
        return 0.0;
    // x = k ln2 + r with |r| <= ln2 / 2 (a hair more at a tie), then e^x = 2^k e^r.
    const double k = (x * inv_ln2 + round_shift) - round_shift;
    const double r = (x - k * ln2_high) - k * ln2_low;
    // Taylor series of e^r to r^13/13!, Horner form: for |r| < 0.35 the next term
    // is below 5e-18, a twentieth of the last place.
    double sum = inverse_factorial[13];
    for (int n = 12; n >= 0; --n)
        sum = inverse_factorial[n] + r * sum;
    const int scale = static_cast<int>(k);
    if (scale < -1022 || scale > 1023) // the result leaves the normal range
        return std::ldexp(sum, scale);
    // Times 2^k, built from its bits: exact, and no call to the C library.
    return sum * std::bit_cast<double>(static_cast<std::uint64_t>(scale + exponent_bias) << 52);
}

double portable_pow(double x, double y) { return portable_exp(y * portable_log(x)); }

} // namespace immersim
