// Simulated time. It is an integer count of nanoseconds so that adding delays never
// accumulates rounding error and every platform agrees on the order of events.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace immersim {

using time_ns = std::int64_t;

inline constexpr time_ns ns_per_us = 1'000;
inline constexpr time_ns ns_per_ms = 1'000'000;
inline constexpr time_ns ns_per_s = 1'000'000'000;
inline constexpr time_ns ns_per_min = 60 * ns_per_s;
inline constexpr time_ns ns_per_h = 60 * ns_per_min;

// Latest representable time; the engine uses it for "no limit".
inline constexpr time_ns time_max = INT64_MAX;

// The longest duration a scenario may name (365 days). Every duration a user writes
// is at most this, so that a sum of a few of them (duration + drain, a fault's time
// plus a back-off) stays far below time_max: user values can never wrap time.
inline constexpr time_ns user_duration_max = 365 * 24 * ns_per_h;

// a + b for non-negative times, clamped at time_max instead of wrapping. A time that
// saturates lies beyond every run's end, so an event scheduled there never fires.
constexpr time_ns saturating_add(time_ns a, time_ns b) {
    return b > time_max - a ? time_max : a + b;
}

// A non-negative duration drawn as a double (from a distribution), truncated toward
// zero like a cast, but clamped to [0, time_max]: a huge or NaN draw cannot overflow.
constexpr time_ns saturating_time(double ns) {
    if (!(ns > 0.0))
        return 0;
    if (ns >= 9.2e18)
        return time_max;
    return static_cast<time_ns>(ns);
}

// Parses a duration such as "250us", "5ms", "1.5s", "2m", "1h" or "0" into
// nanoseconds. Units: ns, us, ms, s, m (minutes), h. The decimal fraction is parsed
// exactly (no floating point), so "0.1s" is exactly 100000000 ns. Returns nothing
// on malformed input, a negative value, a fraction finer than one nanosecond, or
// overflow; `error` then says which.
std::optional<time_ns> parse_duration(std::string_view text, std::string* error = nullptr);

// A rate as scenarios write it: "10/s" ten a second, "1/8760h" one every 8760
// hours, "3/m" (a bare unit means one of it). None unless the count is a positive
// finite number and the span a duration; the caller checks the bounds.
struct rate_text {
    double count = 0.0;
    time_ns per_ns = 0;
    double per_second() const {
        return count * static_cast<double>(ns_per_s) / static_cast<double>(per_ns);
    }
};
std::optional<rate_text> parse_rate(std::string_view text);

// Formats a duration in the largest unit that keeps it short and exact where it can:
// 1500000000 -> "1.5s", 250000 -> "250us".
std::string format_duration(time_ns duration);

} // namespace immersim
