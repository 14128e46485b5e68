// The change log lets a change's record go once both its halves are released, a
// chunk of 64 at a time, and keeps every change someone may still read: a long
// client-server run's memory then follows what is live, not its length.
#include "replica/change_log.hpp"

#include <gtest/gtest.h>

namespace immersim::replication {
namespace {

using half = change_log::half;

change_log with_changes(std::uint64_t n) {
    change_log log;
    for (std::uint64_t id = 0; id < n; ++id) {
        strategies::change c;
        c.id = id;
        c.sequence = id + 1;
        log.push_back(std::move(c));
    }
    return log;
}

void release_both(change_log& log, std::uint64_t from, std::uint64_t to) {
    for (std::uint64_t id = from; id < to; ++id) {
        log.release(id, half::contents);
        log.release(id, half::intent);
    }
}

TEST(change_log, hands_out_ids_in_order_and_finds_each_change) {
    change_log log = with_changes(200);
    EXPECT_EQ(log.size(), 200u);
    for (std::uint64_t id = 0; id < 200; ++id) {
        ASSERT_TRUE(log.holds(id));
        EXPECT_EQ(log[id].sequence, id + 1);
    }
    EXPECT_FALSE(log.holds(200));
    EXPECT_EQ(log.back().id, 199u);
}

TEST(change_log, lets_a_chunk_go_only_when_every_change_in_it_is_released_twice) {
    change_log log = with_changes(128);
    for (std::uint64_t id = 0; id < 64; ++id)
        log.release(id, half::contents);
    EXPECT_TRUE(log.holds(0)) << "the authority is done, the clients are not";
    release_both(log, 0, 63);
    EXPECT_TRUE(log.holds(0)) << "change 63 is still read";
    EXPECT_EQ(log[63].sequence, 64u);
    log.release(63, half::intent);
    for (std::uint64_t id = 0; id < 64; ++id)
        EXPECT_FALSE(log.holds(id));
    for (std::uint64_t id = 64; id < 128; ++id)
        EXPECT_TRUE(log.holds(id)) << "the next chunk is untouched";
    EXPECT_EQ(log.size(), 128u) << "ids are never reused";
}

// A change stuck in flight (its client crashed) holds its own chunk, not the
// chunks after it.
TEST(change_log, a_stuck_change_holds_only_its_own_chunk) {
    change_log kept = with_changes(64 * 4);
    for (std::uint64_t id = 0; id < 64 * 4; ++id)
        if (id != 70)
            release_both(kept, id, id + 1);
    EXPECT_FALSE(kept.holds(0));
    EXPECT_TRUE(kept.holds(70));
    EXPECT_TRUE(kept.holds(64));
    EXPECT_FALSE(kept.holds(128));
    EXPECT_FALSE(kept.holds(192));
}

// The newest chunk is not full yet: changes to come will need it.
TEST(change_log, keeps_the_newest_chunk_while_it_fills) {
    change_log log = with_changes(10);
    release_both(log, 0, 10);
    EXPECT_TRUE(log.holds(0));
    for (std::uint64_t id = 10; id < 64; ++id) {
        strategies::change c;
        c.id = id;
        log.push_back(std::move(c));
    }
    release_both(log, 10, 64);
    EXPECT_FALSE(log.holds(0));
    strategies::change next;
    next.id = 64;
    log.push_back(std::move(next));
    EXPECT_TRUE(log.holds(64));
    EXPECT_EQ(log[64].id, 64u);
}

// A duplicate message may name a change long let go: releasing it again, or
// releasing one half twice, changes nothing.
TEST(change_log, releasing_twice_or_after_it_is_gone_is_harmless) {
    change_log log = with_changes(128);
    log.release(5, half::intent);
    log.release(5, half::intent);
    release_both(log, 0, 64);
    EXPECT_FALSE(log.holds(5));
    log.release(5, half::contents);
    log.release(5, half::intent);
    EXPECT_FALSE(log.holds(5));
    EXPECT_TRUE(log.holds(64));
}

} // namespace
} // namespace immersim::replication
