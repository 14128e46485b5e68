#pragma once
#include "immersim/strategies/strategy.hpp"
namespace immersim::strategies {
std::unique_ptr<strategy> make_blind_overwrite();
}
