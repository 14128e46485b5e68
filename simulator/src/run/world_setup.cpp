// Assembling a run's world from its scenario: topology, network, clocks, replicas,
// faults, the strategy and its replication protocol, and the first operations.
#include "immersim/net/topology_import.hpp"
#include "immersim/state/memory.hpp"
#include "immersim/support/assert.hpp"
#include "world.hpp"

#include <algorithm>

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
      trace_(trace), sim_(spec.seed), plan_(plan_documents(scenario_, spec.seed)), places_(plan_),
      intents_(scenario_.workload) {
    if (const auto wanted = trace_ ? trace_->document() : std::nullopt;
        wanted && *wanted < plan_.members.size() && !plan_.members[*wanted].empty())
        traced_doc_ = *wanted;
    while (traced_doc_ + 1 < plan_.members.size() && plan_.members[traced_doc_].empty())
        ++traced_doc_;
    trace_all_ = trace_ && trace_->every_document();
    sim_.set_lanes(static_cast<std::uint32_t>(plan_.members.size()), documents_run_apart());
    build_topology();
    for (std::size_t l = 0; l < topo_.link_count() && !keep_payloads_; ++l)
        keep_payloads_ = topo_.link_at(static_cast<net::link_id>(l)).config.duplicate > 0;
    net_ = std::make_unique<net::network>(sim_, topo_, spec.seed);
    net_->set_receiver(this);
    // Kinds are numbered in registration order and enter the digest, so every run
    // registers them all, in this order, whichever protocol uses "retry" (client-
    // server) or "gossip".
    operation_kind_ = sim_.register_handler("operation", *this);
    retry_kind_ = sim_.register_handler("retry", *this);
    sample_kind_ = sim_.register_handler("sample", *this);
    build_documents();
    faults_ = std::make_unique<net::fault_schedule>(sim_, *net_, resolve_faults(),
                                                    scenario_.nemesis, spec.seed);
    faults_->set_observer(this);
    gossip_kind_ = sim_.register_handler("gossip", *this);
    end_ns_ = scenario_.duration_ns + scenario_.drain_ns;
    for (auto& d : docs_)
        if (d) {
            enter_lane(d->index);
            build_protocol(*d);
        }
    schedule_first_operations();
    sim_.enter_lane(0);
    sim_.schedule_at(0, sample_kind_, 0, 0);
    for (auto& d : docs_)
        if (d) {
            enter_lane(d->index);
            d->protocol->start();
        }
    sim_.enter_lane(0);
}

