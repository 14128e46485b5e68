// Merge functions: how a three-way merge settles one place that both sides
// changed. Each takes the base, ours and theirs values at that place (any may be
// absent) and returns the merged value, saying whether a write was lost on the way.
// The built-in ones are registered by name; users add their own in C++.
#pragma once

#include "immersim/state/path.hpp"
#include "immersim/state/value.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace immersim::strategies {

struct merge_input {
    const state::value* base;   // nullptr when absent
    const state::value* ours;   // the side already in place (the server's state)
    const state::value* theirs; // the side arriving (a client's change)
    const state::path& where;
};

struct merge_output {
    std::optional<state::value> merged; // nothing: the place is removed
    std::uint32_t overwritten = 0;      // writes that were discarded
    std::uint32_t kept_both = 0;        // places that now hold both sides' values
};

using merge_function = std::function<merge_output(const merge_input&)>;

// Built-ins:
//   sum        counters: base + (ours - base) + (theirs - base); absent counts as 0
//   max, min   numbers: the larger (smaller) of ours and theirs
//   union      lists as sets: what either side added stays, what either side
//              removed from the base goes; ours' order, then theirs' additions
//   list-by-id lists of maps with an "id" key: elements matched by id, each merged
//              with lww, removals by either side win, additions by either side kept
//   keep-both  a multi-value register: when both changed it, a list [ours, theirs]
//   lww        the arriving side (theirs) wins where it changed anything; ours'
//              concurrent write there is overwritten
// Functions given values they cannot merge (sum of strings) fall back to lww.
class merge_registry {
public:
    merge_registry(); // with the built-ins
    void add(const std::string& name, merge_function f);
    const merge_function* find(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, merge_function> functions_;
};

// The functions every run uses: the built-ins plus those registered below.
const merge_registry& merge_functions_for_runs();

// Makes a user's merge function available to scenarios by name (`merge: { paths:
// { likes: my-function } }`). Call it at start-up, before loading scenarios and
// before any run starts; runs only read the registry.
void register_merge_function(const std::string& name, merge_function f);

// The merge function for each place, chosen by path pattern: segments separated by
// "/", where "*" matches any one segment; the lone pattern "*" matches every path.
// The most specific pattern wins (more segments, then fewer wildcards, then the
// first declared); a path no pattern matches uses `fallback`.
class merge_policy {
public:
    explicit merge_policy(merge_function fallback, std::string fallback_name = "lww");
    void set(const std::string& pattern, merge_function f, std::string name = {});
    const merge_function& function_for(const state::path& where) const;
    // Which function merges `where`, and by which pattern, in words: "sum (pattern
    // likes)", "lww (no pattern names it)".
    std::string describe(const state::path& where) const;
    // True when a pattern other than the catch-all "*" names this very path: the
    // place is then merged as one unit by that pattern's function.
    bool names(const state::path& where) const;

private:
    struct rule {
        std::vector<std::string> segments;
        bool matches_all;
        merge_function f;
        std::string pattern;
        std::string name;
    };
    std::vector<rule> rules_;
    merge_function fallback_;
    std::string fallback_name_;
};

} // namespace immersim::strategies
