#include "immersim/random/portable_math.hpp"

#include "immersim/support/assert.hpp"

#include <cmath>

namespace immersim {

namespace {
constexpr double ln2 = 0.6931471805599453094172321214581766;
// ln 2 split so that k * ln2_high is exact for |k| < 2^11 (Cody and Waite).
constexpr double ln2_high = 6.93147180369123816490e-01;
constexpr double ln2_low = 1.90821492927058770002e-10;
constexpr double sqrt_half = 0.7071067811865475244008443621048490;
} // namespace

double portable_log(double x) {
    IMMERSIM_ASSERT(x > 0.0 && std::isfinite(x));
    int exponent = 0;
    // frexp and ldexp are exact on every IEEE-754 platform.
    double m = std::frexp(x, &exponent); // m in [0.5, 1)
    if (m < sqrt_half) {
        m *= 2.0;
        --exponent;
    }
    // log(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172: the odd series
    // converges to double precision within eleven terms.
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    // Horner form of 1 + s2/3 + s2^2/5 + ... + s2^11/23.
    double sum = 1.0 / 23.0;
    for (int k = 21; k >= 1; k -= 2)
        sum = 1.0 / k + s2 * sum;
    sum *= s;
    return 2.0 * sum + exponent * ln2;
}

double portable_exp(double x) {
    if (x > 709.8)
        return HUGE_VAL;
    if (x < -745.2)
        return 0.0;
    // x = k ln2 + r with |r| <= ln2 / 2, then e^x = 2^k e^r.
    const double k = std::nearbyint(x / ln2);
    const double r = (x - k * ln2_high) - k * ln2_low;
    // Taylor series of e^r, Horner form; |r| < 0.35 needs 17 terms for 1e-17.
    double sum = 1.0;
    for (int n = 17; n >= 1; --n)
        sum = 1.0 + sum * r / n;
    return std::ldexp(sum, static_cast<int>(k));
}

double portable_pow(double x, double y) { return portable_exp(y * portable_log(x)); }

} // namespace immersim
