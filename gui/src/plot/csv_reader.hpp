// RFC 4180 CSV, as immersim writes it: fields separated by commas, quoted when they
// hold a comma, a quote or a line break, quotes doubled inside quotes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace immersim::plot {

// The records of `text`, each a list of fields. A final line break ends the last
// record rather than starting an empty one.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

} // namespace immersim::plot
