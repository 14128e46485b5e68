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

// Parses a duration such as "250us", "5ms", "1.5s", "2m", "1h" or "0" into
// nanoseconds. Units: ns, us, ms, s, m (minutes), h. The decimal fraction is parsed
// exactly (no floating point), so "0.1s" is exactly 100000000 ns. Returns nothing
// on malformed input, a negative value, a fraction finer than one nanosecond, or
// overflow; `error` then says which.
std::optional<time_ns> parse_duration(std::string_view text, std::string* error = nullptr);

// Formats a duration in the largest unit that keeps it short and exact where it can:
// 1500000000 -> "1.5s", 250000 -> "250us".
std::string format_duration(time_ns duration);

} // namespace immersim
