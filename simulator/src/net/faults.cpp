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

time_ns draw_gap(generator& g, const nemesis_config& nemesis) {
    return saturating_time(exponential(g, static_cast<double>(nemesis.mean_interval_ns)));
}

struct nemesis_draw {
    fault_action strike, recover;
    time_ns lasting = 0;
};

// One strike among `n` >= 2 nodes: a random split with both sides non-empty, or
// a random node crashed; then how long it lasts. The run and nemesis_timeline
// both draw through here, in this order, so that they agree.
nemesis_draw draw_strike(generator& g, const nemesis_config& nemesis, std::size_t n) {
    nemesis_draw d;
    if (nemesis.partitions && (!nemesis.crashes || bernoulli(g, 0.5))) {
        std::vector<node_id> side;
        while (side.empty() || side.size() == n) {
            side.clear();
            for (node_id v = 0; v < n; ++v)
                if (bernoulli(g, 0.5))
                    side.push_back(v);
        }
        d.strike.kind = fault_kind::partition;
        d.strike.groups = {side};
        d.recover.kind = fault_kind::heal;
    } else {
        const auto victim =
            static_cast<node_id>(uniform_int(g, 0, static_cast<std::int64_t>(n) - 1));
        d.strike.kind = fault_kind::crash;
        d.strike.nodes = {victim};
        d.recover.kind = fault_kind::restart;
        d.recover.nodes = {victim};
    }
    d.lasting = saturating_time(exponential(g, static_cast<double>(nemesis.mean_duration_ns)));
    return d;
}

} // namespace

std::vector<timed_fault> nemesis_timeline(const nemesis_config& nemesis, std::size_t nodes,
                                          std::uint64_t seed, time_ns end) {
    std::vector<timed_fault> timeline;
    if (!nemesis.enabled() || nodes < 2)
        return timeline;
    generator g = generator::stream(seed, stream_purpose::fault, 0);
    time_ns now = 0;
    for (;;) {
        const time_ns at = saturating_add(now, draw_gap(g, nemesis));
        if (at > nemesis.until_ns || at > end)
            return timeline;
        nemesis_draw d = draw_strike(g, nemesis, nodes);
        now = saturating_add(at, d.lasting);
        timeline.push_back({at, std::move(d.strike)});
        timeline.push_back({now, std::move(d.recover)});
    }
}

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
    const time_ns at =
        saturating_add(saturating_add(sim_.now(), after), draw_gap(nemesis_stream_, nemesis_));
    if (at <= nemesis_.until_ns)
        sim_.schedule_at(at, nemesis_kind_, 0, nemesis_strike_payload);
}

void fault_schedule::nemesis_strike() {
    const std::size_t n = net_.topo().node_count();
    if (n < 2)
        return;
    nemesis_draw d = draw_strike(nemesis_stream_, nemesis_, n);
    apply(d.strike);
    nemesis_pending_ = {std::move(d.recover)};
    sim_.schedule_after(d.lasting, nemesis_kind_, 0, nemesis_recover_payload);
}

} // namespace immersim::net
