// A distribution chosen by configuration (a scenario file names one by kind and
// parameters), sampled with the project's own samplers.
#pragma once

#include "immersim/random/distributions.hpp"

#include <memory>
#include <vector>

namespace immersim {

enum class distribution_kind { constant, uniform, normal, lognormal, exponential, pareto, empirical };

const char* to_string(distribution_kind kind);

struct distribution_spec {
    distribution_kind kind = distribution_kind::constant;
    // Which parameters apply depends on the kind:
    //   constant: value a;  uniform: [a, b];  normal: mean a, stddev b;
    //   lognormal: median a, sigma b;  exponential: mean a;  pareto: scale a, shape b;
    //   empirical: the table.
    double a = 0.0;
    double b = 0.0;
    std::shared_ptr<const empirical_table> table;
    double table_mean = 0.0;
    // Equal parameters and the same table (by identity, not by contents).
    bool operator==(const distribution_spec&) const = default;

    static distribution_spec constant(double value);
    static distribution_spec uniform(double low, double high);
    static distribution_spec normal(double mean, double stddev);
    static distribution_spec lognormal(double median, double sigma);
    static distribution_spec exponential(double mean);
    static distribution_spec pareto(double scale, double shape);
    static distribution_spec empirical(std::vector<double> values, std::vector<double> weights = {});

    double sample(generator& g) const; // inline below: it runs for every message sent
    // The mean; for Pareto with shape <= 1 (infinite mean), 100 times the scale.
    double mean() const;
};

inline double distribution_spec::sample(generator& g) const {
    switch (kind) {
    case distribution_kind::constant:
        return a;
    case distribution_kind::uniform:
        return uniform_real(g, a, b);
    case distribution_kind::normal:
        return immersim::normal(g, a, b);
    case distribution_kind::lognormal:
        return immersim::lognormal(g, a, b);
    case distribution_kind::exponential:
        return immersim::exponential(g, a);
    case distribution_kind::pareto:
        return immersim::pareto(g, a, b);
    case distribution_kind::empirical:
        return table->sample(g);
    }
    return a;
}

} // namespace immersim
