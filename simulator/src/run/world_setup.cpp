// Building a run's world from its scenario: topology, network, clocks, replicas,
// faults, and the first operations.
#include "world.hpp"

#include "immersim/net/topology_import.hpp"
#include "immersim/support/assert.hpp"

namespace immersim::run_detail {

namespace {

std::vector<net::node_id> select_all(const net::topology& topo,
                                     const std::vector<std::string>& patterns) {
    std::vector<net::node_id> nodes;
    for (const std::string& pattern : patterns) {
        std::string error;
        const auto found = topo.select(pattern, error);
        IMMERSIM_ASSERT(found.has_value()); // the loader checked every name
        nodes.insert(nodes.end(), found->begin(), found->end());
    }
    return nodes;
}

} // namespace

world::world(const run_spec& spec, trace_sink* trace)
    : spec_(spec), scenario_(*spec.world), initial_(scenario_.state.initial.own_copy()),
      trace_(trace), sim_(spec.seed), oracle_(0),
      gossip_stream_(generator::stream(spec.seed, stream_purpose::gossip, 0)),
      intents_(scenario_.workload), convergence_(0) {
    build_topology();
    const std::size_t nodes = topo_.node_count();
    oracle_ = metrics::causality_oracle(nodes);
    convergence_ = convergence_tracker(nodes);
    net_ = std::make_unique<net::network>(sim_, topo_, spec.seed);
    net_->set_receiver(this);
    strategy_ = strategies::make_strategy(scenario_.compare.at(spec.strategy),
                                          strategies::merge_functions_for_runs());
    operation_kind_ = sim_.register_handler("operation", *this);
    retry_kind_ = sim_.register_handler("retry", *this);
    sample_kind_ = sim_.register_handler("sample", *this);
    build_replicas();
    faults_ = std::make_unique<net::fault_schedule>(sim_, *net_, resolve_faults(),
                                                    scenario_.nemesis, spec.seed);
    faults_->set_observer(this);
    // Registered last: kinds are numbered in registration order and enter the digest.
    gossip_kind_ = sim_.register_handler("gossip", *this);
    end_ns_ = scenario_.duration_ns + scenario_.drain_ns;
    schedule_first_operations();
    sim_.schedule_at(0, sample_kind_, 0, 0);
    if (scenario_.topology.gossip) // first rounds spread over one interval
        for (replica& r : replicas_) {
            r.pushed.assign(replicas_.size(), 0);
            sim_.schedule_at(uniform_int(gossip_stream_, 0, scenario_.topology.gossip_interval_ns),
                             gossip_kind_, r.node, 0);
        }
}

world::~world() = default;

void world::build_topology() {
    const topology_config& t = scenario_.topology;
    topo_ = net::topology::build(t.kind, t.servers, t.clients, t.link, t.tree_arity, t.random,
                                 spec_.seed);
}

void world::build_replicas() {
    const std::size_t nodes = topo_.node_count();
    const auto clocks = net::draw_clocks(nodes, scenario_.clocks.offset_ns,
                                         scenario_.clocks.drift_ppm, spec_.seed);
    strategy_->meet(topo_);
    replicas_.reserve(nodes);
    for (net::node_id n = 0; n < nodes; ++n) {
        replica r(n, generator::stream(spec_.seed, stream_purpose::workload, n),
                  generator::stream(spec_.seed, stream_purpose::strategy, n));
        r.issues_operations = topo_.role(n) == net::node_role::client;
        r.clock = clocks[n];
        r.doc = adopt(initial_);
        r.book = strategy_->new_book(initial_);
        replicas_.push_back(std::move(r));
        convergence_.set_live(n, true, 0);
        convergence_.set_hash(n, replicas_.back().doc.hash(), 0);
    }
    offline_.resize(nodes);
    for (const workload::offline_period& p : scenario_.workload.offline)
        for (net::node_id n : select_all(topo_, {p.clients}))
            offline_[n].emplace_back(p.from_ns, p.until_ns);
    for (const auto& [pattern, offset] : scenario_.clocks.fixed_offsets)
        for (net::node_id n : select_all(topo_, {pattern}))
            replicas_[n].clock = net::physical_clock(offset, 0.0);
    if (client_server()) {
        versions_.push_back({initial_, 0, 0, 0, 0, {}, {}});
        synced_counts_[0] = static_cast<std::uint32_t>(nodes - 1);
        next_expected_.assign(nodes, 1);
        reorder_.resize(nodes);
    }
}

std::vector<net::timed_fault> world::resolve_faults() const {
    std::vector<net::timed_fault> timeline;
    for (const fault_config& f : scenario_.faults) {
        net::fault_action action;
        action.kind = f.kind;
        for (const auto& group : f.groups)
            action.groups.push_back(select_all(topo_, group));
        action.nodes = select_all(topo_, f.nodes);
        timeline.push_back({f.at_ns, action});
        if (f.heal_ns) {
            net::fault_action heal;
            heal.kind = net::fault_kind::heal;
            timeline.push_back({*f.heal_ns, heal});
        }
        if (f.restart_ns) {
            net::fault_action restart = action;
            restart.kind = net::fault_kind::restart;
            timeline.push_back({*f.restart_ns, restart});
        }
    }
    return timeline;
}

void world::schedule_first_operations() {
    const double mean_gap = static_cast<double>(ns_per_s) / scenario_.workload.rate_per_client;
    for (replica& r : replicas_) {
        if (!r.issues_operations)
            continue;
        const time_ns gap = saturating_time(exponential(r.workload_stream, mean_gap));
        if (gap < scenario_.duration_ns)
            sim_.schedule_at(gap, operation_kind_, r.node, 0);
    }
}

void world::handle(engine& sim, const event& e) {
    if (e.kind == operation_kind_) {
        replica& r = replicas_[e.entity];
        const double mean_gap = static_cast<double>(ns_per_s) / scenario_.workload.rate_per_client;
        const time_ns gap = saturating_time(exponential(r.workload_stream, mean_gap));
        on_operation(r);
        if (saturating_add(sim.now(), gap) < scenario_.duration_ns)
            sim.schedule_after(gap, operation_kind_, r.node, 0);
    } else if (e.kind == retry_kind_) {
        on_retry(replicas_[e.entity]);
    } else if (e.kind == gossip_kind_) {
        gossip_round(replicas_[e.entity]);
        if (saturating_add(sim.now(), scenario_.topology.gossip_interval_ns) <= end_ns_)
            sim.schedule_after(scenario_.topology.gossip_interval_ns, gossip_kind_, e.entity, 0);
    } else if (e.kind == sample_kind_) {
        sample();
        const bool quiet = sim.pending() == 0 && net_->held_count() == 0;
        if (sim.now() < end_ns_ && !(quiet && sim.now() >= scenario_.duration_ns))
            sim.schedule_after(scenario_.sample_interval_ns, sample_kind_, 0, 0);
    }
}

// "partition [server-0 client-0 client-1] [client-2 client-3]", "crash client-2".
std::string world::fault_detail(const net::fault_action& action) const {
    std::string text = net::to_string(action.kind);
    for (const auto& group : action.groups) {
        text += " [";
        for (std::size_t i = 0; i < group.size(); ++i)
            text += (i == 0 ? "" : " ") + topo_.name(group[i]);
        text += "]";
    }
    for (net::node_id n : action.nodes)
        text += " " + topo_.name(n);
    return text;
}

void world::on_fault(engine& sim, const net::fault_action& action) {
    const bool down = action.kind == net::fault_kind::crash;
    const bool back = action.kind == net::fault_kind::restart;
    if (trace_)
        trace_->record({sim.now(), trace_kind::fault, 0, 0, 0, 0, fault_detail(action), {}, {}});
    if (!down && !back)
        return;
    for (net::node_id n : action.nodes) {
        replicas_[n].up = back;
        convergence_.set_live(n, back, sim.now());
    }
}

} // namespace immersim::run_detail