// Documents run lane by lane (engine.hpp) when nothing they share decides anything
// they do: each client edits one document, and in a star with one server every link
// is one client's, so no random stream, route or FIFO order is shared. A trace keeps
// the single time order, which is what a reader of it expects (the digest and every
// result are the same either way; --one-queue asks for it too, to show that).
bool world::documents_run_apart() const {
    const topology_config& t = scenario_.topology;
    const auto edited = std::count_if(plan_.members.begin(), plan_.members.end(),
                                      [](const auto& members) { return !members.empty(); });
    return scenario_.documents.present() && edited > 1 && t.kind == net::topology_kind::star &&
           t.file.empty() && t.servers == 1 && trace_ == nullptr && !spec_.one_queue;
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

// Every document with its strategy, instruments and replicas; clocks are the
// nodes', so a server's replicas of several documents read the same clock.
void world::build_documents() {
    const std::size_t nodes = topo_.node_count();
    std::vector<net::physical_clock> clocks =
        net::draw_clocks(nodes, scenario_.clocks.offset_ns, scenario_.clocks.drift_ppm, spec_.seed);
    for (const auto& [pattern, offset] : scenario_.clocks.fixed_offsets)
        for (net::node_id n : select_all(topo_, {pattern}))
            clocks[n] = net::physical_clock(offset, 0.0);
    docs_.resize(plan_.members.size());
    for (std::uint32_t i = 0; i < plan_.members.size(); ++i) {
        if (plan_.members[i].empty())
            continue;
        docs_[i] = std::make_unique<document>(i, plan_.members[i], *this);
        document& d = *docs_[i];
        d.strategy = strategies::make_strategy(scenario_.compare.at(spec_.strategy),
                                               strategies::merge_functions_for_runs());
        d.strategy->meet(topo_, d.members);
        if (traces(i))
            d.trace =
                std::make_unique<document_trace>(*trace_, i, trace_all_ ? &d.members : nullptr);
        d.watch = std::make_unique<observers>(
            sim_, d.members.size(), replication::authority_of(scenario_.topology, *d.strategy),
            d.trace.get(), log_);
        build_replicas(d, clocks);
    }
    offline_.resize(nodes);
    for (const workload::offline_period& p : scenario_.workload.offline)
        for (net::node_id n : select_all(topo_, {p.clients}))
            offline_[n].emplace_back(p.from_ns, p.until_ns);
    if (trace_)
        trace_nodes(clocks);
}

void world::build_replicas(document& d, const std::vector<net::physical_clock>& clocks) {
    d.replicas.reserve(d.members.size());
    for (net::node_id local = 0; local < d.members.size(); ++local) {
        const net::node_id n = d.members[local];
        replica r(local, generator::stream(spec_.seed, stream_purpose::workload, n),
                  generator::stream(spec_.seed, stream_purpose::strategy, n));
        r.issues_operations = topo_.role(n) == net::node_role::client;
        r.clock = clocks[n];
        r.doc = scenario_.state.sharing ? initial_ : state::deep_copy(initial_);
        r.book = d.strategy->new_book(initial_);
        d.replicas.push_back(std::move(r));
        d.watch->joined(d.replicas.back());
    }
}

void world::trace_nodes(const std::vector<net::physical_clock>& clocks) {
    std::vector<trace_sink::node_facts> per_node;
    const auto facts = [&](net::node_id n) {
        trace_sink::node_facts f{topo_.name(n), clocks[n], topo_.role(n) == net::node_role::server};
        for (const node_places::place& at : places_.of(n))
            f.documents.push_back(at.document);
        return f;
    };
    if (trace_all_) {
        for (net::node_id n = 0; n < topo_.node_count(); ++n)
            per_node.push_back(facts(n));
        trace_->nodes(per_node);
        return;
    }
    for (net::node_id n : plan_.members[traced_doc_])
        per_node.push_back(facts(n));
    trace_->nodes(per_node);
    trace_->follows(traced_doc_);
}

std::optional<std::uint32_t> world::traced_local(net::node_id n) const {
    if (trace_all_)
        return n;
    for (const node_places::place& at : places_.of(n))
        if (at.document == traced_doc_)
            return at.local;
    return std::nullopt;
}

void world::build_protocol(document& d) {
    const topology_config& t = scenario_.topology;
    const replication::protocol_context ctx{sim_,
                                            *d.strategy,
                                            *d.watch,
                                            d,
                                            d.replicas,
                                            d.changes,
                                            scenario_.state.sharing,
                                            t.gossip ? gossip_kind_ : retry_kind_,
                                            traces(d.index),
                                            d.index};
    d.protocol = replication::make_protocol(
        ctx, t, initial_, generator::stream(spec_.seed, stream_purpose::gossip, d.index), end_ns_);
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

// In node order, each client's first operation (the event's entity is the node).
void world::schedule_first_operations() {
    const double mean_gap = static_cast<double>(ns_per_s) / scenario_.workload.rate_per_client;
    for (net::node_id n = 0; n < topo_.node_count(); ++n) {
        if (topo_.role(n) != net::node_role::client)
            continue;
        for_replicas_of(n, [&](document& d, replica& r) {
            enter_lane(d.index);
            const time_ns gap = saturating_time(exponential(r.workload_stream, mean_gap));
            if (gap < scenario_.duration_ns)
                sim_.schedule_at(gap, operation_kind_, n, 0);
        });
    }
}

} // namespace immersim::run_detail
