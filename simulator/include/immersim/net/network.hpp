// The simulated network: carries messages between nodes of a topology over
// shortest routes, with per-link latency, jitter, loss, duplication, reordering
// and bandwidth, and suffers partitions, one-way cuts, isolation, crashes and link
// degradation. Every decision draws from per-link random streams, so the same seed
// gives the same deliveries.
#pragma once

#include "immersim/engine/engine.hpp"
#include "immersim/net/pair_table.hpp"
#include "immersim/net/topology.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

namespace immersim::net {

// reliable: never lost. Losses cost a retransmission delay; while the path is cut
//           or the target is down the message is held by the sender and delivered
//           after heal or restart, one retransmission delay later.
// unreliable: dropped when lost, cut or addressed to a crashed node.
enum class channel : std::uint8_t { reliable, unreliable };

struct message {
    std::uint64_t id = 0;      // unique per network, in send order
    std::uint64_t body = 0;    // the sender's own reference to the content
    time_ns sent_at = 0;
    node_id source = 0;
    node_id target = 0;
    std::uint32_t size_bytes = 0;
    channel kind = channel::reliable;
    bool duplicate = false;    // true for the extra copy of a duplicated message
};

// A message in flight travels inside its delivery event (event_data), so it must
// fit there: 40 bytes.
static_assert(sizeof(message) == event_data_bytes);

// Receives what the network delivers. Called from within the engine's event loop.
class message_receiver {
public:
    virtual ~message_receiver() = default;
    virtual void deliver(engine& sim, const message& m) = 0;
};

struct network_counters {
    std::uint64_t sent = 0;
    std::uint64_t delivered = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t dropped_loss = 0;      // unreliable messages lost on a link
    std::uint64_t dropped_partition = 0; // unreliable messages across a cut
    std::uint64_t dropped_crash = 0;     // unreliable messages to or from a crashed node
    std::uint64_t retransmitted = 0;     // reliable messages that paid a retransmission
    std::uint64_t held = 0;              // reliable messages held at some point
    std::uint64_t bytes_sent = 0;
    std::uint64_t bytes_delivered = 0;
};

struct network_options {
    // What a retransmission costs a reliable message (the sender's timeout).
    time_ns retransmit_delay_ns = 200 * ns_per_ms;
    // Bound on retransmissions after losses; with loss < 1 it is never reached in
    // practice, and reaching it is a programmer error (loss = 1 on a reliable path).
    int max_retransmissions = 1000;
};

class network final : public event_handler {
public:
    // Takes the links' configurations as they are now; a link changes afterwards
    // through degrade_link and restore_link (the topology's routes are read live).
    network(engine& sim, topology& topo, std::uint64_t seed, network_options options = {});

    void set_receiver(message_receiver* receiver) { receiver_ = receiver; }

    // Sends a message now; returns its id. Sending from a crashed node is dropped.
    std::uint64_t send(node_id from, node_id to, std::uint32_t size_bytes, channel kind,
                       std::uint64_t body);
    // The same message to each of `to` (not empty), in that order, with ids in a
    // run from the one returned: send() is this with one target, so a broadcast
    // takes the same ids, draws and events as sending one by one.
    std::uint64_t send_to_each(node_id from, std::span<const node_id> to, std::uint32_t size_bytes,
                               channel kind, std::uint64_t body);

    // --- faults -------------------------------------------------------------------
    // Cuts every link between nodes of different groups, both ways. Nodes in no
    // group form one more group together.
    void partition(const std::vector<std::vector<node_id>>& groups);
    // Cuts every link of one node, both ways.
    void isolate(node_id n);
    // Cuts the links from nodes in `from` to nodes in `to`, in that direction only.
    void cut_one_way(const std::vector<node_id>& from, const std::vector<node_id>& to);
    // Removes every cut; held reliable messages are sent again.
    void heal();
    void crash(node_id n);
    void restart(node_id n);
    // Replaces a link's configuration until restore_link.
    void degrade_link(link_id l, const link_config& worse);
    void restore_link(link_id l);

    bool is_up(node_id n) const { return up_[n] != 0; }
    // True when a message from `from` could reach `to` now (directed reachability
    // over uncut links, both ends up).
    bool reachable(node_id from, node_id to) const;
    // Connected components of the uncut links (cuts in either direction count).
    std::uint32_t component_count() const;

