#include "immersim/engine/engine.hpp"
#include "immersim/random/distributions.hpp"

#include <gtest/gtest.h>
#include <tuple>
#include <vector>

namespace immersim {
namespace {

// Records the order in which events arrive.
class recorder final : public event_handler {
public:
    void handle(engine& sim, const event& e) override { seen.push_back({sim.now(), e.payload}); }
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

TEST(engine, same_seed_gives_same_digest) {
    EXPECT_EQ(chains_digest(42), chains_digest(42));
}

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

// Domains in lanes: in each lane, chains of events with gaps drawn from the lane's
// own stream; in lane 0, the run's own events every 700 ns, which note how far each
// lane has got and start one more chain, at their own time, in one lane in turn
// (as a heal releases held messages). Equal times are common (gaps of 0..30).
class lane_world final : public event_handler {
public:
    struct seen_event {
        time_ns at;
        std::uint32_t entity;
        std::uint64_t payload;
        friend bool operator==(const seen_event&, const seen_event&) = default;
    };

    lane_world(engine& sim, std::uint32_t lanes, bool separate) {
        sim.set_lanes(lanes, separate);
        chain_ = sim.register_handler("chain", *this);
        tick_ = sim.register_handler("tick", *this);
        for (std::uint32_t lane = 1; lane <= lanes; ++lane) {
            streams_.push_back(generator::stream(7, stream_purpose::link, lane));
            sim.enter_lane(lane);
            for (std::uint32_t i = 0; i < 3; ++i)
                sim.schedule_at(uniform_int(streams_.back(), 0, 30), chain_, i, 0);
        }
        seen.resize(std::size_t{lanes} + 1);
        sim.enter_lane(0);
        sim.schedule_at(700, tick_, 0, 0);
    }
    void handle(engine& sim, const event& e) override {
        seen[e.lane].push_back({sim.now(), e.entity, e.payload});
        if (e.kind == tick_) {
            std::vector<std::size_t> progress;
            for (const auto& lane : seen)
                progress.push_back(lane.size());
            at_ticks.push_back(progress);
            const auto lane = static_cast<std::uint32_t>(e.payload % (seen.size() - 1) + 1);
            sim.enter_lane(lane);
            sim.schedule_at(sim.now(), chain_, 9, 0);
            sim.enter_lane(0);
            if (sim.now() < horizon)
                sim.schedule_after(700, tick_, 0, e.payload + 1);
            return;
        }
        sim.digest_mix(e.entity * 31 + e.payload);
        const time_ns next = sim.now() + uniform_int(streams_[e.lane - 1], 0, 30);
        if (next < horizon)
            sim.schedule_at(next, chain_, e.entity, e.payload + 1);
    }

    static constexpr time_ns horizon = 5'000;
    std::vector<std::vector<seen_event>> seen;      // per lane, in dispatch order
    std::vector<std::vector<std::size_t>> at_ticks; // per tick: each lane's count so far

private:
    event_kind chain_ = 0;
    event_kind tick_ = 0;
    std::vector<generator> streams_;
};

TEST(engine, lanes_run_apart_dispatch_each_lane_as_one_queue_does) {
    engine together(5);
    lane_world a(together, 4, false);
    EXPECT_EQ(together.run().reason, stop_reason::drained);

    engine apart(5);
    lane_world b(apart, 4, true);
    // In slices, as a run under a memory cap goes: a stop and a resume mid-round.
    run_outcome part;
    std::uint64_t events = 0;
    while ((part = apart.run({.max_events = 37})).reason == stop_reason::event_budget)
        events += part.events;
    EXPECT_EQ(part.reason, stop_reason::drained);
    EXPECT_EQ(events + part.events, together.events_dispatched());

    EXPECT_TRUE(apart.separate_lanes());
    EXPECT_GT(a.seen[1].size(), 100u);
    EXPECT_EQ(a.seen, b.seen);         // each lane's events, times and order
    EXPECT_EQ(a.at_ticks, b.at_ticks); // every lane caught up at each lane-0 event
    EXPECT_EQ(together.digest(), apart.digest());
}

TEST(engine, lanes_run_apart_one_after_another_between_lane0_events) {
    engine apart(5);
    recorder r;
    apart.set_lanes(2, true);
    const event_kind kind = apart.register_handler("record", r);
    apart.enter_lane(2);
    apart.schedule_at(10, kind, 0, 21);
    apart.schedule_at(30, kind, 0, 22);
    apart.enter_lane(1);
    apart.schedule_at(20, kind, 0, 11);
    apart.schedule_at(60, kind, 0, 12);
    apart.enter_lane(0);
    apart.schedule_at(40, kind, 0, 1);
    apart.run();
    // Lane 1 up to the lane-0 event, then lane 2, then it, then what is left.
    const std::vector<std::pair<time_ns, std::uint64_t>> expected{
        {20, 11}, {10, 21}, {30, 22}, {40, 1}, {60, 12}};
    EXPECT_EQ(r.seen, expected);
}

// Every event fans out: one in seven schedules up to 40 events at once (a
// broadcast), the others one, with gaps of 0..50 ns, so that the fan-outs overlap
// and tie. With `batched`, each fan-out is scheduled as one batch.
class fan_out final : public event_handler {
public:
    fan_out(engine& sim, bool batched, std::uint32_t lanes, bool separate)
        : batched_(batched), g_(generator::stream(11, stream_purpose::test, 0)) {
        sim.set_lanes(lanes, separate);
        kind_ = sim.register_handler("fan-out", *this);
        for (std::uint32_t lane = 1; lane <= lanes; ++lane) {
            sim.enter_lane(lane);
            sim.schedule_at(lane, kind_, 0, 0);
        }
    }
    void handle(engine& sim, const event& e) override {
        seen.push_back({e.lane, sim.now(), e.entity, e.payload});
        const auto count = e.entity % 7 == 0 ? uniform_int(g_, 0, 40) : 1;
        if (batched_)
            sim.begin_batch();
        for (std::int64_t i = 0; i < count && scheduled_ < 20'000; ++i, ++scheduled_)
            sim.schedule_after(uniform_int(g_, 0, 50), kind_,
                               static_cast<std::uint32_t>(uniform_int(g_, 0, 1000)), e.payload + 1);
        if (batched_)
            sim.end_batch();
    }
    std::vector<std::tuple<std::uint32_t, time_ns, std::uint32_t, std::uint64_t>> seen;

private:
    bool batched_;
    generator g_;
    event_kind kind_ = 0;
    int scheduled_ = 0;
};

TEST(engine, batches_dispatch_as_events_scheduled_one_by_one) {
    for (const bool separate : {false, true}) {
        engine plain(9);
        fan_out a(plain, false, 3, separate);
        plain.run();
        engine batched(9);
        fan_out b(batched, true, 3, separate);
        // In slices, so that runs are part handed out when a call returns.
        while (batched.run({.max_events = 101}).reason == stop_reason::event_budget) {
        }
        EXPECT_GT(a.seen.size(), 10'000u);
        EXPECT_EQ(a.seen, b.seen);
        EXPECT_EQ(plain.digest(), batched.digest());
        EXPECT_EQ(plain.events_dispatched(), batched.events_dispatched());
    }
}

TEST(engine, one_domain_digests_as_a_run_without_lanes) {
    engine plain(3);
    random_chains c1(plain, 20, 50'000);
    plain.run();
    engine one(3);
    one.set_lanes(1, false);
    one.enter_lane(1);
    random_chains c2(one, 20, 50'000);
    one.run();
    EXPECT_EQ(plain.digest(), one.digest());
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
