#include "immersim/support/diagnostic.hpp"

namespace immersim {

std::string format_diagnostic(const diagnostic& d) {
    std::string text = d.file;
    if (d.line > 0) {
        text += ':' + std::to_string(d.line);
        if (d.column > 0)
            text += ':' + std::to_string(d.column);
    } else if (d.column > 0) {
        text += ": col " + std::to_string(d.column); // a one-line text, such as a --set
    }
    return text + ": error: " + d.message;
}

} // namespace immersim
