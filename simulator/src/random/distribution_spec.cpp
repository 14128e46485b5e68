#include "immersim/random/distribution_spec.hpp"

#include "immersim/random/portable_math.hpp"
#include "immersim/support/assert.hpp"

namespace immersim {

const char* to_string(distribution_kind kind) {
    switch (kind) {
    case distribution_kind::constant:
        return "constant";
    case distribution_kind::uniform:
        return "uniform";
    case distribution_kind::normal:
        return "normal";
    case distribution_kind::lognormal:
        return "lognormal";
    case distribution_kind::exponential:
        return "exponential";
    case distribution_kind::pareto:
        return "pareto";
    case distribution_kind::empirical:
        return "empirical";
    }
    return "unknown";
}

namespace {
distribution_spec make(distribution_kind kind, double a, double b) {
    distribution_spec d;
    d.kind = kind;
    d.a = a;
    d.b = b;
    return d;
}
} // namespace

distribution_spec distribution_spec::constant(double value) {
    return make(distribution_kind::constant, value, 0);
}
distribution_spec distribution_spec::uniform(double low, double high) {
    IMMERSIM_ASSERT(low <= high);
    return make(distribution_kind::uniform, low, high);
}
distribution_spec distribution_spec::normal(double mean, double stddev) {
    return make(distribution_kind::normal, mean, stddev);
}
distribution_spec distribution_spec::lognormal(double median, double sigma) {
    return make(distribution_kind::lognormal, median, sigma);
}
distribution_spec distribution_spec::exponential(double mean) {
    return make(distribution_kind::exponential, mean, 0);
}
distribution_spec distribution_spec::pareto(double scale, double shape) {
    IMMERSIM_ASSERT(shape > 0.0);
    return make(distribution_kind::pareto, scale, shape);
}
distribution_spec distribution_spec::empirical(std::vector<double> values,
                                               std::vector<double> weights) {
    distribution_spec d = make(distribution_kind::empirical, 0, 0);
    double total = 0.0;
    double weighted = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double w = weights.empty() ? 1.0 : weights[i];
        total += w;
        weighted += w * values[i];
    }
    d.table_mean = total > 0.0 ? weighted / total : 0.0;
    d.table = std::make_shared<const empirical_table>(std::move(values), std::move(weights));
    return d;
}

double distribution_spec::mean() const {
    switch (kind) {
    case distribution_kind::constant:
    case distribution_kind::exponential:
    case distribution_kind::normal:
        return a;
    case distribution_kind::uniform:
        return (a + b) / 2.0;
    case distribution_kind::lognormal:
        return a * portable_exp(b * b / 2.0);
    case distribution_kind::pareto:
        return b > 1.0 ? a * b / (b - 1.0) : 100.0 * a;
    case distribution_kind::empirical:
        return table_mean;
    }
    return a;
}

} // namespace immersim
