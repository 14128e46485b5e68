#pragma once

#include "immersim/strategies/registry.hpp"

namespace immersim::strategies {
strategy_descriptor mv_register_descriptor();
std::unique_ptr<strategy> make_mv_register(const strategy_config& config);
} // namespace immersim::strategies
