// A replication protocol: how replicas' changes reach one another. It receives a
// client's intents, the messages for its replicas and the timers it set; it turns
// intents into changes, asks the strategy to integrate them where the protocol
// says, and decides what to send. The run assembles a protocol with the engine,
// the network, the replicas and the strategy, and drives it; it never needs to
// know which protocol or which strategy runs.
//
// Three protocols (make_protocol picks one from the topology and the strategy):
//   client_server  the authority (server-0) orders changes into versions; clients
//                  adopt versions and replay their own unconfirmed changes on top
//   op_broadcast   every replica integrates every change itself: sent to every
//                  peer, or through server-0, which relays
//   gossip         peer-to-peer anti-entropy: each round, a replica pushes to one
//                  random peer the changes it has that the peer lacks
#pragma once

#include "change_log.hpp"
#include "immersim/engine/engine.hpp"
#include "immersim/scenario/scenario.hpp"
#include "payload.hpp"
#include "replica.hpp"
#include "watcher.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace immersim::replication {

using strategies::change;

// What a protocol works with; all owned by the run, which outlives the protocol.
struct protocol_context {
    engine& sim;
    strategies::strategy& strategy;
    watcher& watch;
    message_sender& sender;
    std::vector<replica>& replicas;
    change_log& changes; // every change made, by id (messages name them)
    bool structural_sharing = true;
    event_kind timer_kind = 0; // the engine's kind for this protocol's timers
    bool explain = false;      // ask the strategy why it decides (a trace is kept)
    // The document these replicas hold: the payload of this protocol's timers, so
    // the run hands each timer back to the document that set it.
    std::uint32_t document = 0;
};

class protocol {
public:
    explicit protocol(const protocol_context& ctx) : ctx_(ctx) {}
    virtual ~protocol() = default;
    protocol(const protocol&) = delete;
    protocol& operator=(const protocol&) = delete;

    // Once, after the first operations are scheduled: the protocol's first timers.
    virtual void start() {}
    // Client `r`'s user wants `what` (the run's intent `intent_id`).
    virtual void on_intent(replica& r, std::uint64_t intent_id, const workload::intent& what) = 0;
    // A message for `r` arrived; `bytes` is its size on the wire.
    virtual void on_message(replica& r, const payload& p, std::uint32_t bytes) = 0;
    // A timer this protocol set for `r` went off.
    virtual void on_timer(replica& /*r*/) {}
    // The bytes this protocol keeps at `r` to deliver changes (version numbers,
    // version vectors, queues of change ids, logs to forward), by the formulas in
    // docs/metrics.md; not the documents, not the strategy's metadata.
    virtual std::uint64_t delivery_metadata_bytes(const replica& r) const = 0;
    // States the protocol keeps besides the replicas' (the authority's versions),
    // for the memory measurement.
    virtual void retained_states(std::vector<state::value>& /*roots*/) const {}

protected:
    // Runs the intent on `r`'s state and records the change, or none when the
    // intent does not apply or changes nothing.
    std::optional<std::uint64_t> make_change(replica& r, std::uint64_t intent_id,
                                             const workload::intent& what, std::uint32_t attempt,
                                             std::uint64_t base_version);
    // `r` shows `doc` (a deep copy of it when the scenario turns sharing off).
    void show(replica& r, const state::value& doc);
    void show_as_is(replica& r, state::value doc);
    void show_deep_copy(replica& r, const state::value& doc);
    // The bytes a change takes on the wire.
    static std::uint32_t change_bytes(const change& c);
    // Lets go of a change's states, patches and places once nothing reads them
    // again (the authority has settled it; clients replay its intent, not its
    // states), so that a run's memory follows what is live, not its length. Its
    // ids, intent, stamps and attempt stay.
    void release_contents(std::uint64_t change_id);
    // Lets go of its intent too, once its own client is done with it: it adopted
    // a version that holds it, gave it up, or retried it as a new change (no
    // replay and no retry reads it again). With both let go, the change log lets
    // the record go.
    void release_intent(std::uint64_t change_id);

    protocol_context ctx_;
};

// Inline: nearly every delivery shows a state, and with sharing on that is one
// reference taken and the watcher told (out of line, two calls and a copy moved
// into show_as_is took about 50 instructions a delivery).
inline void protocol::show(replica& r, const state::value& doc) {
    if (!ctx_.structural_sharing) [[unlikely]] {
        show_deep_copy(r, doc);
        return;
    }
    r.doc = doc;
    ctx_.watch.shown(r);
}

// The node every change goes through, when the protocol for this topology and
// strategy has one (client-server: server-0); none for op_broadcast and gossip.
std::optional<net::node_id> authority_of(const topology_config& topology,
                                         const strategies::strategy& strategy);

// The protocol for this topology and strategy. `initial` is the authority's first
// version (client-server); gossip draws its peers from `gossip_stream` and keeps
// its rounds going until `end_ns`.
std::unique_ptr<protocol> make_protocol(const protocol_context& ctx,
                                        const topology_config& topology,
                                        const state::value& initial, generator gossip_stream,
                                        time_ns end_ns);

} // namespace immersim::replication
