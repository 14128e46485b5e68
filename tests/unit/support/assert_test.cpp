// An assertion that fails says what failed and with which values, and stops the
// program: the first thing a user reporting a broken invariant can paste.
#include "immersim/support/assert.hpp"

#include <gtest/gtest.h>
#include <string>

namespace immersim {
namespace {

int checked_index(int i, int size) {
    IMMERSIM_ASSERT_OP(i, <, size);
    return i;
}

void expect_kind(const std::string& kind, const std::string& expected) {
    IMMERSIM_ASSERT_OP(kind, ==, expected);
}

TEST(assertions, name_the_failed_comparison_and_both_values) {
    EXPECT_EQ(checked_index(2, 3), 2);
    EXPECT_DEATH(checked_index(7, 3), "assertion failed: i < size\n  left = 7, right = 3");
}

TEST(assertions, print_text_values_as_text) {
    expect_kind("sync", "sync");
    EXPECT_DEATH(expect_kind("sync", "commit"), "left = sync, right = commit");
}

TEST(assertions, name_a_failed_condition) {
    const bool ready = false;
    EXPECT_DEATH(IMMERSIM_ASSERT(ready), "assertion failed: ready");
}

} // namespace
} // namespace immersim
