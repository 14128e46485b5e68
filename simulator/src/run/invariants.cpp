#include "invariants.hpp"

#include <charconv>
#include <functional>

namespace immersim::run_detail {

namespace {

// Calls `visit` for every value the path matches ("*" fans out over a map's values
// or a list's elements).
void match(const state::value& at, const std::vector<std::string>& path, std::size_t step,
           const std::function<void(const state::value&)>& visit) {
    if (step == path.size()) {
        visit(at);
        return;
    }
    const std::string& segment = path[step];
    if (at.is_map()) {
        if (segment == "*")
            at.for_each_entry([&](std::string_view, const state::value& v) { match(v, path, step + 1, visit); });
        else if (const state::value* v = at.find(segment))
            match(*v, path, step + 1, visit);
    } else if (at.is_list()) {
        if (segment == "*") {
            for (std::size_t i = 0; i < at.size(); ++i)
                match(at.at(i), path, step + 1, visit);
            return;
        }
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), index);
        if (ec == std::errc() && end == segment.data() + segment.size() && index < at.size())
            match(at.at(index), path, step + 1, visit);
    }
}

bool holds(const invariant_config& inv, const state::value& v) {
    const bool number = v.type() == state::value_type::integer || v.type() == state::value_type::real;
    if ((inv.min || inv.max) && !number)
        return false;
    if (inv.min && v.as_double() < *inv.min)
        return false;
    if (inv.max && v.as_double() > *inv.max)
        return false;
    if (inv.max_size && (!(v.is_map() || v.is_list()) || v.size() > *inv.max_size))
        return false;
    return true;
}

} // namespace

std::uint64_t count_violated(const std::vector<invariant_config>& invariants, const state::value& doc) {
    std::uint64_t violated = 0;
    for (const invariant_config& inv : invariants) {
        std::size_t matched = 0;
        bool ok = true;
        match(doc, inv.path, 0, [&](const state::value& v) {
            ++matched;
            ok = ok && holds(inv, v);
        });
        if (!ok || (inv.must_exist && matched == 0))
            ++violated;
    }
    return violated;
}

} // namespace immersim::run_detail
