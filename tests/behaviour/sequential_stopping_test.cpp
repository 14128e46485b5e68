// Sequential stopping (`seeds: { until: ..., batch, max }`): seeds are added in
// batches until every strategy's 95% interval of the metric is narrow enough, or
// `max` seeds have run; which seeds run does not depend on the thread count.
#include "immersim/metrics/metric_catalogue.hpp"
#include "immersim/metrics/statistics.hpp"
#include "immersim/run/run_pool.hpp"
#include "scenario_runs.hpp"

#include <fmt/format.h>

namespace immersim {
namespace {

std::shared_ptr<const scenario> world(const char* metric, const char* halfwidth, int max) {
    return testing::load(fmt::format(R"(
name: sequential
duration: 4s
drain: 4s
seeds: {{ until: {{ metric: {}, ci_halfwidth: {} }}, batch: 4, max: {} }}
topology: {{ kind: star, clients: 8, servers: 1 }}
state: {{ initial: {{ likes: 0, title: a }} }}
workload:
  rate_per_client: 2/s
  ops:
    - {{ weight: 1, increment: likes }}
    - {{ weight: 1, set: title, value: b }}
compare: [ merge, {{ resolver: {{ rule: lww }} }} ]
)",
                                     metric, halfwidth, max));
}

std::vector<run_result> run(const std::shared_ptr<const scenario>& s, unsigned jobs) {
    const std::vector<study_point> points = {{{}, s}};
    return run_study(study_job(points, std::nullopt), points, jobs, {});
}

std::size_t seeds_of(const std::vector<run_result>& runs) {
    std::size_t n = 0;
    for (const run_result& r : runs)
        n += r.strategy == 0 ? 1 : 0;
    return n;
}

bool met_on_first(const scenario& s, const std::vector<run_result>& runs, std::size_t seeds) {
    std::vector<const run_result*> first;
    for (const run_result& r : runs)
        if (r.seed < s.seed + seeds)
            first.push_back(&r);
    return stopping_rule_met(*s.until, first, s.compare.size());
}

// The message count varies a few percent between seeds: a 5% interval is reached
// early, and not before the batch where the runner stopped.
TEST(sequential_stopping, stops_early_on_a_quiet_metric) {
    const auto s = world("messages", "5%", 200);
    ASSERT_TRUE(s);
    const std::vector<run_result> runs = run(s, 1);
    const std::size_t n = seeds_of(runs);
    EXPECT_LT(n, 200u);
    EXPECT_EQ(n % 4, 0u);
    EXPECT_EQ(runs.size(), 2 * n); // both strategies, the same seeds
    EXPECT_TRUE(met_on_first(*s, runs, n)) << n << " seeds";
    if (n > 4) {
        EXPECT_FALSE(met_on_first(*s, runs, n - 4)) << "it should have stopped a batch earlier";
    }
    for (const run_result& r : runs)
        EXPECT_LT(r.seed, s->seed + n);
}

// The conflict rate of eight clients swings by tens of percent between seeds: a 1%
// interval is not reached in 18 seeds, and the runner stops at max, in a last,
// shorter batch.
TEST(sequential_stopping, stops_at_max_on_a_noisy_metric) {
    const auto s = world("conflict_rate", "1%", 18);
    ASSERT_TRUE(s);
    const std::vector<run_result> runs = run(s, 1);
    EXPECT_EQ(seeds_of(runs), 18u); // four batches of 4, then the last 2
    EXPECT_FALSE(met_on_first(*s, runs, 18));
}

TEST(sequential_stopping, the_seeds_run_do_not_depend_on_the_thread_count) {
    const auto s = world("conflict_rate", "15%", 40);
    ASSERT_TRUE(s);
    const std::vector<run_result> one = run(s, 1);
    const std::vector<run_result> three = run(s, 3);
    ASSERT_EQ(one.size(), three.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        EXPECT_EQ(one[i].seed, three[i].seed);
        EXPECT_EQ(one[i].strategy, three[i].strategy);
        EXPECT_EQ(one[i].digest, three[i].digest);
    }
    EXPECT_EQ(combine_digests(one), combine_digests(three));
}

// An absolute half-width, in the metric's unit.
TEST(sequential_stopping, an_absolute_halfwidth_is_in_the_metrics_unit) {
    const auto wide = world("conflict_rate", "0.5", 40);
    const auto narrow = world("conflict_rate", "0.0001", 12);
    ASSERT_TRUE(wide && narrow);
    EXPECT_EQ(seeds_of(run(wide, 2)), 4u);    // any interval of a rate is within ±0.5
    EXPECT_EQ(seeds_of(run(narrow, 2)), 12u); // none within ±0.0001 at 8 clients
}

} // namespace
} // namespace immersim
