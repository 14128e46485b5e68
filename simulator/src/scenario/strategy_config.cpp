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

namespace {

constexpr enum_row<strategy_kind> strategy_rows[] = {
    {strategy_kind::none, "none", "no conflict handling: the last arrival wins"},
    {strategy_kind::merge, "merge", "three-way merge at the authority, by merge functions"},
    {strategy_kind::resolver, "resolver", "one winner per written place, by a rule"},
    {strategy_kind::occ, "occ", "optimistic concurrency control: validate, then retry or notify"},
    {strategy_kind::crdt, "crdt", "operations that commute: counters, registers, sets, lists"},
    {strategy_kind::registered, "registered", "a strategy a program added by name"},
};
static_assert(follows_enum(strategy_rows));

constexpr enum_row<resolver_rule> rule_rows[] = {
    {resolver_rule::lww, "lww", "the larger timestamp wins"},
    {resolver_rule::fww, "fww", "among concurrent writes, the first to arrive stays"},
    {resolver_rule::priority, "priority", "among concurrent writes, the more favoured node wins"},
};
static_assert(follows_enum(rule_rows));

constexpr enum_row<timestamp_clock> clock_rows[] = {
    {timestamp_clock::physical, "physical", "the node's wall clock, skewed and drifting"},
    {timestamp_clock::lamport, "lamport", "a Lamport clock: follows causality, not time"},
    {timestamp_clock::hlc, "hlc", "a hybrid logical clock: wall time that follows causality"},
};
static_assert(follows_enum(clock_rows));

} // namespace

std::span<const enum_row<strategy_kind>> strategy_kind_table() {
    return strategy_rows;
}
std::span<const enum_row<resolver_rule>> resolver_rule_table() {
    return rule_rows;
}
std::span<const enum_row<timestamp_clock>> timestamp_clock_table() {
    return clock_rows;
}

// The names are string literals, so their data is null-terminated.
const char* to_string(strategy_kind kind) {
    return name_in(strategy_kind_table(), kind).data();
}
const char* to_string(resolver_rule rule) {
    return name_in(resolver_rule_table(), rule).data();
}
const char* to_string(timestamp_clock clock) {
    return name_in(timestamp_clock_table(), clock).data();
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
    case strategy_kind::registered:
        return registered;
    default: return to_string(kind);
    }
}

} // namespace immersim
