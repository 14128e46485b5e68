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

    time_ns sample(generator& g) const;
    // The mean, used to choose shortest paths.
    double mean_ns() const { return spec.mean(); }

    bool operator==(const latency_distribution&) const = default;
};

} // namespace immersim::net
