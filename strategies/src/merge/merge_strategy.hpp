#pragma once
#include "immersim/strategies/strategy.hpp"
namespace immersim::strategies {
std::unique_ptr<strategy> make_merge(const strategy_config& config, const merge_registry& functions);
}
