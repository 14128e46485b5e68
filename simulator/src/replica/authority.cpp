// Client-server, the authority's side: server-0 takes each client's changes in the
// client's order, makes versions of those the strategy accepts, and broadcasts
// them; versions no replica needs any more are let go.
#include "client_server.hpp"
#include "immersim/support/assert.hpp"

namespace immersim::replication {

bool client_server::processed_by(std::uint64_t change_id, std::uint64_t version) const {
    return change_id < processed_at_.size() && processed_at_[change_id] != 0 &&
           processed_at_[change_id] <= version;
}

// Messages may overtake each other (retransmissions, reordering links); a client's
// changes build on one another, so they are taken in the client's own order, by
// the sequence number each change carries.
void client_server::receive(std::uint64_t change_id) {
    if (!ctx_.changes.holds(change_id))
        return; // settled and let go: a duplicate
    const change& c = ctx_.changes[change_id];
    if (c.sequence < next_expected_[c.node])
        return; // a duplicate
    auto& waiting = reorder_[c.node];
    waiting.emplace(c.sequence, change_id);
    for (auto it = waiting.begin(); it != waiting.end() && it->first == next_expected_[c.node];
         it = waiting.erase(it)) {
        ++next_expected_[c.node];
        process(ctx_.changes[it->second]);
    }
}

void client_server::process(const change& c) {
    replica& a = ctx_.replicas[0];
    ctx_.watch.learned(0, c.id);
    a.observe(c.at.lamport, c.at.hlc, ctx_.sim.now());
    strategies::integrate_result res =
        ctx_.strategy.integrate(*a.book, a.doc, c, {version_, ctx_.explain});
    if (!res.result.accepted) {
        ctx_.watch.decided(a, c, res.result, a.doc);
        rejected_since_version_.push_back(c.id);
        ctx_.sender.send(0, c.node, {payload::kind::reject, c.id, version_, 0}, 32);
        release_contents(c.id);
        return;
    }
    ++version_;
    const state::value before = a.doc;
    show_as_is(a, std::move(res.next));
    versions_.push_back(
        {a.doc, c.id, a.lamport.now(), a.hlc.now(), std::move(rejected_since_version_)});
    rejected_since_version_.clear();
    if (processed_at_.size() <= c.id)
        processed_at_.resize(ctx_.changes.size(), 0);
    processed_at_[c.id] = version_;
    ctx_.watch.committed(&c);
    if (res.result.applied > 0)
        awaiting_visibility_.emplace_back(version_, c.created_ns);
    ctx_.watch.decided(a, c, res.result, before);
    broadcast_version(version_);
    release_contents(c.id);
}

void client_server::broadcast_version(std::uint64_t version) {
    const change& c = ctx_.changes[version_at(version).change];
    const auto bytes = static_cast<std::uint32_t>(32 + 24 * c.patches.size());
    ctx_.sender.send_to_each(0, clients_by_number_, {payload::kind::sync, c.id, version, 0}, bytes);
}

// Versions every replica has adopted: their changes are visible everywhere, and
// no one rebases on the versions before the oldest adopted one any more.
void client_server::release_versions() {
    const std::uint64_t everyone = synced_base_;
    while (!awaiting_visibility_.empty() && awaiting_visibility_.front().first <= everyone) {
        ctx_.watch.visible_everywhere(awaiting_visibility_.front().second);
        awaiting_visibility_.pop_front();
    }
    while (first_version_ < everyone && versions_.size() > 1) {
        versions_.pop_front();
        ++first_version_;
    }
}

std::uint64_t client_server::delivery_metadata_bytes(const replica& r) const {
    const client& cl = client_of(r);
    std::uint64_t bytes = 8 + 8 * (cl.pending.size() + (cl.in_flight ? 1 : 0));
    if (r.node != 0)
        return bytes;
    bytes += 8 * next_expected_.size() + 32 * versions_.size();
    for (const auto& waiting : reorder_)
        bytes += 16 * waiting.size();
    return bytes;
}

void client_server::retained_states(std::vector<state::value>& roots) const {
    for (const version_entry& v : versions_)
        roots.push_back(v.doc);
}

} // namespace immersim::replication
