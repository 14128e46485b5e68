// One scheduled event: a plain value, so the queue moves events without
// allocating. Up to 40 bytes of the scheduler's own record travel inside it;
// anything larger (a message body, a patch) lives in a store owned by the layer
// that scheduled it and is named by `payload` or by the record.
#pragma once

#include "immersim/engine/time.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace immersim {

// Index of a registered handler; the engine dispatches through a table by kind.
using event_kind = std::uint32_t;

// A small record carried inside the event (a message header, say). A layer with
// hundreds of thousands of events pending then needs no table of its own: the
// event and its record share one cache line in the queue.
inline constexpr std::size_t event_data_bytes = 40;

struct event_data {
    alignas(8) std::byte bytes[event_data_bytes] = {};

    template <typename T>
    static event_data of(const T& record) {
        static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= event_data_bytes);
        event_data d;
        std::memcpy(d.bytes, &record, sizeof(T));
        return d;
    }
    template <typename T>
    T as() const {
        static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= event_data_bytes);
        T record;
        std::memcpy(&record, bytes, sizeof(T));
        return record;
    }
};

struct event {
    time_ns time = 0;
    std::uint64_t seq = 0; // assigned at scheduling; breaks ties between equal times
    event_kind kind = 0;
    std::uint32_t entity = 0;  // the node, client or link the event concerns
    std::uint64_t payload = 0; // meaning is the handler's (an index, an id, a value)
    event_data data;           // the handler's own record, if it gave one
    std::uint32_t lane = 0;    // the causal domain it belongs to (engine.hpp)
};

// Strict order of the queue: earlier time first, then earlier scheduling.
constexpr bool event_before(const event& a, const event& b) {
    return a.time != b.time ? a.time < b.time : a.seq < b.seq;
}

} // namespace immersim
