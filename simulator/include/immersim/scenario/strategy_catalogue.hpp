// Strategies a program adds to the built-in ones: how a scenario names them, what
// they need, and the options it may give them. The loader reads a registered
// strategy's options by this schema, so a mistake in them is reported at its
// file:line:col like any other. The strategies library fills the catalogue
// (strategies::register_strategy); this layer only knows the schema.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace immersim {

struct option_spec {
    enum class type : std::uint8_t {
        choice,   // one of `choices`
        whole,    // a whole number in [min, max]
        number,   // a real number in [min, max]
        duration, // "250ms": stored in nanoseconds
        flag,     // true/false
    };
    std::string key;
    type kind = type::choice;
    std::string description;
    std::vector<std::string> choices;
    double min = 0;
    double max = 0;
    std::string default_value; // as a scenario would write it; empty: the option is required
};

struct strategy_descriptor {
    std::string name; // as `compare:` names it; must not be a built-in's name
    std::string description;
    bool needs_authority = false; // refused in a peer-to-peer topology
    std::vector<option_spec> options;
};

// Adds (or replaces) a strategy by name. Thread-safe; call before loading
// scenarios that use it.
void add_known_strategy(strategy_descriptor descriptor);
std::optional<strategy_descriptor> known_strategy(std::string_view name);
// The names of the added strategies, in the order they were added.
std::vector<std::string> known_strategy_names();

} // namespace immersim
