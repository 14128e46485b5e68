// What every protocol does alike: a client's local edit becomes a change, a
// replica shows a new state, and a change has a size on the wire.
#include "protocol.hpp"

#include "client_server.hpp"
#include "gossip.hpp"
#include "immersim/state/memory.hpp"
#include "immersim/state/produce.hpp"
#include "op_broadcast.hpp"

namespace immersim::replication {

std::optional<std::uint64_t> protocol::make_change(replica& r, std::uint64_t intent_id,
                                                   const workload::intent& what,
                                                   std::uint32_t attempt,
                                                   std::uint64_t base_version) {
    bool applied = false;
    state::produce_result made =
        state::produce(r.doc, [&](state::draft& d) { applied = workload::execute(what, d); },
                       {.structural_sharing = ctx_.structural_sharing});
    ctx_.watch.intent_ran(intent_id, applied, attempt);
    if (!applied || made.patches.empty())
        return std::nullopt; // it does not apply, or holds already: nothing to tell anyone

    change c;
    c.id = ctx_.changes.size();
    c.intent_id = intent_id;
    c.node = r.node;
    c.sequence = ++r.changes_made;
    c.attempt = attempt;
    c.what = what;
    c.before = r.doc;
    c.after = made.state;
    c.patches = strategies::written_places(made.patches, r.doc, made.state);
    for (const state::patch& p : c.patches)
        c.writes.push_back(p.where);
    c.created_ns = ctx_.sim.now();
    c.at = r.stamp(ctx_.sim.now());
    c.base_version = base_version;
    ctx_.strategy.prepare_local(*r.book, c);
    ctx_.changes.push_back(std::move(c));
    ctx_.watch.change_made(r, ctx_.changes.back());
    return ctx_.changes.back().id;
}

void protocol::release_contents(std::uint64_t change_id) {
    if (!ctx_.changes.holds(change_id))
        return;
    change& c = ctx_.changes[change_id];
    c.before = state::value();
    c.after = state::value();
    state::patch_list().swap(c.patches);
    std::vector<state::path>().swap(c.writes);
    ctx_.changes.release(change_id, change_log::half::contents);
}

void protocol::release_intent(std::uint64_t change_id) {
    if (!ctx_.changes.holds(change_id))
        return;
    ctx_.changes[change_id].what = workload::intent(); // its paths and values freed
    ctx_.changes.release(change_id, change_log::half::intent);
}

void protocol::show_deep_copy(replica& r, const state::value& doc) {
    show_as_is(r, state::deep_copy(doc));
}

void protocol::show_as_is(replica& r, state::value doc) {
    r.doc = std::move(doc);
    ctx_.watch.shown(r);
}

namespace {

// The patches' bytes: a header and the path per patch, and the value written.
std::uint32_t patch_bytes(const state::patch_list& patches) {
    std::uint32_t bytes = 0;
    for (const state::patch& p : patches) {
        bytes += 16 + 8 * static_cast<std::uint32_t>(p.where.size());
        bytes += p.val.type() == state::value_type::string
                     ? static_cast<std::uint32_t>(p.val.as_string().size())
                     : (p.val.is_map() || p.val.is_list() ? 64 : 8);
    }
    return bytes;
}

// The anchors a change carries for sequence edits (a CRDT's; the entries of its
// other parts are unused and not sent).
std::size_t sequence_anchors(const change& c) {
    if (c.anchors.empty())
        return 0;
    std::size_t n = 0;
    for (const workload::intent* a : workload::atoms_of(c.what))
        n += a->kind == workload::op_kind::insert || a->kind == workload::op_kind::remove_at;
    return n;
}

} // namespace

// The header (ids, base version, timestamps) and the patches, and what a CRDT
// change carries besides: the tags its removes observed and its sequence anchors,
// 8 bytes each.
std::uint32_t protocol::change_bytes(const change& c) {
    return static_cast<std::uint32_t>(64 + patch_bytes(c.patches) + 8 * c.removed_tags.size() +
                                      8 * sequence_anchors(c));
}

std::optional<net::node_id> authority_of(const topology_config& topology,
                                         const strategies::strategy& strategy) {
    if (topology.servers > 0 && !strategy.op_based())
        return net::node_id{0};
    return std::nullopt;
}

std::unique_ptr<protocol> make_protocol(const protocol_context& ctx,
                                        const topology_config& topology,
                                        const state::value& initial, generator gossip_stream,
                                        time_ns end_ns) {
    const bool client_server = topology.servers > 0;
    if (authority_of(topology, ctx.strategy))
        return std::make_unique<replication::client_server>(ctx, initial);
    if (topology.gossip)
        return std::make_unique<gossip>(ctx, gossip_stream, topology.gossip_interval_ns, end_ns);
    return std::make_unique<op_broadcast>(ctx, client_server);
}

} // namespace immersim::replication
