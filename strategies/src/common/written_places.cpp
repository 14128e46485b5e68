#include "immersim/strategies/strategy.hpp"

#include <algorithm>

namespace immersim::strategies {

using state::patch;
using state::patch_op;

namespace {

// The shortest prefix of `p` that holds a list in `before`, if any.
std::optional<state::path> outermost_list(const state::value& before, const state::path& p) {
    const state::value* at = &before;
    for (std::size_t k = 0; k < p.size(); ++k) {
        if (at->is_list())
            return state::path(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(k));
        const state::value* next = nullptr;
        if (at->is_map()) {
            if (const auto* key = std::get_if<std::string>(&p[k]))
                next = at->find(*key);
        }
        if (next == nullptr)
            return std::nullopt;
        at = next;
    }
    return std::nullopt;
}

} // namespace

state::patch_list written_places(const state::patch_list& patches, const state::value& before,
                                 const state::value& after) {
    state::patch_list out;
    std::vector<state::path> lists_done;
    for (const patch& p : patches) {
        const auto list = outermost_list(before, p.where);
        if (!list) {
            out.push_back(p);
            continue;
        }
        if (std::find(lists_done.begin(), lists_done.end(), *list) != lists_done.end())
            continue;
        lists_done.push_back(*list);
        if (const state::value* whole = state::value_at(after, *list))
            out.push_back({patch_op::replace, *list, *whole});
        else
            out.push_back({patch_op::remove, *list, {}});
    }
    return out;
}

std::unique_ptr<replica_book> strategy::new_book(const state::value&) const {
    return std::make_unique<replica_book>();
}

std::uint64_t path_bytes(const state::path& where) {
    std::uint64_t bytes = 0;
    for (const state::path_element& e : where)
        bytes += std::holds_alternative<std::string>(e) ? std::get<std::string>(e).size() + 1 : 8;
    return bytes;
}

} // namespace immersim::strategies
