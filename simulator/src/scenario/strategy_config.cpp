#include "immersim/scenario/strategy_config.hpp"

#include <algorithm>
#include <mutex>

namespace immersim {

namespace {

std::mutex names_mutex;

std::vector<std::string>& names() {
    static std::vector<std::string> known = {"sum", "max", "min", "union", "list-by-id",
                                             "keep-both", "lww"};
    return known;
}

} // namespace

std::vector<std::string> known_merge_functions() {
    std::lock_guard lock(names_mutex);
    return names();
}

void add_known_merge_function(const std::string& name) {
    std::lock_guard lock(names_mutex);
    if (std::find(names().begin(), names().end(), name) == names().end())
        names().push_back(name);
}

const char* to_string(strategy_kind kind) {
    switch (kind) {
    case strategy_kind::none: return "none";
    case strategy_kind::merge: return "merge";
    case strategy_kind::resolver: return "resolver";
    case strategy_kind::occ: return "occ";
    case strategy_kind::crdt: return "crdt";
    }
    return "?";
}

const char* to_string(resolver_rule rule) {
    switch (rule) {
    case resolver_rule::lww: return "lww";
    case resolver_rule::fww: return "fww";
    case resolver_rule::priority: return "priority";
    }
    return "?";
}

const char* to_string(timestamp_clock clock) {
    switch (clock) {
    case timestamp_clock::physical: return "physical";
    case timestamp_clock::lamport: return "lamport";
    case timestamp_clock::hlc: return "hlc";
    }
    return "?";
}

std::string strategy_config::label() const {
    if (!name.empty())
        return name;
    switch (kind) {
    case strategy_kind::resolver:
        if (rule == resolver_rule::lww)
            return std::string("resolver lww/") + to_string(clock);
        return std::string("resolver ") + to_string(rule);
    case strategy_kind::occ:
        return std::string("occ ") + (validate_paths ? "path" : "version") + "/" +
               (retry ? "retry " + std::to_string(max_retries) : std::string("notify"));
    default: return to_string(kind);
    }
}

} // namespace immersim
