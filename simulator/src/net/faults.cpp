#include "immersim/net/faults.hpp"

#include "immersim/random/distributions.hpp"
#include "immersim/support/assert.hpp"

namespace immersim::net {

const char* to_string(fault_kind kind) {
    switch (kind) {
    case fault_kind::partition:
        return "partition";
    case fault_kind::isolate:
        return "isolate";
    case fault_kind::cut_one_way:
        return "cut_one_way";
    case fault_kind::heal:
        return "heal";
    case fault_kind::crash:
        return "crash";
    case fault_kind::restart:
        return "restart";
    case fault_kind::degrade:
        return "degrade";
    case fault_kind::restore:
        return "restore";
    }
    return "unknown";
}

namespace {
// Payload of a nemesis event: 0 strikes, 1 recovers.
constexpr std::uint64_t nemesis_strike_payload = 0;
constexpr std::uint64_t nemesis_recover_payload = 1;
} // namespace

fault_schedule::fault_schedule(engine& sim, network& net, std::vector<timed_fault> timeline,
                               nemesis_config nemesis, std::uint64_t seed)
    : sim_(sim), net_(net), timeline_(std::move(timeline)), nemesis_(nemesis),
      nemesis_stream_(generator::stream(seed, stream_purpose::fault, 0)) {
    timeline_kind_ = sim.register_handler("fault", *this);
    nemesis_kind_ = sim.register_handler("nemesis", *this);
    for (std::size_t i = 0; i < timeline_.size(); ++i) {
        sim.schedule_at(timeline_[i].at, timeline_kind_, 0, i);
        const fault_kind k = timeline_[i].action.kind;
        if (k == fault_kind::heal || k == fault_kind::restart || k == fault_kind::restore)
            timeline_end_ns_ = std::max(timeline_end_ns_, timeline_[i].at);
    }
    if (nemesis_.enabled())
        schedule_nemesis(0);
}

void fault_schedule::apply(const fault_action& action) {
    ++applied_;
    sim_.digest_mix(static_cast<std::uint64_t>(action.kind) + 0x6661756c74ULL);
    switch (action.kind) {
    case fault_kind::partition:
        net_.partition(action.groups);
        break;
    case fault_kind::isolate:
        for (node_id n : action.nodes)
            net_.isolate(n);
        break;
    case fault_kind::cut_one_way:
        IMMERSIM_ASSERT_OP(action.groups.size(), ==, 2u);
        net_.cut_one_way(action.groups[0], action.groups[1]);
        break;
    case fault_kind::heal:
        net_.heal();
        last_recovery_ns_ = sim_.now();
        break;
    case fault_kind::crash:
        for (node_id n : action.nodes)
            net_.crash(n);
        break;
    case fault_kind::restart:
        for (node_id n : action.nodes)
            net_.restart(n);
        last_recovery_ns_ = sim_.now();
        break;
    case fault_kind::degrade:
        for (link_id l : action.links)
            net_.degrade_link(l, action.degraded);
        break;
    case fault_kind::restore:
        for (link_id l : action.links)
            net_.restore_link(l);
        last_recovery_ns_ = sim_.now();
        break;
    }
    if (observer_ != nullptr)
        observer_->on_fault(sim_, action);
}

void fault_schedule::handle(engine&, const event& e) {
    if (e.kind == timeline_kind_) {
        apply(timeline_[e.payload].action);
        return;
    }
    if (e.payload == nemesis_recover_payload) {
        for (const fault_action& a : nemesis_pending_)
            apply(a);
        nemesis_pending_.clear();
        schedule_nemesis(0);
        return;
    }
    nemesis_strike();
}

void fault_schedule::schedule_nemesis(time_ns after) {
    const time_ns gap = saturating_time(
        exponential(nemesis_stream_, static_cast<double>(nemesis_.mean_interval_ns)));
    const time_ns at = saturating_add(saturating_add(sim_.now(), after), gap);
    if (at <= nemesis_.until_ns)
        sim_.schedule_at(at, nemesis_kind_, 0, nemesis_strike_payload);
}

void fault_schedule::nemesis_strike() {
    const std::size_t n = net_.topo().node_count();
    if (n < 2)
        return;
    const bool partition = nemesis_.partitions && (!nemesis_.crashes || bernoulli(nemesis_stream_, 0.5));
    fault_action strike;
    fault_action recover;
    if (partition) {
        // A random split with both sides non-empty.
        std::vector<node_id> side;
        while (side.empty() || side.size() == n) {
            side.clear();
            for (node_id v = 0; v < n; ++v)
                if (bernoulli(nemesis_stream_, 0.5))
                    side.push_back(v);
        }
        strike.kind = fault_kind::partition;
        strike.groups = {side};
        recover.kind = fault_kind::heal;
    } else {
        const auto victim = static_cast<node_id>(uniform_int(nemesis_stream_, 0, static_cast<std::int64_t>(n) - 1));
        strike.kind = fault_kind::crash;
        strike.nodes = {victim};
        recover.kind = fault_kind::restart;
        recover.nodes = {victim};
    }
    apply(strike);
    nemesis_pending_ = {recover};
    const time_ns duration = saturating_time(
        exponential(nemesis_stream_, static_cast<double>(nemesis_.mean_duration_ns)));
    sim_.schedule_after(duration, nemesis_kind_, 0, nemesis_recover_payload);
}

} // namespace immersim::net
