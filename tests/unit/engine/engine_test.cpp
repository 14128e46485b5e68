#include "immersim/engine/engine.hpp"
#include "immersim/random/distributions.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace immersim {
namespace {

// Records the order in which events arrive.
class recorder final : public event_handler {
public:
    void handle(engine& sim, const event& e) override {
        seen.push_back({sim.now(), e.payload});
    }
    std::vector<std::pair<time_ns, std::uint64_t>> seen;
};

// Keeps `width` chains of events going with random gaps: a small hold model.
class random_chains final : public event_handler {
public:
    random_chains(engine& sim, int width, time_ns horizon) : horizon_(horizon), g_(sim.seed()) {
        kind_ = sim.register_handler("chain", *this);
        for (int i = 0; i < width; ++i)
            sim.schedule_at(uniform_int(g_, 0, 1000), kind_, static_cast<std::uint32_t>(i), 0);
    }
    void handle(engine& sim, const event& e) override {
        const time_ns next = sim.now() + uniform_int(g_, 0, 1000);
        if (next < horizon_)
            sim.schedule_at(next, kind_, e.entity, e.payload + 1);
    }

private:
    event_kind kind_ = 0;
    time_ns horizon_;
    generator g_;
};

std::uint64_t chains_digest(std::uint64_t seed) {
    engine sim(seed);
    random_chains chains(sim, 50, 200'000);
    sim.run();
    return sim.digest();
}

TEST(engine, same_seed_gives_same_digest) { EXPECT_EQ(chains_digest(42), chains_digest(42)); }

TEST(engine, different_seed_gives_different_digest) {
    EXPECT_NE(chains_digest(42), chains_digest(43));
}

TEST(engine, equal_times_dispatch_in_scheduling_order) {
    engine sim(1);
    recorder r;
    const event_kind kind = sim.register_handler("record", r);
    for (std::uint64_t i = 0; i < 10; ++i)
        sim.schedule_at(100, kind, 0, i);
    sim.schedule_at(50, kind, 0, 99);
    sim.run();
    ASSERT_EQ(r.seen.size(), 11u);
    EXPECT_EQ(r.seen[0].second, 99u);
    for (std::uint64_t i = 0; i < 10; ++i)
        EXPECT_EQ(r.seen[i + 1].second, i);
}

TEST(engine, time_limit_stops_before_later_events_and_advances_the_clock) {
    engine sim(1);
    recorder r;
    const event_kind kind = sim.register_handler("record", r);
    sim.schedule_at(10, kind, 0, 1);
    sim.schedule_at(20, kind, 0, 2);
    const run_outcome outcome = sim.run({.until = 15});
    EXPECT_EQ(outcome.reason, stop_reason::time_limit);
    EXPECT_EQ(outcome.events, 1u);
    EXPECT_EQ(sim.now(), 15);
    EXPECT_EQ(sim.pending(), 1u);
    EXPECT_EQ(sim.run().reason, stop_reason::drained);
    EXPECT_EQ(r.seen.size(), 2u);
}

TEST(engine, event_budget_is_reported_not_silent) {
    engine sim(3);
    random_chains chains(sim, 10, 1'000'000);
    const run_outcome outcome = sim.run({.max_events = 100});
    EXPECT_EQ(outcome.reason, stop_reason::event_budget);
    EXPECT_EQ(outcome.events, 100u);
    EXPECT_GT(sim.pending(), 0u);
}

TEST(engine, a_budget_that_suffices_reports_drained) {
    engine sim(3);
    recorder r;
    const event_kind kind = sim.register_handler("record", r);
    sim.schedule_at(1, kind, 0, 0);
    EXPECT_EQ(sim.run({.max_events = 1}).reason, stop_reason::drained);
}

TEST(engine, digest_covers_handler_decisions) {
    auto run_with = [](std::uint64_t decision) {
        engine sim(5);
        recorder r;
        const event_kind kind = sim.register_handler("record", r);
        sim.schedule_at(1, kind, 0, 0);
        sim.run();
        sim.digest_mix(decision);
        return sim.digest();
    };
    EXPECT_NE(run_with(1), run_with(2));
}

TEST(engine, events_carry_their_record_to_the_handler) {
    struct record {
        std::uint64_t id;
        std::int32_t value;
    };
    class reader final : public event_handler {
    public:
        void handle(engine&, const event& e) override { seen.push_back(e.data.as<record>()); }
        std::vector<record> seen;
    } r;
    engine sim(1);
    const event_kind kind = sim.register_handler("read", r);
    sim.schedule_at(20, kind, 0, 0, event_data::of(record{2, -5}));
    sim.schedule_at(10, kind, 0, 0, event_data::of(record{1, 7}));
    sim.run();
    ASSERT_EQ(r.seen.size(), 2u);
    EXPECT_EQ(r.seen[0].id, 1u);
    EXPECT_EQ(r.seen[0].value, 7);
    EXPECT_EQ(r.seen[1].id, 2u);
    EXPECT_EQ(r.seen[1].value, -5);
}

TEST(engine_death, scheduling_in_the_past_is_a_programmer_error) {
    engine sim(1);
    recorder r;
    const event_kind kind = sim.register_handler("record", r);
    sim.schedule_at(10, kind, 0, 0);
    sim.run();
    EXPECT_DEATH(sim.schedule_at(5, kind, 0, 0), "at >= now_");
}

} // namespace
} // namespace immersim
