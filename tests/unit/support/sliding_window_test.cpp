// The queue behind the authority's versions, the in-flight payloads and the
// engine's free slots: first in, first out, indexed from the front, holding only
// what is live.
#include "immersim/support/sliding_window.hpp"

#include <deque>
#include <gtest/gtest.h>
#include <memory>
#include <random>

namespace immersim {
namespace {

// Against std::deque, on a long random mix of pushes, pops and indexed writes:
// the same elements in the same places after every step.
TEST(sliding_window, behaves_as_a_deque_under_random_pushes_and_pops) {
    sliding_window<int> window;
    std::deque<int> model;
    std::mt19937 rng(7);
    for (int step = 0; step < 20000; ++step) {
        const unsigned what = rng() % 8;
        if (what < 4 || model.empty()) {
            window.push_back(step);
            model.push_back(step);
        } else if (what < 7) {
            window.pop_front();
            model.pop_front();
        } else {
            const std::size_t i = rng() % model.size();
            window[i] += 1;
            model[i] += 1;
        }
        ASSERT_EQ(window.size(), model.size());
        if (!model.empty()) {
            ASSERT_EQ(window.front(), model.front());
            ASSERT_EQ(window.back(), model.back());
            const std::size_t i = rng() % model.size();
            ASSERT_EQ(window.at(i), model[i]);
        }
    }
    std::deque<int> walked(window.begin(), window.end());
    EXPECT_EQ(walked, model);
}

// An element leaving at the front lets go of what it holds at once (a version's
// state, a payload), not when the vector is next compacted.
TEST(sliding_window, lets_go_of_an_element_as_it_leaves) {
    sliding_window<std::shared_ptr<int>> window;
    auto first = std::make_shared<int>(1);
    std::weak_ptr<int> watch = first;
    window.push_back(std::move(first));
    window.push_back(std::make_shared<int>(2));
    window.push_back(std::make_shared<int>(3));
    window.pop_front();
    EXPECT_TRUE(watch.expired());
    EXPECT_EQ(*window.front(), 2);
    EXPECT_EQ(window.size(), 2u);
}

// resize grows from the live front, as the authority's per-version counts do.
TEST(sliding_window, resize_counts_from_the_front) {
    sliding_window<unsigned> window;
    for (unsigned i = 0; i < 40; ++i)
        window.push_back(i);
    for (int i = 0; i < 30; ++i)
        window.pop_front();
    window.resize(15, 99);
    ASSERT_EQ(window.size(), 15u);
    EXPECT_EQ(window[0], 30u);
    EXPECT_EQ(window[9], 39u);
    EXPECT_EQ(window[10], 99u);
    window.clear();
    EXPECT_TRUE(window.empty());
}

} // namespace
} // namespace immersim
