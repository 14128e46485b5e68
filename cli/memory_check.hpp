// --max-memory: before a study starts, its estimated peak memory is checked
// against the cap, and a study that cannot fit is refused with the estimate
// broken down and what to change.
#pragma once

#include "immersim/scenario/scenario.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace immersim::cli {

struct memory_request {
    std::string file;       // for the message
    std::uint64_t cap = 0;  // bytes
    bool cap_given = false; // --max-memory given (else the default, named as such)
    unsigned jobs = 1;
    std::size_t runs = 0;
};

// True when the study fits; otherwise writes "FILE: error: ..." with the
// estimate, term by term, to `err`.
bool study_fits(const memory_request& request, const std::vector<study_point>& points,
                std::ostream& err);

} // namespace immersim::cli
