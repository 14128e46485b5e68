// Adding a strategy from outside: one call registers its name, its options (read
// and checked by the scenario loader, with positions in errors) and how to build
// it. A program that links immersim::strategies registers its own strategies this
// way before loading scenarios; `compare:` then names them like the built-ins.
// docs/extending.md walks through an example.
#pragma once

#include "immersim/scenario/strategy_catalogue.hpp"
#include "immersim/strategies/strategy.hpp"

#include <functional>
#include <memory>

namespace immersim::strategies {

using strategy_factory = std::function<std::unique_ptr<strategy>(const strategy_config&)>;

// Registers (or replaces) the strategy `descriptor.name`. Thread-safe. Throws
// std::invalid_argument for a built-in's name or a default that does not fit its
// option's schema.
void register_strategy(strategy_descriptor descriptor, strategy_factory make);

// A registered strategy's option as the loader stored it (strategy_config::options).
std::string option_text(const strategy_config& config, const std::string& key);
std::int64_t whole_option(const strategy_config& config, const std::string& key);
double number_option(const strategy_config& config, const std::string& key);
time_ns duration_option(const strategy_config& config, const std::string& key);
bool flag_option(const strategy_config& config, const std::string& key);

} // namespace immersim::strategies
