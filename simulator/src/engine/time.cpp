#include "immersim/engine/time.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace immersim {

namespace {

struct unit {
    std::string_view suffix;
    time_ns scale;
};

// Longest suffixes first, so that "ms" is not read as "m" followed by junk.
constexpr std::array<unit, 6> units{{{"ns", 1},
                                     {"us", ns_per_us},
                                     {"ms", ns_per_ms},
                                     {"s", ns_per_s},
                                     {"m", ns_per_min},
                                     {"h", ns_per_h}}};

bool fail(std::string* error, const char* message) {
    if (error != nullptr)
        *error = message;
    return false;
}

// Reads digits into `value`, returning false on overflow.
bool read_digits(std::string_view digits, time_ns& value) {
    for (char c : digits) {
        const time_ns digit = c - '0';
        if (value > (time_max - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    return true;
}

} // namespace

std::optional<time_ns> parse_duration(std::string_view text, std::string* error) {
    if (text == "0")
        return 0;
    std::size_t digits_end = 0;
    while (digits_end < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits_end])) != 0 ||
            text[digits_end] == '.'))
        ++digits_end;
    const std::string_view number = text.substr(0, digits_end);
    const std::string_view suffix = text.substr(digits_end);
    if (number.empty()) {
        fail(error, "expected a non-negative duration such as 250us, 5ms, 1.5s or 2m");
        return std::nullopt;
    }
    time_ns scale = 0;
    for (const unit& u : units)
        if (suffix == u.suffix)
            scale = u.scale;
    if (scale == 0) {
        fail(error, "expected a unit after the number: ns, us, ms, s, m or h");
        return std::nullopt;
    }
    const std::size_t dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
    if (whole.empty() || fraction.find('.') != std::string_view::npos ||
        (dot != std::string_view::npos && fraction.empty())) {
        fail(error, "expected a number such as 5, 1.5 or 0.25 before the unit");
        return std::nullopt;
    }
    time_ns whole_value = 0;
    if (!read_digits(whole, whole_value) || whole_value > time_max / scale) {
        fail(error, "duration is too large");
        return std::nullopt;
    }
    // The fraction is scaled digit by digit so that it stays exact.
    time_ns fraction_ns = 0;
    time_ns place = scale;
    for (char c : fraction) {
        if (place % 10 != 0) {
            fail(error, "duration is finer than one nanosecond");
            return std::nullopt;
        }
        place /= 10;
        fraction_ns += (c - '0') * place;
    }
    const time_ns whole_ns = whole_value * scale;
    if (whole_ns > time_max - fraction_ns) {
        fail(error, "duration is too large");
        return std::nullopt;
    }
    return whole_ns + fraction_ns;
}

std::string format_duration(time_ns duration) {
    if (duration == 0)
        return "0s";
    for (auto it = units.rbegin(); it != units.rend(); ++it) {
        // Minutes and hours only when exact: "90s" reads better than "1.5m".
        if (it->scale >= ns_per_min && duration % it->scale != 0)
            continue;
        if (duration < it->scale)
            continue;
        const time_ns whole = duration / it->scale;
        time_ns rest = duration % it->scale;
        std::string text = std::to_string(whole);
        if (rest != 0) {
            std::string digits = std::to_string(rest);
            std::string padded(std::to_string(it->scale).size() - 1 - digits.size(), '0');
            padded += digits;
            while (!padded.empty() && padded.back() == '0')
                padded.pop_back();
            text += '.' + padded;
        }
        return text + std::string(it->suffix);
    }
    return std::to_string(duration) + "ns";
}

std::optional<rate_text> parse_rate(std::string_view text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    double count = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + slash, count);
    const std::string_view per_text = text.substr(slash + 1);
    const bool counted = !per_text.empty() && std::isdigit(static_cast<unsigned char>(per_text[0]));
    const auto per = parse_duration(counted ? std::string(per_text) : "1" + std::string(per_text));
    if (ec != std::errc{} || end != text.data() + slash || !per || !(count > 0.0) ||
        !std::isfinite(count))
        return std::nullopt;
    return rate_text{count, *per};
}

} // namespace immersim
