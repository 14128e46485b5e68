// JSON import and export. Export writes map keys in byte order, so a state prints
// the same way on every platform whatever its trie layout.
#pragma once

#include "immersim/state/value.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace immersim::state {

// Compact with indent < 0, pretty-printed otherwise.
std::string to_json(const value& v, int indent = -1);

struct json_parse_result {
    std::optional<value> state;
    std::string error; // "line L, column C: what was wrong" when state is empty
};

// Parses JSON text. Integers become int64 (larger ones are an error, never a silent
// double), other numbers doubles. Nesting deeper than `max_depth` is an error.
json_parse_result from_json(std::string_view text, int max_depth = 256);

} // namespace immersim::state
