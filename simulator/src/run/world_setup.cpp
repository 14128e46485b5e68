// Assembling a run's world from its scenario: topology, network, clocks, replicas,
// faults, the strategy and its replication protocol, and the first operations.
#include "immersim/net/topology_import.hpp"
#include "immersim/state/memory.hpp"
#include "immersim/support/assert.hpp"
#include "world.hpp"

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
      trace_(trace), sim_(spec.seed), intents_(scenario_.workload) {
    build_topology();
    strategy_ = strategies::make_strategy(scenario_.compare.at(spec.strategy),
                                          strategies::merge_functions_for_runs());
    observers_ = std::make_unique<observers>(
        sim_, topo_.node_count(), replication::authority_of(scenario_.topology, *strategy_),
        trace_);
    net_ = std::make_unique<net::network>(sim_, topo_, spec.seed);
    net_->set_receiver(this);
    // Kinds are numbered in registration order and enter the digest, so every run
    // registers them all, in this order, whichever protocol uses "retry" (client-
    // server) or "gossip".
    operation_kind_ = sim_.register_handler("operation", *this);
    retry_kind_ = sim_.register_handler("retry", *this);
    sample_kind_ = sim_.register_handler("sample", *this);
    build_replicas();
    faults_ = std::make_unique<net::fault_schedule>(sim_, *net_, resolve_faults(),
                                                    scenario_.nemesis, spec.seed);
    faults_->set_observer(this);
    gossip_kind_ = sim_.register_handler("gossip", *this);
    end_ns_ = scenario_.duration_ns + scenario_.drain_ns;
    build_protocol();
    schedule_first_operations();
    sim_.schedule_at(0, sample_kind_, 0, 0);
    protocol_->start();
}

world::~world() = default;

void world::build_topology() {
    const topology_config& t = scenario_.topology;
    if (!t.file.empty()) { // read by the loader, servers first
        for (const topology_config::file_node& n : t.file_nodes)
            topo_.add_node(n.name, n.server ? net::node_role::server : net::node_role::client);
        for (const topology_config::file_link& l : t.file_links)
            topo_.add_link(l.a, l.b, l.config);
        return;
    }
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
        r.doc = scenario_.state.sharing ? initial_ : state::deep_copy(initial_);
        r.book = strategy_->new_book(initial_);
        replicas_.push_back(std::move(r));
        observers_->joined(replicas_.back());
    }
    offline_.resize(nodes);
    for (const workload::offline_period& p : scenario_.workload.offline)
        for (net::node_id n : select_all(topo_, {p.clients}))
            offline_[n].emplace_back(p.from_ns, p.until_ns);
    for (const auto& [pattern, offset] : scenario_.clocks.fixed_offsets)
        for (net::node_id n : select_all(topo_, {pattern}))
            replicas_[n].clock = net::physical_clock(offset, 0.0);
    if (trace_) {
        std::vector<trace_sink::node_facts> per_node;
        for (const replica& r : replicas_)
            per_node.push_back({r.clock, topo_.role(r.node) == net::node_role::server});
        trace_->nodes(per_node);
    }
}

void world::build_protocol() {
    const topology_config& t = scenario_.topology;
    const replication::protocol_context ctx{sim_,
                                            *strategy_,
                                            *observers_,
                                            *this,
                                            replicas_,
                                            changes_,
                                            scenario_.state.sharing,
                                            t.gossip ? gossip_kind_ : retry_kind_,
                                            trace_ != nullptr};
    protocol_ = replication::make_protocol(
        ctx, t, initial_, generator::stream(spec_.seed, stream_purpose::gossip, 0), end_ns_);
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

} // namespace immersim::run_detail
