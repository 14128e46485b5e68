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

engine::engine(std::uint64_t seed) : queues_(1), digests_(1, mix64(seed ^ 0x696d6d657273696dULL)) {
    context_.seed = seed;
}

void engine::set_lanes(std::uint32_t domains, bool separate) {
    IMMERSIM_ASSERT(next_seq_ == 0);
    digests_.assign(std::size_t{domains} + 1, digests_[0]);
    queues_.resize(separate ? std::size_t{domains} + 1 : 1);
}

event_kind engine::register_handler(std::string name, event_handler& handler) {
    kinds_.push_back({std::move(name), &handler});
    return static_cast<event_kind>(kinds_.size() - 1);
}

void engine::schedule_at(time_ns at, event_kind kind, std::uint32_t entity,
                         std::uint64_t payload, const event_data& data) {
    IMMERSIM_ASSERT_OP(at, >=, now_);
    IMMERSIM_ASSERT_OP(kind, <, kinds_.size());
    // A domain's handler scheduling in another lane could put an event behind
    // that lane's clock (lane-0 handlers may: they run with every lane caught up).
    IMMERSIM_ASSERT(queues_.size() == 1 || dispatched_lane_ == 0 ||
                    current_lane_ == dispatched_lane_);
    // The queue's slots no longer bound the pending events: a batch's take none.
    IMMERSIM_ASSERT_OP(pending_, <, max_pending);
    ++pending_;
    current_queue().push(at, next_seq_++, kind, entity, payload, data, current_lane_);
}

void engine::mix_into_every_domain(std::uint64_t word) {
    for (std::size_t lane = 1; lane < digests_.size(); ++lane)
        digests_[lane] = mix64(digests_[lane] ^ word);
}

std::uint64_t engine::digest() const {
    // With one domain its digest alone: the same as a run that declared no lanes.
    if (digests_.size() <= 2)
        return digests_.back();
    std::uint64_t folded = digests_[1];
    for (std::size_t lane = 2; lane < digests_.size(); ++lane)
        folded = mix64(folded ^ (digests_[lane] * 0x9e3779b97f4a7c15ULL));
    return folded;
}

std::size_t engine::next_lane(time_ns until) const {
    const std::size_t none = queues_.size();
    const event_queue& global = queues_[0];
    if (queues_.size() == 1)
        return !global.empty() && global.top_time() <= until ? 0 : none;
    // Every lane runs up to the next lane-0 event (or past `until`, not at all).
    const event_queue::order_key limit = event_queue::key_after(until);
    const event_queue::order_key bound = global.empty() ? limit : std::min(limit, global.top_key());
    // Lanes before the cursor have run up to this bound, unless the limit changed.
    for (std::size_t lane = until == round_until_ ? cursor_ : 1; lane < queues_.size(); ++lane)
        if (!queues_[lane].empty() && queues_[lane].top_key() < bound)
            return lane;
    return !global.empty() && global.top_key() < limit ? 0 : none;
}

event_queue* engine::next_queue(time_ns until) {
    const std::size_t lane = next_lane(until);
    round_until_ = until;
    // A lane that has run up to the bound is not looked at again in this round;
    // a new round starts with every lane, at the lane-0 event or at a stop.
    cursor_ = lane == 0 || lane == queues_.size() ? 1 : lane;
    return lane == queues_.size() ? nullptr : &queues_[lane];
}

std::optional<time_ns> engine::next_time() const {
    const std::size_t lane = next_lane(time_max);
    if (lane == queues_.size())
        return std::nullopt;
    return queues_[lane].top_time();
}

void engine::dispatch(const event& e) {
    // Invariant of a discrete-event loop: time never runs backwards (within a
    // lane: lanes that run one after another each start from their own clock).
    IMMERSIM_ASSERT(e.time >= now_ || e.lane != dispatched_lane_ || queues_.size() == 1);
    now_ = e.time;
    ++dispatched_;
    --pending_;
    context_.time_ns = now_;
    context_.event_seq = e.seq;
    current_lane_ = dispatched_lane_ = e.lane;
    // One mix per event over distinct odd multiples of each field: enough to make
    // any divergence in time, kind, entity or payload show in the digest.
    digest_mix((static_cast<std::uint64_t>(e.time) * 0xd1342543de82ef95ULL) ^
               (((static_cast<std::uint64_t>(e.kind) << 32) | e.entity) * 0x9e3779b97f4a7c15ULL) ^
               (e.payload * 0xc2b2ae3d27d4eb4fULL));
    kinds_[e.kind].handler->handle(*this, e);
}

bool engine::step() {
    event_queue* q = next_queue(time_max);
    if (q == nullptr)
        return false;
    run_context_guard guard(&context_);
    dispatch(q->pop());
    return true;
}

run_outcome engine::run(const run_limits& limits) {
    run_context_guard guard(&context_);
    run_outcome outcome;
    stop_requested_ = false;
    for (;;) {
        event_queue* q = next_queue(limits.until);
        if (q == nullptr) {
            if (pending_ == 0) {
                outcome.reason = stop_reason::drained;
            } else {
                now_ = limits.until;
                outcome.reason = stop_reason::time_limit;
            }
            break;
        }
        if (outcome.events == limits.max_events) {
            outcome.reason = stop_reason::event_budget;
            break;
        }
        dispatch(q->pop());
        ++outcome.events;
        if (stop_requested_) {
            outcome.reason = stop_reason::stopped;
            break;
        }
    }
    return outcome;
}

} // namespace immersim
