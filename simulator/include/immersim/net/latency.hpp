// Latency of one link: a distribution over nanoseconds (any distribution_spec),
// rounded to whole nanoseconds once, when drawn, and never negative.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/random/distribution_spec.hpp"

namespace immersim::net {

struct latency_distribution {
    distribution_spec spec = distribution_spec::constant(0);

    static latency_distribution constant(time_ns value) {
        return {distribution_spec::constant(static_cast<double>(value))};
    }
    static latency_distribution of(distribution_spec spec) { return {std::move(spec)}; }

    // Inline, as is the spec's sample: two calls per message sent were a tenth of
    // the cost of drawing its latency.
    time_ns sample(generator& g) const {
        const double x = spec.sample(g);
        if (!(x > 0.0)) // negative normal draws, and NaN, become zero delay
            return 0;
        if (x > 1e18)
            return static_cast<time_ns>(1e18);
        return static_cast<time_ns>(x + 0.5);
    }
    // The mean, used to choose shortest paths.
    double mean_ns() const { return spec.mean(); }

    bool operator==(const latency_distribution&) const = default;
};

} // namespace immersim::net
