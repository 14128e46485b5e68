// The run layer: what the CLI and the GUI call. A run is one strategy of one
// scenario on one seed.
#pragma once

#include "immersim/run/run_result.hpp"
#include "immersim/run/run_spec.hpp"
#include "immersim/run/trace.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace immersim {

// Runs one spec to completion on the calling thread. Deterministic: the result
// (except perf) depends only on the spec. With a sink, every traced event of the
// run is handed to it as it happens.
run_result run_once(const run_spec& spec, trace_sink* trace = nullptr);

// One 64-bit digest over several runs' digests, in the given order.
std::uint64_t combine_digests(std::span<const run_result> results);

// 16 lower-case hex digits, the form every output uses.
std::string format_digest(std::uint64_t digest);

} // namespace immersim
