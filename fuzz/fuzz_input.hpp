// What both fuzz targets share: which inputs are not worth their time.
#pragma once

#include <string_view>

namespace immersim::fuzzing {

// Whether the text asks for a large count under a key whose cost grows with it (a
// generated map, the clients whose names are listed). Such inputs exercise no code
// that a count of a few hundred does not, but each takes milliseconds under the
// sanitizers and would slow the search a hundredfold; the limits themselves are
// tested in tests/scenario_errors/. A heuristic on the text, so aliases can slip by.
inline bool asks_for_a_large_count(std::string_view text) {
    for (const std::string_view key : {"generate", "clients", "servers", "members", "n:"}) {
        for (std::size_t at = text.find(key); at != std::string_view::npos;
             at = text.find(key, at + 1)) {
            std::size_t i = at + key.size();
            while (i < text.size() && i < at + key.size() + 8 && (text[i] < '0' || text[i] > '9'))
                ++i;
            std::size_t digits = 0;
            while (i + digits < text.size() && text[i + digits] >= '0' && text[i + digits] <= '9')
                ++digits;
            if (digits > 3)
                return true;
        }
    }
    return false;
}

} // namespace immersim::fuzzing
