#include "immersim/engine/time.hpp"

#include <gtest/gtest.h>

namespace immersim {
namespace {

TEST(parse_duration, reads_every_unit) {
    EXPECT_EQ(parse_duration("7ns"), 7);
    EXPECT_EQ(parse_duration("250us"), 250'000);
    EXPECT_EQ(parse_duration("5ms"), 5'000'000);
    EXPECT_EQ(parse_duration("1.5s"), 1'500'000'000);
    EXPECT_EQ(parse_duration("2m"), 120 * ns_per_s);
    EXPECT_EQ(parse_duration("1h"), 3600 * ns_per_s);
    EXPECT_EQ(parse_duration("0"), 0);
}

TEST(parse_duration, fractions_are_exact) {
    // 0.1 has no exact binary representation; the parser must not go through double.
    EXPECT_EQ(parse_duration("0.1s"), 100'000'000);
    EXPECT_EQ(parse_duration("0.000000001s"), 1);
    EXPECT_EQ(parse_duration("1.25ms"), 1'250'000);
}

TEST(parse_duration, rejects_malformed_text_with_a_reason) {
    for (const char* text : {"", "s", "5", "5 s", "-5ms", "1.2.3s", "1.s", "5parsecs", "ms5",
                             "0.5ns", "99999999999999999999s"}) {
        std::string why;
        EXPECT_FALSE(parse_duration(text, &why).has_value()) << text;
        EXPECT_FALSE(why.empty()) << text;
    }
}

TEST(format_duration, round_trips_through_parse) {
    for (time_ns d : {time_ns{0}, time_ns{1}, time_ns{1'500}, 250 * ns_per_us, 5 * ns_per_ms,
                      1'500 * ns_per_ms, 2 * ns_per_min, 90 * ns_per_s, 3 * ns_per_h}) {
        const std::string text = format_duration(d);
        EXPECT_EQ(parse_duration(text), d) << text;
    }
    EXPECT_EQ(format_duration(1'500 * ns_per_ms), "1.5s");
    EXPECT_EQ(format_duration(250 * ns_per_us), "250us");
}

} // namespace
} // namespace immersim
