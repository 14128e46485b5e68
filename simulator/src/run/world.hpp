// One run's world: it assembles the engine, the topology and network, the faults,
// and the documents (document.hpp): each with its replicas, the strategy under
// test, the replication protocol that moves their changes, and the observers that
// measure it all; and it drives them. It does not know which strategy or which
// protocol runs: the protocol (replica/) decides what replicas do, the strategy how
// changes are integrated, the observers what it all amounts to.
#pragma once

#include "document.hpp"
#include "immersim/engine/engine.hpp"
#include "immersim/net/faults.hpp"
#include "immersim/net/network.hpp"
#include "immersim/run/document_plan.hpp"
#include "immersim/run/run_result.hpp"
#include "immersim/run/run_spec.hpp"
#include "immersim/run/trace.hpp"

#include <memory>
#include <vector>

namespace immersim::run_detail {

// The strategy's metadata over the replicas, now.
struct metadata_usage {
    std::uint64_t total = 0;
    std::uint64_t largest_replica = 0;
};

class world final : public event_handler,
                    public net::message_receiver,
                    public net::fault_observer,
                    public document_mail {
public:
    world(const run_spec& spec, trace_sink* trace);
    ~world() override;

    run_result run();

    void handle(engine& sim, const event& e) override;
    void deliver(engine& sim, const net::message& m) override;
    void on_fault(engine& sim, const net::fault_action& action) override;
    void send(std::uint32_t doc, net::node_id from, net::node_id to, const replication::payload& p,
              std::uint32_t bytes) override;
    void send_to_each(std::uint32_t doc, net::node_id from, std::span<const net::node_id> to,
                      const replication::payload& p, std::uint32_t bytes) override;

private:
    // The body of a message carrying `p` in document `doc`, `copies` of it sent:
    // consecutive sends of one payload share its entry in the window.
    std::uint64_t body_for(std::uint32_t doc, const replication::payload& p, std::uint32_t copies);
    // assembly (world_setup.cpp)
    bool documents_run_apart() const;
    // New events belong to document `doc`'s lane of the engine.
    void enter_lane(std::uint32_t doc) { sim_.enter_lane(doc + 1); }
    void build_topology();
    void build_documents();
    void build_replicas(document& d, const std::vector<net::physical_clock>& clocks);
    void build_protocol(document& d);
    void trace_nodes(const std::vector<net::physical_clock>& clocks);
    // Whether the trace follows document `doc`, and what it calls node n there
    // (a member of it): its local number, or its own when every document is followed.
    bool traces(std::uint32_t doc) const { return trace_ && (trace_all_ || doc == traced_doc_); }
    std::uint32_t trace_number(net::node_id n, std::uint32_t doc) const {
        return trace_all_ ? n : places_.local_in(n, doc);
    }
    // The traced document's number for node n, if n is one of its members (every
    // node is, under its own number, when every document is followed).
    std::optional<std::uint32_t> traced_local(net::node_id n) const;
    std::vector<net::timed_fault> resolve_faults() const;
    void schedule_first_operations();

    // events (world_events.cpp)
    void on_operation(net::node_id n);
    bool offline(net::node_id n) const;
    std::string fault_detail(const net::fault_action& action) const;
    std::vector<std::uint32_t> struck_nodes(const net::fault_action& action) const;
    // Each replica of node n (a server has one per document it hosts).
    template <typename F>
    void for_replicas_of(net::node_id n, F&& f);
    // Each document someone edits, in document order.
    template <typename F>
    void for_documents(F&& f) const {
        for (const auto& d : docs_)
            if (d)
                f(*d);
    }

    // measurement (world_metrics.cpp)
    void sample();
    metadata_usage measure_metadata(); // also raises metadata_peak_
    std::vector<state::value> memory_roots() const;
    void report_documents(run_result& out);
    run_result collect(const run_outcome& outcome, double wall_s);
    run_outcome run_under_memory_cap();

    run_spec spec_;
    const scenario& scenario_;
    // This run's own copy of the initial state: the scenario's is shared by runs on
    // other threads.
    state::value initial_;
    trace_sink* trace_;
    engine sim_;
    net::topology topo_;
    document_plan plan_;
    node_places places_;
    std::unique_ptr<net::network> net_;
    std::unique_ptr<net::fault_schedule> faults_;
    run_log log_;
    std::vector<std::unique_ptr<document>> docs_; // by document; none where no one edits
    // The document a trace follows: the first one edited (with one document, the
    // world, and its members are every node in order).
    std::uint32_t traced_doc_ = 0;
    bool trace_all_ = false; // the trace follows every document
    bool keep_payloads_ = false; // links duplicate: payloads are kept (document.hpp)
    workload::intent_source intents_;
    std::vector<std::vector<std::pair<time_ns, time_ns>>> offline_; // per node
    std::vector<run_sample> samples_;
    std::uint64_t metadata_peak_ = 0;
    time_ns end_ns_ = 0;

    event_kind operation_kind_ = 0;
    event_kind retry_kind_ = 0;
    event_kind sample_kind_ = 0;
    event_kind gossip_kind_ = 0;
};

template <typename F>
void world::for_replicas_of(net::node_id n, F&& f) {
    for (const node_places::place& at : places_.of(n)) {
        document& d = *docs_[at.document];
        f(d, d.replicas[at.local]);
    }
}

} // namespace immersim::run_detail
