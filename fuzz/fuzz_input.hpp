// What both fuzz targets share: which inputs are not worth their time.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <yaml-cpp/yaml.h>

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

// Whether the text sweeps over more than `most` points (the product of the lengths
// of the lists under `sweep:`). Every point of a valid sweep is read as a whole
// scenario, so a valid 4,000-point sweep takes 5 s under the sanitizers, for no
// code that a 64-point sweep does not reach (the limit of 10,000 points is in the
// error catalogue). Text that does not parse is let through: the loader must
// report it.
inline bool sweeps_many_points(std::string_view text, std::uint64_t most = 64) {
    if (text.find("sweep") == std::string_view::npos)
        return false;
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        if (!root.IsMap() || !root["sweep"].IsMap())
            return false;
        std::uint64_t points = 1;
        for (const auto& axis : root["sweep"])
            if (axis.second.IsSequence())
                points = std::min<std::uint64_t>(
                    points * std::max<std::size_t>(axis.second.size(), 1), most + 1);
        return points > most;
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace immersim::fuzzing
