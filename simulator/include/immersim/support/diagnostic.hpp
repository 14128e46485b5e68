// Diagnostics about user input (scenario files, flags). They are collected, not
// thrown, so that a user sees every mistake in a file at once.
#pragma once

#include <string>
#include <vector>

namespace immersim {

struct diagnostic {
    std::string file;
    int line = 0;   // 1-based; 0 when the position is unknown
    int column = 0; // 1-based; 0 when the position is unknown
    std::string message;
};

// "file:line:col: error: message", the form compilers use, so editors can jump to it.
std::string format_diagnostic(const diagnostic& d);

using diagnostics = std::vector<diagnostic>;

} // namespace immersim
