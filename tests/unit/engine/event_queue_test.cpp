#include "immersim/engine/event_queue.hpp"
#include "immersim/random/distributions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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

} // namespace
} // namespace immersim
