// The discrete-event engine: one single-threaded loop per run over integer time.
// Events are dispatched through a table of handlers indexed by kind, so a step costs
// one heap pop and one virtual call, with no allocation per event.
#pragma once

#include "immersim/engine/event.hpp"
#include "immersim/engine/event_queue.hpp"
#include "immersim/random/generator.hpp"
#include "immersim/support/assert.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace immersim {

class engine;

// Whatever reacts to events of one kind: a client's next operation, a message
// delivery, a fault. Handlers outlive the engine's run.
class event_handler {
public:
    virtual ~event_handler() = default;
    virtual void handle(engine& sim, const event& e) = 0;
};

struct run_limits {
    time_ns until = time_max;               // process events with time <= until
    std::uint64_t max_events = UINT64_MAX;  // the budget for this call
};

enum class stop_reason {
    drained,      // no events remain
    time_limit,   // the next event lies after `until`
    event_budget, // the budget was spent while events remained: the run is incomplete
    stopped,      // a handler called stop()
    memory,       // the run layer stopped it: the process crossed its memory cap
};

const char* to_string(stop_reason reason);

struct run_outcome {
    stop_reason reason = stop_reason::drained;
    std::uint64_t events = 0; // dispatched by this call
};

class engine {
public:
    // Upper bound on simultaneously pending events; exceeding it is a bug in a model
    // (an event storm), reported by the queue's assertion rather than by exhausting
    // memory.
    static constexpr std::size_t max_pending = event_queue::max_pending;

    explicit engine(std::uint64_t seed);
    engine(const engine&) = delete;
    engine& operator=(const engine&) = delete;

    // Registers `handler` for a new kind and returns the kind. `name` appears in
    // traces. The handler must outlive every run of this engine.
    event_kind register_handler(std::string name, event_handler& handler);
    const std::string& kind_name(event_kind kind) const { return kinds_[kind].name; }

    // Schedules an event. Precondition: at >= now() (time never runs backwards).
    void schedule_at(time_ns at, event_kind kind, std::uint32_t entity, std::uint64_t payload,
                     const event_data& data = {});
    void schedule_after(time_ns delay, event_kind kind, std::uint32_t entity,
                        std::uint64_t payload, const event_data& data = {}) {
        IMMERSIM_ASSERT_OP(delay, >=, 0);
        schedule_at(saturating_add(now_, delay), kind, entity, payload, data);
    }

    // Dispatches events in (time, seq) order within the limits. With a time limit,
    // the clock advances to `until` when the limit is what stopped the loop.
    run_outcome run(const run_limits& limits = {});

    // Dispatches the earliest event; false when none remains.
    bool step();

    // Asks run() to return after the current event.
    void stop() { stop_requested_ = true; }

    // Folds a handler's own summary of what an event did (a message's content hash,
    // a decision) into the digest, so that two runs that dispatch the same events
    // but decide differently still differ.
    void digest_mix(std::uint64_t word) { digest_ = mix64(digest_ ^ word); }

    time_ns now() const { return now_; }
    std::uint64_t seed() const { return context_.seed; }
    std::uint64_t events_dispatched() const { return dispatched_; }
    std::uint64_t digest() const { return digest_; }
    std::size_t pending() const { return queue_.size(); }
    std::optional<time_ns> next_time() const;


private:
    struct kind_entry {
        std::string name;
        event_handler* handler;
    };

    void dispatch(const event& e);

    event_queue queue_;
    std::vector<kind_entry> kinds_;
    time_ns now_ = 0;
    std::uint64_t next_seq_ = 0;
    std::uint64_t dispatched_ = 0;
    std::uint64_t digest_;
    bool stop_requested_ = false;
    run_context context_;
};

} // namespace immersim
