// Faults on a timeline, and a random nemesis, applied to a network as engine
// events. Both are plain values and events: a fault is never an exception.
#pragma once

#include "immersim/engine/engine.hpp"
#include "immersim/net/network.hpp"

#include <vector>

namespace immersim::net {

enum class fault_kind {
    partition,   // groups: the sides
    isolate,     // nodes: each node cut off
    cut_one_way, // groups[0] -> groups[1] cut in that direction only
    heal,        // every cut removed
    crash,       // nodes
    restart,     // nodes; keep_state says whether they come back with their state
    degrade,     // links get `degraded` until a restore
    restore,     // links get their own configuration back
};

const char* to_string(fault_kind kind);

struct fault_action {
    fault_kind kind = fault_kind::heal;
    std::vector<std::vector<node_id>> groups;
    std::vector<node_id> nodes;
    std::vector<link_id> links;
    link_config degraded;
    bool keep_state = true;
};

struct timed_fault {
    time_ns at = 0;
    fault_action action;
};

// Random faults: at exponential intervals (mean `mean_interval_ns`) a random
// partition into two sides or a crash of a random node, lasting an exponential
// time (mean `mean_duration_ns`), then healed or restarted. One nemesis fault at a
// time; none starts after `until_ns`.
struct nemesis_config {
    bool partitions = false;
    bool crashes = false;
    time_ns mean_interval_ns = 10 * ns_per_s;
    time_ns mean_duration_ns = 2 * ns_per_s;
    time_ns until_ns = 0;
    bool enabled() const { return partitions || crashes; }
};

// The nemesis's faults in one run, drawn ahead of it: the strikes and their
// recoveries at the times the run itself has them (the nemesis draws from a stream
// of its own and looks only at the clock and the node count), those that strike
// by `end`. So a run's random faults can be written out as a `faults:` list.
std::vector<timed_fault> nemesis_timeline(const nemesis_config& nemesis, std::size_t nodes,
                                          std::uint64_t seed, time_ns end);

// Told of every fault as it happens (replicas need crashes and restarts).
class fault_observer {
public:
    virtual ~fault_observer() = default;
    virtual void on_fault(engine& sim, const fault_action& action) = 0;
};

class fault_schedule final : public event_handler {
public:
    fault_schedule(engine& sim, network& net, std::vector<timed_fault> timeline,
                   nemesis_config nemesis, std::uint64_t seed);

    void set_observer(fault_observer* observer) { observer_ = observer; }

    // Simulated time of the last heal or restart so far (0 if none): convergence
    // time is measured from the later of this and the last write.
    time_ns last_recovery_ns() const { return last_recovery_ns_; }
    // Time of the last scheduled recovery of the timeline (to know when faults end).
    time_ns timeline_end_ns() const { return timeline_end_ns_; }
    std::uint64_t faults_applied() const { return applied_; }

    void apply(const fault_action& action);
    void handle(engine& sim, const event& e) override;

private:
    void schedule_nemesis(time_ns after);
    void nemesis_strike();

    engine& sim_;
    network& net_;
    std::vector<timed_fault> timeline_;
    nemesis_config nemesis_;
    generator nemesis_stream_;
    fault_observer* observer_ = nullptr;
    event_kind timeline_kind_;
    event_kind nemesis_kind_;
    std::vector<fault_action> nemesis_pending_; // the recovery of the active nemesis fault
    time_ns last_recovery_ns_ = 0;
    time_ns timeline_end_ns_ = 0;
    std::uint64_t applied_ = 0;
};

} // namespace immersim::net
