// One table per enum: each value's name (as scenarios and outputs spell it) and a
// line that describes it. Printing, parsing and the list of names an error
// message offers all read the same rows, so they cannot drift apart; the file that
// defines a table checks with `follows_enum` at compile time that it has one row
// per value, in the enum's order (a row missing or out of place does not build).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace immersim {

template <class E>
struct enum_row {
    E value;
    std::string_view name;
    std::string_view description;
};

// True when row k holds the value k, for every k, and every row has a name.
template <class E, std::size_t N>
constexpr bool follows_enum(const enum_row<E> (&rows)[N]) {
    for (std::size_t k = 0; k < N; ++k)
        if (static_cast<std::size_t>(rows[k].value) != k || rows[k].name.empty())
            return false;
    return true;
}

template <class E>
std::string_view name_in(std::span<const enum_row<E>> rows, E value) {
    return rows[static_cast<std::size_t>(value)].name;
}

template <class E>
std::optional<E> parse_in(std::span<const enum_row<E>> rows, std::string_view name) {
    for (const enum_row<E>& row : rows)
        if (row.name == name)
            return row.value;
    return std::nullopt;
}

template <class E>
std::vector<std::string> names_in(std::span<const enum_row<E>> rows) {
    std::vector<std::string> names;
    for (const enum_row<E>& row : rows)
        names.emplace_back(row.name);
    return names;
}

} // namespace immersim
