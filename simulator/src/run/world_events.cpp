// Driving the run: the users' operations, timers and messages go to the protocol;
// faults take replicas down and bring them back.
#include "world.hpp"

#include <algorithm>

namespace immersim::run_detail {

void world::handle(engine& sim, const event& e) {
    if (e.kind == operation_kind_) {
        on_operation(e.entity);
    } else if (e.kind == retry_kind_ || e.kind == gossip_kind_) {
        document& d = *docs_[e.payload]; // the protocol's timers carry their document
        d.protocol->on_timer(d.replicas[e.entity]);
    } else if (e.kind == sample_kind_) {
        sample();
        const bool quiet = sim.pending() == 0 && net_->held_count() == 0;
        if (sim.now() < end_ns_ && !(quiet && sim.now() >= scenario_.duration_ns))
            sim.schedule_after(scenario_.sample_interval_ns, sample_kind_, 0, 0);
    }
}

bool world::offline(net::node_id n) const {
    for (const auto& [from, until] : offline_[n])
        if (sim_.now() >= from && sim_.now() < until)
            return true;
    return false;
}

// Client n's user acts: an intent on the document it edits, and the next
// operation drawn.
void world::on_operation(net::node_id n) {
    for_replicas_of(n, [&](document& d, replica& r) {
        const double mean_gap = static_cast<double>(ns_per_s) / scenario_.workload.rate_per_client;
        const time_ns gap = saturating_time(exponential(r.workload_stream, mean_gap));
        const workload::intent what = intents_.draw(r.workload_stream); // drawn even when idle,
        if (r.up && !offline(n))                                        // so draws stay aligned
            d.protocol->on_intent(r, d.watch->issue(what), what);
        if (saturating_add(sim_.now(), gap) < scenario_.duration_ns)
            sim_.schedule_after(gap, operation_kind_, n, 0);
    });
}

std::uint64_t world::body_for(std::uint32_t doc, const replication::payload& p,
                              std::uint32_t copies) {
    payload_window& w = docs_[doc]->in_flight;
    if (w.payloads.empty() || !(w.payloads.back() == p)) { // a broadcast's share one
        w.payloads.push_back(p);
        w.undelivered.push_back(0);
    }
    w.undelivered.back() += copies;
    return domain_number::make(doc, w.base + w.payloads.size() - 1);
}

void world::send(std::uint32_t doc, net::node_id from, net::node_id to,
                 const replication::payload& p, std::uint32_t bytes) {
    const std::uint64_t body = body_for(doc, p, 1);
    const std::uint64_t id = net_->send(from, to, bytes, net::channel::reliable, body);
    if (traces(doc)) {
        trace_record r{sim_.now(),
                       trace_kind::send,
                       trace_number(from, doc),
                       trace_number(to, doc),
                       id,
                       p.change,
                       describe(p),
                       {},
                       {}};
        r.bytes = bytes;
        r.document = doc;
        trace_->record(r);
    }
}

// A broadcast: one payload shared by every copy, as consecutive sends share it.
// A traced document sends one by one, so that each message gets its record.
void world::send_to_each(std::uint32_t doc, net::node_id from, std::span<const net::node_id> to,
                         const replication::payload& p, std::uint32_t bytes) {
    if (traces(doc) || to.empty()) {
        for (const net::node_id target : to)
            send(doc, from, target, p, bytes);
        return;
    }
    const std::uint64_t body = body_for(doc, p, static_cast<std::uint32_t>(to.size()));
    net_->send_to_each(from, to, bytes, net::channel::reliable, body);
}

void world::deliver(engine& sim, const net::message& m) {
    const std::uint32_t doc = domain_number::domain_of(m.body);
    document& d = *docs_[doc];
    payload_window& w = d.in_flight;
    const std::uint64_t index = domain_number::count_of(m.body) - w.base;
    const replication::payload p = w.payloads.at(index);
    if (!keep_payloads_ && !m.duplicate) {
        --w.undelivered[index];
        // The newest stays: a send equal to it shares it, as it always did (the
        // message bodies, which the digest sees, keep their numbers).
        while (w.undelivered.size() > 1 && w.undelivered.front() == 0) {
            w.payloads.pop_front();
            w.undelivered.pop_front();
            ++w.base;
        }
    }
    const std::uint32_t target = places_.local_in(m.target, doc);
    if (traces(doc)) {
        trace_record r{sim.now(),
                       trace_kind::deliver,
                       trace_all_ ? m.target : target,
                       trace_number(m.source, doc),
                       m.id,
                       p.change,
                       describe(p),
                       {},
                       {}};
        r.bytes = m.size_bytes;
        r.document = doc;
        trace_->record(r);
    }
    d.protocol->on_message(d.replicas[target], p, m.size_bytes);
}

// The nodes a fault strikes, for the trace: a partition's or a cut's sides that
// do not hold server-0 (all sides, peer to peer), the nodes it names otherwise. The
// nodes a partition names in no group are one more side (the network cuts them off
// from every group).
std::vector<std::uint32_t> world::struck_nodes(const net::fault_action& action) const {
    std::vector<std::uint32_t> nodes(action.nodes.begin(), action.nodes.end());
    const bool has_authority = scenario_.topology.servers > 0;
    std::vector<std::vector<net::node_id>> sides = action.groups;
    if (action.kind == net::fault_kind::partition) {
        std::vector<bool> named(topo_.node_count(), false);
        for (const auto& group : action.groups)
            for (net::node_id n : group)
                named[n] = true;
        std::vector<net::node_id> unnamed;
        for (net::node_id n = 0; n < topo_.node_count(); ++n)
            if (!named[n])
                unnamed.push_back(n);
        if (!unnamed.empty())
            sides.push_back(std::move(unnamed));
    }
    for (const auto& group : sides) {
        const bool holds_server = std::find(group.begin(), group.end(), 0) != group.end();
        if (!(has_authority && holds_server))
            nodes.insert(nodes.end(), group.begin(), group.end());
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
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
    if (trace_) {
        std::vector<std::uint32_t> struck; // the traced nodes it struck
        for (net::node_id n : struck_nodes(action))
            if (const auto local = traced_local(n))
                struck.push_back(*local);
        trace_->record({sim.now(),
                        trace_kind::fault,
                        0,
                        0,
                        0,
                        0,
                        fault_detail(action),
                        {},
                        {},
                        {},
                        std::move(struck)});
    }
    if (!down && !back)
        return;
    for (net::node_id n : action.nodes)
        for_replicas_of(n, [&](document& d, replica& r) {
            r.up = back;
            d.watch->set_live(r.node, back);
        });
}

} // namespace immersim::run_detail
