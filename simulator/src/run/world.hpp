// One run's world: the topology, the network, clocks, faults, the replicas and the
// strategy under test, wired to one engine. Client-server (servers >= 1): server-0
// is the authority; clients edit local copies, send changes to it, and adopt the
// versions it broadcasts (further servers are followers that only adopt them).
// Peer to peer (servers = 0), and CRDTs in both: every replica integrates every
// change itself. The oracle and the intent ledger watch all of it the same way
// for every strategy.
#pragma once

#include "convergence_tracker.hpp"
#include "intent_ledger.hpp"

#include "immersim/engine/engine.hpp"
#include "immersim/metrics/causality_oracle.hpp"
#include "immersim/net/clocks.hpp"
#include "immersim/net/faults.hpp"
#include "immersim/net/network.hpp"
#include "immersim/run/run_result.hpp"
#include "immersim/run/run_spec.hpp"
#include "immersim/run/trace.hpp"
#include "immersim/strategies/strategy.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace immersim::run_detail {

using strategies::change;

struct replica {
    replica(net::node_id id, generator workload, generator strategy)
        : node(id), workload_stream(workload), strategy_stream(strategy) {}

    net::node_id node = 0;
    bool issues_operations = false; // clients do; servers do not
    bool up = true;
    state::value doc;               // the state this replica shows
    std::unique_ptr<strategies::replica_book> book;
    // Client-server: the authority's version this replica last adopted, and its own
    // changes not yet in it (oldest first).
    std::uint64_t synced_version = 0;
    std::deque<std::uint64_t> pending;
    // OCC: the change awaiting a verdict, and intents queued behind it.
    std::optional<std::uint64_t> in_flight;
    bool retry_scheduled = false; // a duplicated reject must not schedule a second retry
    std::deque<std::uint64_t> queued_intents;
    generator workload_stream;
    generator strategy_stream;
    net::physical_clock clock;
    net::lamport_clock lamport;
    net::hybrid_logical_clock hlc;
    std::vector<std::uint8_t> seen; // op-based: changes already integrated, by id
    // Gossip: the changes this replica has, in the order it got them, and how much
    // of that it has pushed to each peer.
    std::vector<std::uint64_t> log;
    std::vector<std::size_t> pushed;
};

// A change the oracle is told of: its node and that node's own count at it.
struct known_change {
    std::uint32_t writer = 0;
    std::uint64_t count = 0;
};

// One processed change at the authority: a version.
struct version_entry {
    state::value doc;
    std::uint64_t change = 0;
    std::uint32_t writer = 0;
    std::uint64_t writer_count = 0; // the writer's own count at that change
    std::uint64_t lamport = 0;
    net::hlc_timestamp hlc;
    // Changes the authority rejected after the previous version and before this
    // one: processed before it, so a client adopting it learns of them too.
    std::vector<known_change> rejected_before;
};

// What a message carries; messages name one of these by index.
struct payload {
    enum class kind : std::uint8_t { commit, sync, reject, operation, gossip } what;
    std::uint64_t change = 0;
    std::uint64_t version = 0;
};

// The strategy's metadata over the replicas, now.
struct metadata_usage {
    std::uint64_t total = 0;
    std::uint64_t largest_replica = 0;
};

// What the oracle makes of one integration's decisions.
struct judgement {
    std::uint32_t overwritten = 0;
    std::uint32_t causality_violations = 0;
};

struct totals {
    std::uint64_t operations = 0, failed_intents = 0;
    std::uint64_t applied = 0, overwritten = 0, causality_violations = 0;
    std::uint64_t auto_merged = 0, merge_conflicts = 0, kept_both = 0;
    std::uint64_t committed = 0, retried = 0, aborted = 0, surfaced = 0;
};

