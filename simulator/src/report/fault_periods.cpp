#include "fault_periods.hpp"

#include <optional>

namespace immersim::report {

namespace {

using net::fault_kind;

bool lasts(fault_kind k) {
    return k == fault_kind::partition || k == fault_kind::isolate || k == fault_kind::cut_one_way ||
           k == fault_kind::crash || k == fault_kind::degrade;
}

// The fault kind that ends a lasting fault when the file schedules it separately.
fault_kind ender_of(fault_kind k) {
    switch (k) {
    case fault_kind::crash:
        return fault_kind::restart;
    case fault_kind::degrade:
        return fault_kind::restore;
    default:
        return fault_kind::heal;
    }
}

std::optional<time_ns> end_of(const scenario& s, std::size_t index) {
    const fault_config& f = s.faults[index];
    if (f.heal_ns)
        return f.heal_ns;
    if (f.restart_ns)
        return f.restart_ns;
    std::optional<time_ns> end;
    for (const fault_config& later : s.faults)
        if (later.kind == ender_of(f.kind) && later.at_ns >= f.at_ns &&
            (!end || later.at_ns < *end))
            end = later.at_ns;
    return end;
}

std::string nodes_text(const fault_config& f) {
    std::string text;
    auto add = [&text](const std::vector<std::string>& names) {
        for (const std::string& n : names)
            text += (text.empty() || text.ends_with("| ") ? "" : " ") + n;
    };
    for (const auto& group : f.groups) {
        if (!text.empty())
            text += " | ";
        add(group);
    }
    add(f.nodes);
    return text;
}

double ms(time_ns t) {
    return static_cast<double>(t) / 1e6;
}

} // namespace

nlohmann::ordered_json fault_periods(const scenario& s) {
    nlohmann::ordered_json periods = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < s.faults.size(); ++i) {
        const fault_config& f = s.faults[i];
        if (!lasts(f.kind))
            continue;
        const std::optional<time_ns> end = end_of(s, i);
        periods.push_back({{"kind", net::to_string(f.kind)},
                           {"nodes", nodes_text(f)},
                           {"from_ms", ms(f.at_ns)},
                           {"until_ms", end ? nlohmann::ordered_json(ms(*end)) : nullptr}});
    }
    return periods;
}

} // namespace immersim::report
