#include "immersim/metrics/quantile_sketch.hpp"

#include "immersim/metrics/statistics.hpp"
#include "immersim/random/portable_math.hpp"

#include <algorithm>
#include <cmath>

namespace immersim::metrics {

namespace {

// gamma = (1 + a) / (1 - a): a bucket (gamma^(i-1), gamma^i] is represented by
// 2 gamma^i / (gamma + 1), within a relative error a of every value in it.
constexpr double bucket_ratio =
    (1 + quantile_sketch::relative_error) / (1 - quantile_sketch::relative_error);
// Latencies in milliseconds: below a nanosecond is zero.
constexpr double smallest = 1e-6;

double log_gamma() {
    static const double value = portable_log(bucket_ratio);
    return value;
}

} // namespace

std::int32_t quantile_sketch::bucket_of(double value) {
    return static_cast<std::int32_t>(std::ceil(portable_log(value) / log_gamma()));
}

double quantile_sketch::value_of(std::int32_t bucket) {
    return 2.0 * portable_exp(static_cast<double>(bucket) * log_gamma()) / (bucket_ratio + 1.0);
}

void quantile_sketch::add_to_buckets(double value) {
    if (value < smallest)
        ++zeros_;
    else
        ++buckets_[bucket_of(value)];
}

void quantile_sketch::add(double value) {
    value = std::max(value, 0.0);
    ++count_;
    if (sketching_) {
        add_to_buckets(value);
        return;
    }
    exact_.push_back(value);
    if (exact_.size() <= exact_limit)
        return;
    // One sample too many to keep: from now on, buckets only.
    sketching_ = true;
    for (double v : exact_)
        add_to_buckets(v);
    exact_ = std::vector<double>(); // let the samples go (= {} would keep the capacity)
}

double quantile_sketch::percentile(double p) const {
    if (!sketching_)
        return metrics::percentile(exact_, p);
    if (count_ == 0)
        return 0.0;
    // The nearest rank, as metrics::percentile takes it.
    const auto rank = std::max<std::uint64_t>(
        static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_))), 1);
    std::uint64_t seen = zeros_;
    if (seen >= rank)
        return 0.0;
    for (const auto& [bucket, n] : buckets_) {
        seen += n;
        if (seen >= rank)
            return value_of(bucket);
    }
    return value_of(buckets_.rbegin()->first);
}

std::size_t quantile_sketch::memory_bytes() const {
    constexpr std::size_t per_bucket = sizeof(std::pair<const std::int32_t, std::uint64_t>) + 32;
    return sizeof(*this) + exact_.capacity() * sizeof(double) + buckets_.size() * per_bucket;
}

} // namespace immersim::metrics
