#include "immersim/state/path.hpp"

namespace immersim::state {

std::string format_path(const path& p) {
    std::string text;
    for (const path_element& element : p) {
        text += '/';
        if (const auto* index = std::get_if<std::size_t>(&element)) {
            text += std::to_string(*index);
            continue;
        }
        for (char c : std::get<std::string>(element)) {
            if (c == '~')
                text += "~0";
            else if (c == '/')
                text += "~1";
            else
                text += c;
        }
    }
    return text;
}

bool is_prefix(const path& prefix, const path& p) {
    if (prefix.size() > p.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (prefix[i] != p[i])
            return false;
    return true;
}

} // namespace immersim::state
