#include "immersim/random/distributions.hpp"
#include "immersim/support/radix_sort.hpp"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

namespace immersim {
namespace {

// Random words below 2^bits, sorted both ways.
void expect_sorted_as_std_sort(std::uint64_t seed, std::size_t n, int bits) {
    generator g(seed);
    std::vector<std::uint64_t> words(n);
    for (std::uint64_t& w : words)
        w = bits == 64 ? g.next() : g.next() & ((std::uint64_t{1} << bits) - 1);
    std::vector<std::uint64_t> expected = words;
    std::sort(expected.begin(), expected.end());
    std::vector<std::uint64_t> scratch;
    radix_sort(words, scratch);
    EXPECT_EQ(words, expected) << n << " words of " << bits << " bits";
}

TEST(radix_sort, sorts_as_std_sort_for_any_width_and_length) {
    for (const int bits : {1, 7, 8, 9, 20, 38, 63, 64})
        for (const std::size_t n : {0, 1, 2, 3, 100, 1000, 5000})
            expect_sorted_as_std_sort(static_cast<std::uint64_t>(bits * 10'000) + n, n, bits);
}

TEST(radix_sort, keeps_words_that_share_digits_in_order) {
    // Every word shares its low 16 bits (passes skipped) but differs above them.
    std::vector<std::uint64_t> words;
    for (std::uint64_t i = 0; i < 500; ++i)
        words.push_back(((499 - i) << 16) | 0xabcd);
    std::vector<std::uint64_t> scratch;
    radix_sort(words, scratch);
    EXPECT_TRUE(std::is_sorted(words.begin(), words.end()));
    EXPECT_EQ(words.front(), std::uint64_t{0xabcd});
}

TEST(radix_sort, leaves_equal_words_alone) {
    std::vector<std::uint64_t> words(300, 42);
    std::vector<std::uint64_t> scratch;
    radix_sort(words, scratch);
    EXPECT_EQ(words, std::vector<std::uint64_t>(300, 42));
}

} // namespace
} // namespace immersim
