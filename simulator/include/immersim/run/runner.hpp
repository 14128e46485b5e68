#pragma once

#include "immersim/run/run_result.hpp"
#include "immersim/run/run_spec.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace immersim {

// Runs one spec to completion on the calling thread. Deterministic: the result
// (except perf) depends only on the spec.
run_result run_once(const run_spec& spec);

// One 64-bit digest over several runs' digests, in the given order.
std::uint64_t combine_digests(std::span<const run_result> results);

// 16 lower-case hex digits, the form every output uses.
std::string format_digest(std::uint64_t digest);

} // namespace immersim
