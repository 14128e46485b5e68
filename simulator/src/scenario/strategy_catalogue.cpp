#include "immersim/scenario/strategy_catalogue.hpp"

#include <algorithm>
#include <mutex>

namespace immersim {

namespace {

std::mutex catalogue_mutex;

std::vector<strategy_descriptor>& catalogue() {
    static std::vector<strategy_descriptor> added;
    return added;
}

} // namespace

void add_known_strategy(strategy_descriptor descriptor) {
    std::lock_guard lock(catalogue_mutex);
    auto& added = catalogue();
    const auto same = std::find_if(added.begin(), added.end(),
                                   [&](const auto& d) { return d.name == descriptor.name; });
    if (same != added.end())
        *same = std::move(descriptor);
    else
        added.push_back(std::move(descriptor));
}

std::optional<strategy_descriptor> known_strategy(std::string_view name) {
    std::lock_guard lock(catalogue_mutex);
    for (const strategy_descriptor& d : catalogue())
        if (d.name == name)
            return d;
    return std::nullopt;
}

std::vector<std::string> known_strategy_names() {
    std::lock_guard lock(catalogue_mutex);
    std::vector<std::string> names;
    for (const strategy_descriptor& d : catalogue())
        names.push_back(d.name);
    return names;
}

} // namespace immersim
