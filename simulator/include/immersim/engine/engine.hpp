// The discrete-event engine: one single-threaded loop per run over integer time.
// Events are dispatched through a table of handlers indexed by kind, so a step costs
// one heap pop and one virtual call, with no allocation per event.
//
// Lanes. A run may declare causal domains that can never affect one another (the
// documents of a star with one server): lane 0 holds the run's own events (faults,
// samples), which every domain sees, and lane k the events of domain k - 1. Each
// event belongs to the lane that was current when it was scheduled: the lane of
// the event being handled, unless the handler entered another. Each lane keeps its
// own digest, lane-0 events entering all of them, and the run's digest folds them
// in lane order, so it does not depend on how the lanes' events interleave.
//
// That lets an engine with separate queues run lane by lane: up to the next lane-0
// event, every lane in turn dispatches its own events in (time, seq) order, then
// the lane-0 event runs with every domain exactly where the single (time, seq)
// order would have it. Each domain sees the same events in the same order either
// way, and its data stays in the cache while its lane runs, which at thousands of
// domains is most of the cost of an event.
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

    // Declares `domains` causal domains, lanes 1..domains. With `separate`, each lane
    // has its own queue and run() goes lane by lane (above); otherwise one queue
    // holds all, in (time, seq) order. Precondition: nothing scheduled yet.
    void set_lanes(std::uint32_t domains, bool separate);
    std::uint32_t lane_count() const { return static_cast<std::uint32_t>(digests_.size()) - 1; }
    bool separate_lanes() const { return queues_.size() > 1; }
    // The lane new events go to: the handled event's, until a handler enters
    // another. With separate lanes, a handler of a domain's event may schedule only
    // in that domain (the others may already be past the time).
    void enter_lane(std::uint32_t lane) {
        IMMERSIM_ASSERT_OP(lane, <, digests_.size());
        current_lane_ = lane;
    }
    std::uint32_t lane() const { return current_lane_; }

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

    // Events scheduled between begin_batch() and end_batch() (a broadcast's
    // copies) are sorted as one run and enter the queue as one entry
    // (event_queue.hpp): cheaper for many events at once, the same order as
    // scheduling them one by one. Batches do not nest, and a batch stays in the
    // lane it began in.
    void begin_batch() {
        batch_queue_ = &current_queue();
        batch_queue_->begin_batch();
    }
    void end_batch() {
        IMMERSIM_ASSERT(batch_queue_ == &current_queue());
        batch_queue_->end_batch();
        batch_queue_ = nullptr;
    }

    // Dispatches events in (time, seq) order within the limits (lane by lane with
    // separate lanes). With a time limit, the clock advances to `until` when the
    // limit is what stopped the loop.
    run_outcome run(const run_limits& limits = {});

    // Dispatches the next event; false when none remains.
    bool step();

    // Asks run() to return after the current event.
    void stop() { stop_requested_ = true; }

    // Folds a handler's own summary of what an event did (a message's content hash,
    // a decision) into the current lane's digest, so that two runs that dispatch
    // the same events but decide differently still differ. Inline: every event
    // mixes two to four words, nearly always into one lane.
    void digest_mix(std::uint64_t word) {
        if (current_lane_ != 0 || digests_.size() == 1)
            digests_[current_lane_] = mix64(digests_[current_lane_] ^ word);
        else
            mix_into_every_domain(word);
    }

    time_ns now() const { return now_; }
    std::uint64_t seed() const { return context_.seed; }
    std::uint64_t events_dispatched() const { return dispatched_; }
    std::uint64_t digest() const;
    std::size_t pending() const { return pending_; }
    std::optional<time_ns> next_time() const;


private:
    struct kind_entry {
        std::string name;
        event_handler* handler;
    };

    event_queue& current_queue() { return queues_[queues_.size() == 1 ? 0 : current_lane_]; }
    void dispatch(const event& e);
    // A lane-0 word is part of every domain's history.
    void mix_into_every_domain(std::uint64_t word);
    // The queue whose earliest event comes next (lane by lane with separate lanes),
    // if one comes at or before `until`.
    event_queue* next_queue(time_ns until);
    std::size_t next_lane(time_ns until) const; // its index; none: queues_.size()

    std::vector<event_queue> queues_;    // one, or one per lane
    event_queue* batch_queue_ = nullptr; // the queue an open batch fills
    std::size_t pending_ = 0;
    std::uint32_t current_lane_ = 0;
    std::uint32_t dispatched_lane_ = 0; // the lane of the event being handled
    std::size_t cursor_ = 1;            // with separate lanes: the lane running now
    time_ns round_until_ = time_max;    // the limit the cursor's round runs to
    std::vector<kind_entry> kinds_;
    time_ns now_ = 0;
    std::uint64_t next_seq_ = 0;
    std::uint64_t dispatched_ = 0;
    std::vector<std::uint64_t> digests_; // per lane
    bool stop_requested_ = false;
    run_context context_;
};

} // namespace immersim
