// A path into a document: map keys and list indices from the root.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace immersim::state {

using path_element = std::variant<std::string, std::size_t>;
using path = std::vector<path_element>;

// "/todos/42/done". Keys are written as in a JSON Pointer (RFC 6901): "~" as "~0"
// and "/" as "~1". The root is "".
std::string format_path(const path& p);

// True when `prefix` is a prefix of `p` (or equal to it).
bool is_prefix(const path& prefix, const path& p);

// Two writes overlap when their paths are equal or one is a prefix of the other:
// one write then changes what the other wrote, or what it wrote inside.
inline bool overlaps(const path& a, const path& b) { return is_prefix(a, b) || is_prefix(b, a); }

} // namespace immersim::state
