// Words for explanations (decision_record): how a stamp reads.
#include "immersim/strategies/strategy.hpp"

#include <fmt/format.h>

namespace immersim::strategies {

namespace {

std::string seconds(time_ns t) {
    return fmt::format("{:.6f} s", static_cast<double>(t) / 1e9);
}

} // namespace

std::string format_stamp(const stamp& s, timestamp_clock clock) {
    switch (clock) {
    case timestamp_clock::physical:
        return seconds(s.physical);
    case timestamp_clock::lamport:
        return fmt::format("Lamport {}", s.lamport);
    case timestamp_clock::hlc:
        break;
    }
    return fmt::format("HLC {}+{}", seconds(s.hlc.wall), s.hlc.logical);
}

} // namespace immersim::strategies
