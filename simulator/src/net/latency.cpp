#include "immersim/net/latency.hpp"

namespace immersim::net {

time_ns latency_distribution::sample(generator& g) const {
    const double x = spec.sample(g);
    if (!(x > 0.0)) // negative normal draws, and NaN, become zero delay
        return 0;
    if (x > 1e18)
        return static_cast<time_ns>(1e18);
    return static_cast<time_ns>(x + 0.5);
}

} // namespace immersim::net