class world final : public event_handler,
                    public net::message_receiver,
                    public net::fault_observer {
public:
    world(const run_spec& spec, trace_sink* trace);
    ~world() override;

    run_result run();

    void handle(engine& sim, const event& e) override;
    void deliver(engine& sim, const net::message& m) override;
    void on_fault(engine& sim, const net::fault_action& action) override;

private:
    // setup (world_setup.cpp)
    void build_topology();
    void build_replicas();
    std::vector<net::timed_fault> resolve_faults() const;
    std::string fault_detail(const net::fault_action& action) const;
    void schedule_first_operations();

    // local edits (world_edits.cpp)
    void on_operation(replica& r);
    void start_intent(replica& r, std::uint64_t intent_id);
    std::optional<std::uint64_t> make_change(replica& r, std::uint64_t intent_id,
                                             std::uint32_t attempt);
    void publish(replica& r, std::uint64_t change_id);
    void on_retry(replica& r);

    // client-server (world_authority.cpp)
    void authority_receive(std::uint64_t change_id);
    void authority_process(const change& c);
    void broadcast_version(std::uint64_t version);
    void adopt_version(replica& r, std::uint64_t version);
    void rebase(replica& r);
    void on_reject(replica& r, std::uint64_t change_id, std::uint64_t version);
    void finish_intent(replica& r);

    // op-based (world_edits.cpp)
    void integrate_operation(replica& r, std::uint64_t change_id, bool count_outcome);
    void gossip_round(replica& r); // pushes to one random peer what it lacks from r

    // bookkeeping (world_metrics.cpp)
    void set_doc(replica& r, state::value doc);
    judgement judge(const change& c, const strategies::outcome& o) const;
    void count(const strategies::outcome& o, const judgement& j);
    void note_visible(std::uint64_t change_id);
    void sample();
    metadata_usage measure_metadata(); // also raises metadata_peak_
    run_result collect(const run_outcome& outcome, double wall_s);
    std::uint32_t send(net::node_id from, net::node_id to, payload p, std::uint32_t bytes);
    std::uint64_t traced_change(const payload& p) const;
    state::value adopt(const state::value& v) const;
    strategies::stamp stamp_now(replica& r);
    const version_entry& version_at(std::uint64_t v) const;

    bool offline(const replica& r) const;
    bool client_server() const { return spec_.world->topology.servers > 0; }
    bool op_based() const { return strategy_->op_based() || !client_server(); }

    run_spec spec_;
    const scenario& scenario_;
    // This run's own copy of the initial state: the scenario's is shared by runs on
    // other threads, and state nodes are reference-counted without atomics.
    state::value initial_;
    trace_sink* trace_;
    engine sim_;
    net::topology topo_;
    std::unique_ptr<net::network> net_;
    std::unique_ptr<net::fault_schedule> faults_;
    std::unique_ptr<strategies::strategy> strategy_;
    metrics::causality_oracle oracle_;
    std::vector<replica> replicas_;
    std::vector<change> changes_;
    std::vector<std::uint64_t> change_intent_; // change id -> intent id
    std::vector<payload> payloads_;
    std::vector<std::vector<std::uint64_t>> gossip_batches_; // change ids per gossip message
    generator gossip_stream_;
    workload::intent_source intents_;
    std::vector<std::vector<std::pair<time_ns, time_ns>>> offline_; // per node
    intent_ledger ledger_;
    convergence_tracker convergence_;
    totals totals_;

    // the authority (client-server)
    std::deque<version_entry> versions_; // versions_[0] is version first_version_
    std::uint64_t first_version_ = 0;
    std::uint64_t version_ = 0;
    std::vector<std::uint64_t> processed_at_; // change id -> version that processed it (0: not yet)
    std::vector<std::uint64_t> next_expected_; // per node: the next own count to process
    std::vector<std::map<std::uint64_t, std::uint64_t>> reorder_; // per node: count -> change
    std::map<std::uint64_t, std::uint32_t> synced_counts_; // followers per adopted version
    std::deque<std::pair<std::uint64_t, time_ns>> awaiting_visibility_; // (version, created)
    std::vector<known_change> rejected_since_version_;                  // go into the next version

    // op-based
    std::vector<std::uint32_t> integrated_count_; // change id -> replicas that have it

    std::vector<double> visibility_ms_;
    std::vector<double> commit_latency_ms_;
    std::vector<run_sample> samples_;
    std::uint64_t metadata_peak_ = 0;
    time_ns last_write_ns_ = 0;
    time_ns end_ns_ = 0;

    event_kind operation_kind_ = 0;
    event_kind retry_kind_ = 0;
    event_kind sample_kind_ = 0;
    event_kind gossip_kind_ = 0;
};

} // namespace immersim::run_detail
