#include "immersim/engine/event_queue.hpp"
#include "immersim/random/distributions.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <vector>

namespace immersim {
namespace {

event at(time_ns time, std::uint64_t seq, std::uint64_t payload = 0) {
    event e;
    e.time = time;
    e.seq = seq;
    e.payload = payload;
    return e;
}

TEST(event_queue, equal_times_pop_in_scheduling_order) {
    event_queue q;
    // Pushed with decreasing payloads but equal times: seq alone must decide.
    for (std::uint64_t seq = 0; seq < 100; ++seq)
        q.push(at(5, seq, 100 - seq));
    for (std::uint64_t seq = 0; seq < 100; ++seq)
        EXPECT_EQ(q.pop().seq, seq);
}

TEST(event_queue, pops_in_time_then_sequence_order_for_random_pushes) {
    generator g(7);
    event_queue q;
    std::vector<event> pushed;
    for (std::uint64_t seq = 0; seq < 5000; ++seq) {
        // Few distinct times, so that many ties occur.
        const event e = at(uniform_int(g, 0, 50), seq);
        pushed.push_back(e);
        q.push(e);
    }
    std::sort(pushed.begin(), pushed.end(), event_before);
    for (const event& expected : pushed) {
        const event got = q.pop();
        EXPECT_EQ(got.time, expected.time);
        EXPECT_EQ(got.seq, expected.seq);
    }
    EXPECT_TRUE(q.empty());
}

TEST(event_queue, interleaved_push_and_pop_keep_order) {
    generator g(11);
    event_queue q;
    std::uint64_t seq = 0;
    for (int i = 0; i < 100; ++i)
        q.push(at(uniform_int(g, 0, 1000), seq++));
    event previous = at(-1, 0);
    for (int i = 0; i < 10000; ++i) {
        const event e = q.pop();
        EXPECT_FALSE(event_before(e, previous));
        previous = e;
        q.push(at(e.time + uniform_int(g, 0, 1000), seq++));
    }
}

// Pushes the same events into two queues, one of them grouping random stretches
// into batches, popping now and then: both must hand out the same events in the
// same order. Few distinct times, so that ties within and across batches abound.
void expect_batches_change_nothing(std::uint64_t seed, time_ns time_span) {
    generator g(seed);
    event_queue plain, batched;
    std::uint64_t seq = 0;
    time_ns now = 0;
    const auto pop_both = [&] {
        const event a = plain.pop();
        const event b = batched.pop();
        EXPECT_EQ(a.time, b.time);
        EXPECT_EQ(a.seq, b.seq);
        EXPECT_EQ(a.payload, b.payload);
        EXPECT_EQ(a.entity, b.entity);
        now = a.time;
    };
    for (int round = 0; round < 300; ++round) {
        const bool batch = uniform_int(g, 0, 2) != 0;
        const auto count = uniform_int(g, 0, batch ? 300 : 3);
        if (batch)
            batched.begin_batch();
        for (std::int64_t i = 0; i < count; ++i) {
            // Times stay below time_max: each round starts later than the last.
            const time_ns span = std::min(time_span, time_max - now);
            event e = at(now + uniform_int(g, 0, span), seq++, uniform_int(g, 0, 1 << 30));
            e.entity = static_cast<std::uint32_t>(i);
            plain.push(e);
            batched.push(e);
        }
        if (batch)
            batched.end_batch();
        for (auto pops = uniform_int(g, 0, 200); pops > 0 && !plain.empty(); --pops)
            pop_both();
        EXPECT_EQ(plain.empty(), batched.empty());
    }
    while (!plain.empty())
        pop_both();
    EXPECT_TRUE(batched.empty());
}

TEST(event_queue, batches_pop_as_the_same_events_pushed_one_by_one) {
    expect_batches_change_nothing(3, 40);
    expect_batches_change_nothing(4, 1'000'000);
}

TEST(event_queue, batches_spanning_more_than_a_word_of_time_keep_their_order) {
    // Times 2^60 ns apart do not fit beside a batch's places in one word.
    expect_batches_change_nothing(5, time_ns{1} << 60);
}

TEST(event_queue, an_empty_batch_adds_nothing) {
    event_queue q;
    q.begin_batch();
    q.end_batch();
    EXPECT_TRUE(q.empty());
    q.push(at(7, 0, 1));
    q.begin_batch();
    q.end_batch();
    EXPECT_EQ(q.pop().payload, 1u);
    EXPECT_TRUE(q.empty());
}

} // namespace
} // namespace immersim
