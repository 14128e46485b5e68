// The scenario's invariants, checked against a final state.
#pragma once

#include "immersim/scenario/scenario.hpp"

namespace immersim::run_detail {

// How many of the invariants `doc` violates.
std::uint64_t count_violated(const std::vector<invariant_config>& invariants, const state::value& doc);

} // namespace immersim::run_detail
