// Client-server with an authority: server-0 takes each client's changes in the
// order the client made them, asks the strategy to integrate each into its state,
// and broadcasts every version it makes; further servers are followers that only
// adopt versions. Clients edit their own copy, send each change to the authority,
// and show the latest version they adopted with their unconfirmed changes replayed
// on top. Under an acknowledged strategy (OCC) a client has one change in flight,
// queues its user's further intents behind it, and on a rejection asks the
// strategy whether to try again and when.
#pragma once

#include "immersim/support/assert.hpp"
#include "immersim/support/sliding_window.hpp"
#include "protocol.hpp"

#include <map>
#include <utility>
#include <vector>

namespace immersim::replication {

// One version at the authority.
struct version_entry {
    state::value doc;
    std::uint64_t change = 0; // the change it took in
    std::uint64_t lamport = 0;
    net::hlc_timestamp hlc;
    // Changes refused after the previous version and before this one: processed
    // before it, so a client adopting it learns of them too.
    std::vector<std::uint64_t> rejected_before; // change ids
};

class client_server final : public protocol {
public:
    client_server(const protocol_context& ctx, const state::value& initial);

    void on_intent(replica& r, std::uint64_t intent_id, const workload::intent& what) override;
    void on_message(replica& r, const payload& p, std::uint32_t bytes) override;
    void on_timer(replica& r) override; // a rejected change's retry is due
    void retained_states(std::vector<state::value>& roots) const override;
    // A client: the version it adopted (8) and the ids of its changes not yet in
    // it, pending or in flight (8 each). The authority besides: per node the next
    // count it expects (8), each change waiting for an earlier one (8 + 8), and per
    // retained version its number, change, writer and count (32).
    std::uint64_t delivery_metadata_bytes(const replica& r) const override;

private:
    // What the protocol keeps about one client (or follower).
    struct client {
        std::uint64_t synced_version = 0;       // the latest version it adopted
        // Vectors, not deques: a few entries at most, and an empty deque allocates
        // half a kilobyte, for each of a million clients.
        std::vector<std::uint64_t> pending;     // its changes not in that version, oldest first
        std::optional<std::uint64_t> in_flight; // acknowledged: awaiting a verdict
        bool retry_scheduled = false; // a duplicated reject must not schedule a second retry
        std::vector<std::pair<std::uint64_t, workload::intent>> queued; // intents behind it
    };

    // A replica's record, found from the replica's place in the document rather than
    // from r.node: the address needs no load from the replica, so with many
    // documents the two cache misses of a delivery overlap instead of queueing.
    // (The check reads r.node, but nothing waits on it.)
    std::size_t place_of(const replica& r) const {
        const auto at = static_cast<std::size_t>(&r - ctx_.replicas.data());
        IMMERSIM_ASSERT_OP(r.node, ==, at);
        return at;
    }
    client& client_of(const replica& r) { return clients_[place_of(r)]; }
    const client& client_of(const replica& r) const { return clients_[place_of(r)]; }

    // clients (client_server.cpp)
    void start_intent(replica& r, std::uint64_t intent_id, const workload::intent& what);
    void publish(replica& r, std::uint64_t change_id);
    void adopt_version(replica& r, std::uint64_t version);
    void rebase(replica& r);
    [[gnu::noinline]] void replay_pending(replica& r, const state::value& synced);
    void on_reject(replica& r, std::uint64_t change_id, std::uint64_t version);
    void finish_intent(replica& r);

    // the authority (authority.cpp)
    void receive(std::uint64_t change_id);
    void process(const change& c);
    void broadcast_version(std::uint64_t version);
    // A replica moved from version `from` to `to`: true when no one is left on the
    // oldest version adopted, so that versions may be let go.
    bool note_adopted(std::uint64_t from, std::uint64_t to);
    void release_versions();
    const version_entry& version_at(std::uint64_t v) const;
    bool processed_by(std::uint64_t change_id, std::uint64_t version) const;

    std::vector<client> clients_;        // by node
    std::vector<net::node_id> clients_by_number_; // every replica but the server's: 1..n-1
    sliding_window<version_entry> versions_; // versions_[0] is version first_version_
    std::uint64_t first_version_ = 0;
    std::uint64_t version_ = 0;
    std::vector<std::uint64_t> processed_at_;  // change id -> version that took it (0: not yet)
    std::vector<std::uint64_t> next_expected_; // per node: the next own count to process
    std::vector<std::map<std::uint64_t, std::uint64_t>> reorder_; // per node: count -> change
    // Replicas per adopted version, from the oldest one adopted (synced_base_) on.
    sliding_window<std::uint32_t> synced_counts_;
    std::uint64_t synced_base_ = 0;
    sliding_window<std::pair<std::uint64_t, time_ns>> awaiting_visibility_; // (version, created)
    std::vector<std::uint64_t> rejected_since_version_; // go into the next version
};

// Inline: a client's adoption reads a version or two on every delivery.
inline const version_entry& client_server::version_at(std::uint64_t v) const {
    IMMERSIM_ASSERT_OP(v, >=, first_version_);
    return versions_.at(v - first_version_);
}

// Inline: every adoption counts itself.
inline bool client_server::note_adopted(std::uint64_t from, std::uint64_t to) {
    --synced_counts_.at(from - synced_base_);
    if (synced_counts_.size() <= to - synced_base_)
        synced_counts_.resize(to - synced_base_ + 1, 0);
    ++synced_counts_[to - synced_base_];
    const std::uint64_t oldest = synced_base_;
    while (synced_counts_.size() > 1 && synced_counts_.front() == 0) {
        synced_counts_.pop_front();
        ++synced_base_;
    }
    return synced_base_ != oldest;
}

} // namespace immersim::replication
