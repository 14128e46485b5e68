// What clients do: the operations they issue, how often, and on which keys. A
// scenario's `workload:` section is read into this; the runner draws intents from it.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/state/shared_value.hpp"
#include "immersim/support/enum_table.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace immersim::workload {

enum class op_kind : std::uint8_t {
    set,           // a path gets a value
    increment,     // a counter grows by `amount` (negative: decrement)
    add_member,    // a list used as a set gains a member (if absent)
    remove_member, // a list used as a set loses a member (every occurrence)
    insert,        // a list gains an element at a random index
    remove_at,     // a list loses the element at a random index
    transaction,   // several of the above, all or nothing, in one change
};

// The names scenarios use for them (`add`, `remove_at`, ...): one table.
std::span<const enum_row<op_kind>> op_kind_table();
const char* to_string(op_kind kind);

// How a `set` chooses its value.
enum class value_source : std::uint8_t {
    constant,    // the value written in the scenario
    toggle,      // the negation of the current boolean (false when absent)
    random_int,  // uniform in [0, random_max]
    random_word, // one of a fixed list of short words
};

// How a key placeholder such as {todo} in a path is filled.
enum class key_distribution : std::uint8_t {
    uniform, // each of n keys alike
    zipf,    // rank k with probability proportional to 1/(k+1)^s
    hotspot, // `hot_fraction` of the keys receive `hot_probability` of the draws
};

struct key_spec {
    key_distribution dist = key_distribution::uniform;
    std::uint64_t n = 1;
    double s = 1.0;
    double hot_fraction = 0.1;
    double hot_probability = 0.9;
};

struct op_spec {
    double weight = 1.0;
    op_kind kind = op_kind::set;
    // Segments of the path; a segment "{name}" is a placeholder filled from `keys`.
    std::vector<std::string> path;
    value_source source = value_source::constant;
    // set: the value; add/remove member and insert: the member. Shared by the runs
    // on every worker thread: each takes its own copy.
    state::shared_value constant;
    std::int64_t amount = 1;
    std::int64_t random_max = 1000;
    // add/remove member: members drawn as "m0".."m{members-1}" when no constant.
    std::uint64_t members = 0;
    // transaction: its parts (no weights, no nesting). A placeholder used by two
    // parts takes one value for the whole transaction.
    std::vector<op_spec> parts;
};

// A client's offline period: it issues nothing between from and until.
struct offline_period {
    std::string clients; // a node pattern, as in faults
    time_ns from_ns = 0;
    time_ns until_ns = 0;
};

struct workload_spec {
    double rate_per_client = 1.0; // operations per second, Poisson
    std::vector<op_spec> ops;
    std::map<std::string, key_spec> keys;
    std::vector<offline_period> offline;
};

} // namespace immersim::workload
