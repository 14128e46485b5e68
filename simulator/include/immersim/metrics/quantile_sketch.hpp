// Percentiles of a run's latencies in bounded memory. Up to `exact_limit` samples
// they are kept and a percentile is exact (the nearest-rank value, as
// metrics::percentile computes it); past that the samples go into logarithmic
// buckets (DDSketch, Masson et al., VLDB 2019): a percentile is then within a
// relative error of `relative_error` of the exact nearest-rank value, and memory
// is a few thousand counters however long the run. Bucket counts do not depend on
// the order of the samples, and the bucket bounds come from portable_log and
// portable_exp, so the result is the same on every machine and for any order.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace immersim::metrics {

class quantile_sketch {
public:
    static constexpr std::size_t exact_limit = 1'000'000;
    static constexpr double relative_error = 0.005;

    // A sample >= 0 (negative ones count as 0).
    void add(double value);
    std::uint64_t count() const { return count_; }
    bool empty() const { return count_ == 0; }
    bool exact() const { return !sketching_; }
    // The p-th percentile, 0 < p <= 100 (0 when empty).
    double percentile(double p) const;
    // Bytes held, to show that memory stays bounded.
    std::size_t memory_bytes() const;

private:
    void add_to_buckets(double value);
    static std::int32_t bucket_of(double value);
    static double value_of(std::int32_t bucket);

    std::vector<double> exact_;
    bool sketching_ = false;
    std::uint64_t count_ = 0;
    std::uint64_t zeros_ = 0; // samples below the smallest bucket
    std::map<std::int32_t, std::uint64_t> buckets_;
};

} // namespace immersim::metrics
