// Client-server, the clients' side: edits, versions adopted, rejections.
#include "client_server.hpp"

#include "immersim/state/produce.hpp"
#include "immersim/support/assert.hpp"

namespace immersim::replication {

client_server::client_server(const protocol_context& ctx, const state::value& initial)
    : protocol(ctx), clients_(ctx.replicas.size()), next_expected_(ctx.replicas.size(), 1),
      reorder_(ctx.replicas.size()) {
    versions_.push_back({initial, 0, 0, {}, {}});
    synced_counts_.push_back(static_cast<std::uint32_t>(ctx.replicas.size() - 1));
    for (const replica& r : ctx.replicas)
        if (r.node != 0)
            clients_by_number_.push_back(r.node);
}

void client_server::on_intent(replica& r, std::uint64_t intent_id, const workload::intent& what) {
    client& cl = client_of(r);
    if (ctx_.strategy.acknowledged() && cl.in_flight) {
        cl.queued.emplace_back(intent_id, what);
        return;
    }
    start_intent(r, intent_id, what);
}

void client_server::start_intent(replica& r, std::uint64_t intent_id,
                                 const workload::intent& what) {
    const auto id = make_change(r, intent_id, what, 0, client_of(r).synced_version);
    if (!id) {
        if (ctx_.strategy.acknowledged())
            finish_intent(r);
        return;
    }
    publish(r, *id);
}

void client_server::publish(replica& r, std::uint64_t change_id) {
    const change& c = ctx_.changes[change_id];
    client& cl = client_of(r);
    if (ctx_.strategy.acknowledged())
        cl.in_flight = change_id;
    else
        cl.pending.push_back(change_id);
    show(r, c.after);
    ctx_.sender.send(r.node, 0, {payload::kind::commit, change_id, c.base_version, 0},
                     change_bytes(c));
}

void client_server::on_message(replica& r, const payload& p, std::uint32_t /*bytes*/) {
    switch (p.what) {
    case payload::kind::commit:
        receive(p.change);
        break;
    case payload::kind::sync:
        adopt_version(r, p.version);
        break;
    case payload::kind::reject:
        on_reject(r, p.change, p.version);
        break;
    case payload::kind::operation:
    case payload::kind::gossip:
        IMMERSIM_ASSERT(!"not a client-server message");
        break;
    }
}

void client_server::adopt_version(replica& r, std::uint64_t version) {
    client& cl = client_of(r);
    bool oldest_left = false;
    if (version > cl.synced_version) {
        for (std::uint64_t v = cl.synced_version + 1; v <= version; ++v) {
            const version_entry& e = version_at(v);
            for (const std::uint64_t rejected : e.rejected_before)
                ctx_.watch.learned(r.node, rejected);
            ctx_.watch.learned(r.node, e.change);
        }
        const version_entry& latest = version_at(version);
        r.observe(latest.lamport, latest.hlc, ctx_.sim.now());
        oldest_left = note_adopted(cl.synced_version, version);
        cl.synced_version = version;
    }
    std::size_t settled = 0;
    while (settled < cl.pending.size() && processed_by(cl.pending[settled], cl.synced_version))
        release_intent(cl.pending[settled++]);
    cl.pending.erase(cl.pending.begin(), cl.pending.begin() + static_cast<std::ptrdiff_t>(settled));
    rebase(r);
    if (cl.in_flight && processed_by(*cl.in_flight, cl.synced_version)) {
        release_intent(*cl.in_flight);
        cl.in_flight.reset();
        finish_intent(r); // the next queued intent starts on the fresh state
    }
    if (oldest_left) // otherwise there is nothing new to let go
        release_versions();
}

// The replica shows the authority's version with its own unconfirmed changes
// replayed on top (their intents re-run, as Replicache does), so a client sees its
// own edits at once. Acknowledged (OCC) clients show the authority's version:
// their change counts only once committed.
void client_server::rebase(replica& r) {
    const client& cl = client_of(r);
    const state::value& synced = version_at(cl.synced_version).doc;
    // Most deliveries find nothing to replay: the version is shown as it is,
    // without a copy of its root to release again or a call to the strategy.
    // The replay is out of line, so that this part inlines into the adoption.
    if (cl.pending.empty() || ctx_.strategy.acknowledged())
        show(r, synced);
    else
        replay_pending(r, synced);
}

void client_server::replay_pending(replica& r, const state::value& synced) {
    const client& cl = client_of(r);
    state::value doc = synced;
    for (std::uint64_t id : cl.pending) {
        const workload::intent& what = ctx_.changes[id].what;
        bool applies = false;
        state::value next =
            state::produce(doc, [&](state::draft& d) { applies = workload::execute(what, d); },
                           {.structural_sharing = true, .with_patches = false})
                .state;
        if (applies) // a transaction that no longer applies is not shown half done
            doc = std::move(next);
    }
    show(r, doc);
}

void client_server::on_reject(replica& r, std::uint64_t change_id, std::uint64_t version) {
    adopt_version(r, version);
    client& cl = client_of(r);
    if (!cl.in_flight || *cl.in_flight != change_id || cl.retry_scheduled)
        return; // a duplicate, or a verdict on an attempt already given up
    const change& c = ctx_.changes[change_id];
    if (const std::optional<time_ns> wait = ctx_.strategy.retry_after(c, r.strategy_stream)) {
        ctx_.watch.retried(c);
        cl.retry_scheduled = true;
        ctx_.sim.schedule_after(*wait, ctx_.timer_kind, r.node, ctx_.document);
        return;
    }
    ctx_.watch.gave_up(c);
    cl.in_flight.reset();
    release_intent(change_id);
    finish_intent(r);
}

void client_server::on_timer(replica& r) {
    client& cl = client_of(r);
    IMMERSIM_ASSERT(cl.in_flight.has_value() && cl.retry_scheduled);
    cl.retry_scheduled = false;
    // Copies: making the next attempt grows the change list.
    const std::uint64_t rejected_id = *cl.in_flight;
    const change& rejected = ctx_.changes[rejected_id];
    const std::uint64_t intent_id = rejected.intent_id;
    const workload::intent what = rejected.what;
    const std::uint32_t attempt = rejected.attempt + 1;
    const auto id = make_change(r, intent_id, what, attempt, cl.synced_version);
    release_intent(rejected_id); // the new attempt (or none) replaces it
    if (!id) { // on fresh state the intent changes nothing: it holds already
        cl.in_flight.reset();
        ctx_.watch.committed(nullptr);
        finish_intent(r);
        return;
    }
    publish(r, *id);
}

void client_server::finish_intent(replica& r) {
    client& cl = client_of(r);
    while (!cl.in_flight && !cl.queued.empty()) {
        auto [intent_id, what] = std::move(cl.queued.front());
        cl.queued.erase(cl.queued.begin());
        start_intent(r, intent_id, what);
    }
}

} // namespace immersim::replication
