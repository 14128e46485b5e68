#include "immersim/engine/engine.hpp"

namespace immersim {

const char* to_string(stop_reason reason) {
    switch (reason) {
    case stop_reason::drained:
        return "drained";
    case stop_reason::time_limit:
        return "time_limit";
    case stop_reason::event_budget:
        return "event_budget";
    case stop_reason::memory:
        return "memory";
    case stop_reason::stopped:
        return "stopped";
    }
    return "unknown";
}

engine::engine(std::uint64_t seed) : digest_(mix64(seed ^ 0x696d6d657273696dULL)) {
    context_.seed = seed;
}

event_kind engine::register_handler(std::string name, event_handler& handler) {
    kinds_.push_back({std::move(name), &handler});
    return static_cast<event_kind>(kinds_.size() - 1);
}

void engine::schedule_at(time_ns at, event_kind kind, std::uint32_t entity,
                         std::uint64_t payload, const event_data& data) {
    IMMERSIM_ASSERT_OP(at, >=, now_);
    IMMERSIM_ASSERT_OP(kind, <, kinds_.size());
    queue_.push(event{at, next_seq_++, kind, entity, payload, data});
}

std::optional<time_ns> engine::next_time() const {
    if (queue_.empty())
        return std::nullopt;
    return queue_.top_time();
}

void engine::dispatch(const event& e) {
    // Invariant of a discrete-event loop: time never runs backwards.
    IMMERSIM_ASSERT_OP(e.time, >=, now_);
    now_ = e.time;
    ++dispatched_;
    context_.time_ns = now_;
    context_.event_seq = e.seq;
    // One mix per event over distinct odd multiples of each field: enough to make
    // any divergence in time, kind, entity or payload show in the digest.
    digest_ = mix64(digest_ ^ (static_cast<std::uint64_t>(e.time) * 0xd1342543de82ef95ULL) ^
                    (((static_cast<std::uint64_t>(e.kind) << 32) | e.entity) *
                     0x9e3779b97f4a7c15ULL) ^
                    (e.payload * 0xc2b2ae3d27d4eb4fULL));
    kinds_[e.kind].handler->handle(*this, e);
}

bool engine::step() {
    if (queue_.empty())
        return false;
    run_context_guard guard(&context_);
    dispatch(queue_.pop());
    return true;
}

run_outcome engine::run(const run_limits& limits) {
    run_context_guard guard(&context_);
    run_outcome outcome;
    stop_requested_ = false;
    for (;;) {
        if (queue_.empty()) {
            outcome.reason = stop_reason::drained;
            break;
        }
        if (queue_.top_time() > limits.until) {
            now_ = limits.until;
            outcome.reason = stop_reason::time_limit;
            break;
        }
        if (outcome.events == limits.max_events) {
            outcome.reason = stop_reason::event_budget;
            break;
        }
        dispatch(queue_.pop());
        ++outcome.events;
        if (stop_requested_) {
            outcome.reason = stop_reason::stopped;
            break;
        }
    }
    return outcome;
}

} // namespace immersim