    const network_counters& counters() const { return counters_; }
    std::size_t in_flight() const { return in_flight_count_; }
    std::size_t held_count() const { return held_.size(); }
    const topology& topo() const { return topo_; }

    void handle(engine& sim, const event& e) override;

private:
    // The least fan-out sent to the engine as one batch (engine::begin_batch).
    // A batch pays where the heap is deep: a broadcast to 999 clients ran 8%
    // faster batched, one to 299 the same, and documents of 100 clients (fan-outs
    // of 99, each document's queue small) 5% slower at 100,000 clients. A batch
    // also holds its storage until its last arrival, about three times as long as
    // its average event is pending: 19% more peak memory in that run.
    static constexpr std::size_t min_batch = 256;

    // What a message reads of each link it crosses, 48 bytes: its own random
    // stream and its configuration, shared by all links configured alike (a
    // star's million links read one), so a trip touches one line per hop, not
    // five (a 128-byte record and the topology's own copy of the configuration).
    struct link_state {
        generator stream;
        const link_config* config; // now: the usual one, or the degraded one
        const link_config* usual;  // one of configs_
    };

    bool hop_blocked(link_id l, bool reverse) const;
    // The pair's entry with its route as the cuts are now (hops: unreachable when
    // there is none). Valid until the next lookup of another pair.
    // Inline, with the search out of line: every send looks its pair up, and as a
    // call that may build a std::function it saved and restored six registers on
    // each (about 23 instructions a message on the 1,000-client bench scenario).
    pair_table::entry& current_route(node_id from, node_id to) const {
        pair_table::entry& pair = pairs_.at(from, to);
        if (pair.hops == pair_table::entry::unknown) [[unlikely]]
            find_route(pair, from, to);
        return pair;
    }
    [[gnu::noinline]] void find_route(pair_table::entry& pair, node_id from, node_id to) const;
    struct trip {
        std::optional<time_ns> delay; // nothing when an unreliable message is lost on the way
        bool fifo = true;             // every hop keeps order
        double single = 1.0;          // the chance that no hop duplicates the message
    };
    // Samples the trip, reading each hop's configuration once. Inlined into the
    // send (its call saved six registers per message); a duplicate's second trip,
    // rare, takes the out-of-line copy.
    [[gnu::always_inline]] inline trip sample_trip(std::span<const hop> route, const message& m);
    [[gnu::noinline]] trip sample_duplicate_trip(std::span<const hop> route, const message& copy);
    void dispatch(const message& m, time_ns extra_delay);
    void schedule_arrival(const message& m, time_ns arrival);
    // The target is down or cut off: a reliable message waits, an unreliable one is
    // dropped (and counted by cause).
    void undeliverable(const message& m);
    void hold(message m);
    void release_held();
    void faults_changed();

    engine& sim_;
    topology& topo_;
    network_options options_;
    event_kind deliver_kind_;
    message_receiver* receiver_ = nullptr;
    std::vector<link_state> links_;
    std::deque<link_config> configs_;         // distinct, in link order (addresses stay)
    std::map<link_id, link_config> degraded_; // the links a fault degrades now
    // Bytes, not std::vector<bool>: every send and delivery reads it, and a
    // bit's word and mask cost seven instructions where a byte costs one load.
    std::vector<std::uint8_t> up_;
    // Two bits per link: direction a->b cut, direction b->a cut.
    std::vector<std::uint8_t> cut_;
    bool any_cut_ = false;
    // Message ids count per causal domain (the engine's lanes: a document;
    // domain_number.hpp). Lane 0 counts with domain 0.
    std::uint64_t next_id();
    std::uint32_t lane_of(const message& m) const;
    std::vector<std::uint64_t> next_ids_;
    std::size_t in_flight_count_ = 0; // messages travel inside their delivery events
    std::deque<message> held_;
    // Per (source, target): the current route, forgotten when faults change, and
    // the latest arrival, for FIFO delivery. Looked up, never iterated.
    mutable pair_table pairs_;
    network_counters counters_;
};

} // namespace immersim::net
