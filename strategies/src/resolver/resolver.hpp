#pragma once
#include "immersim/strategies/strategy.hpp"
namespace immersim::strategies {
std::unique_ptr<strategy> make_resolver(const strategy_config& config);
}
