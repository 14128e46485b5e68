// One entry of a scenario's `compare:` list: a strategy and its options, as
// validated by the loader. The strategies library builds the strategy from it.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/support/enum_table.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace immersim {

// `registered`: one a program added (strategy_catalogue.hpp), named in `registered`.
enum class strategy_kind : std::uint8_t { none, merge, resolver, occ, crdt, registered };

enum class resolver_rule : std::uint8_t { lww, fww, priority };
enum class timestamp_clock : std::uint8_t { physical, lamport, hlc };

// Each enum's names and descriptions, in one table (support/enum_table.hpp).
std::span<const enum_row<strategy_kind>> strategy_kind_table();
std::span<const enum_row<resolver_rule>> resolver_rule_table();
std::span<const enum_row<timestamp_clock>> timestamp_clock_table();

const char* to_string(strategy_kind kind);
const char* to_string(resolver_rule rule);
const char* to_string(timestamp_clock clock);

// The merge function names scenarios may use: the built-ins, and those a program
// added with strategies::register_merge_function before loading scenarios.
std::vector<std::string> known_merge_functions();
void add_known_merge_function(const std::string& name);

struct strategy_config {
    strategy_kind kind = strategy_kind::none;
    // merge: path pattern -> merge function name, in the order written.
    std::vector<std::pair<std::string, std::string>> merge_paths;
    // resolver
    resolver_rule rule = resolver_rule::lww;
    timestamp_clock clock = timestamp_clock::hlc;
    std::vector<std::string> ranking; // priority: node names, most favoured first
    // occ
    bool validate_paths = false;     // false: strict version equality
    bool retry = true;               // false: notify (abandon and tell the user)
    std::uint32_t max_retries = 5;
    time_ns backoff_ns = 50 * ns_per_ms;      // first retry waits about this long
    time_ns backoff_max_ns = 5 * ns_per_s;    // the doubling stops here

    // registered: the strategy's name in the catalogue, and its options by key as
    // the loader checked them (a choice as written, a number in decimal, a duration
    // in nanoseconds, a flag "true" or "false"), defaults filled in.
    std::string registered;
    std::map<std::string, std::string> options;

    std::string name; // the user's own name for this arm of the comparison, if any

    // The name shown in tables: `name` if given, else "merge", "resolver lww/hlc",
    // "occ path/retry 5", ...
    std::string label() const;
};

} // namespace immersim
