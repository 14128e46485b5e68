// Numbers counted per causal domain (a document, which has a lane of the engine to
// itself): the domain in the high bits, the domain's own count below. One domain's
// numbers then do not depend on how its events interleave with other domains'.
// The network's message ids and the run's message bodies are numbered this way.
#pragma once

#include "immersim/support/assert.hpp"

#include <cstdint>

namespace immersim::domain_number {

inline constexpr int count_bits = 40; // about 10^12 numbers per domain

inline std::uint64_t make(std::uint32_t domain, std::uint64_t count) {
    IMMERSIM_ASSERT(count < std::uint64_t{1} << count_bits);
    return (std::uint64_t{domain} << count_bits) | count;
}
inline std::uint32_t domain_of(std::uint64_t number) {
    return static_cast<std::uint32_t>(number >> count_bits);
}
inline std::uint64_t count_of(std::uint64_t number) {
    return number & ((std::uint64_t{1} << count_bits) - 1);
}

} // namespace immersim::domain_number
