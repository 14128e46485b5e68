// One scheduled event. It is a small plain value so that the queue can move events
// without allocating; anything larger (a message body, a patch) lives in a store
// owned by the layer that scheduled it and is named here by `payload`.
#pragma once

#include "immersim/engine/time.hpp"

#include <cstdint>

namespace immersim {

// Index of a registered handler; the engine dispatches through a table by kind.
using event_kind = std::uint32_t;

struct event {
    time_ns time = 0;
    std::uint64_t seq = 0; // assigned at scheduling; breaks ties between equal times
    event_kind kind = 0;
    std::uint32_t entity = 0;  // the node, client or link the event concerns
    std::uint64_t payload = 0; // meaning is the handler's (an index, an id, a value)
};

static_assert(sizeof(event) == 32, "events are kept small: the queue moves them by value");

// Strict order of the queue: earlier time first, then earlier scheduling.
constexpr bool event_before(const event& a, const event& b) {
    return a.time != b.time ? a.time < b.time : a.seq < b.seq;
}

} // namespace immersim
