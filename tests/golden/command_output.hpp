// Runs a shell command (bash, stderr merged into stdout) for the golden tests of the
// real `immersim` binary, and returns what it printed and its exit code.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace immersim::testing {

struct command_output {
    std::string text;
    int code = -1; // -1 when the command did not exit normally
};

// `command` must not contain a single quote: it is passed as bash -c '…'.
inline command_output sh(const std::string& command) {
    command_output out;
    FILE* pipe = popen(("bash -c '" + command + "' 2>&1").c_str(), "r");
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while (pipe != nullptr && (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.text.append(buffer.data(), n);
    const int status = pipe != nullptr ? pclose(pipe) : -1;
    out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

} // namespace immersim::testing
