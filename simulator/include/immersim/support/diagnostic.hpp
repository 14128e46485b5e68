// Diagnostics about user input (scenario files, flags). They are collected, not
// thrown, so that a user sees every mistake in a file at once.
#pragma once

#include <string>
#include <vector>

namespace immersim {

struct diagnostic {
    std::string file;
    int line = 0;   // 1-based; 0 when the position is unknown or `file` is one line
    int column = 0; // 1-based; 0 when the position is unknown
    std::string message;
};

// "file:line:col: error: message", the form compilers use, so editors can jump to it;
// "--set KEY=VALUE: col N: error: message" for a one-line text from the command line.
std::string format_diagnostic(const diagnostic& d);

using diagnostics = std::vector<diagnostic>;

} // namespace immersim
