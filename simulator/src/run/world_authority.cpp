// Client-server: the authority (server-0) processes each client's changes in the
// order the client made them, and broadcasts every new version; clients adopt
// versions and replay their own unconfirmed changes on top.
#include "world.hpp"

#include "immersim/support/assert.hpp"

namespace immersim::run_detail {

const version_entry& world::version_at(std::uint64_t v) const {
    IMMERSIM_ASSERT_OP(v, >=, first_version_);
    return versions_.at(v - first_version_);
}

// Messages may overtake each other (retransmissions, reordering links); a client's
// changes build on one another, so they are taken in the client's own order.
void world::authority_receive(std::uint64_t change_id) {
    const change& c = changes_[change_id];
    const std::uint64_t count = oracle_.own_count(change_id);
    if (count < next_expected_[c.node])
        return; // a duplicate
    auto& waiting = reorder_[c.node];
    waiting.emplace(count, change_id);
    for (auto it = waiting.begin(); it != waiting.end() && it->first == next_expected_[c.node];
         it = waiting.erase(it)) {
        ++next_expected_[c.node];
        authority_process(changes_[it->second]);
    }
}

void world::authority_process(const change& c) {
    replica& a = replicas_[0];
    oracle_.record_knowledge(0, c.node, oracle_.own_count(c.id));
    a.lamport.observe(c.at.lamport);
    a.hlc.observe(c.at.hlc, a.clock.read(sim_.now()));
    strategies::integrate_result res = strategy_->integrate(*a.book, a.doc, c, {version_});
    const judgement judged = judge(c, res.result);
    count(res.result, judged);
    if (!res.result.accepted) {
        if (trace_)
            trace_->record({sim_.now(), trace_kind::decision, 0, c.node, 0, c.id, "rejected",
                            a.doc, a.doc});
        rejected_since_version_.push_back({c.node, oracle_.own_count(c.id)});
        send(0, c.node, {payload::kind::reject, c.id, version_}, 32);
        return;
    }
    ++totals_.committed;
    ++version_;
    const state::value before = a.doc;
    set_doc(a, res.next);
    versions_.push_back({a.doc, c.id, c.node, oracle_.own_count(c.id), a.lamport.now(), a.hlc.now(),
                         std::move(rejected_since_version_)});
    rejected_since_version_.clear();
    processed_at_[c.id] = version_;
    commit_latency_ms_.push_back(
        static_cast<double>(sim_.now() - ledger_.at(c.intent_id).issued_ns) / ns_per_ms);
    if (res.result.applied > 0)
        awaiting_visibility_.emplace_back(version_, c.created_ns);
    if (trace_)
        trace_->record({sim_.now(), trace_kind::decision, 0, c.node, 0, c.id,
                        res.result.applied == 0      ? "discarded"
                        : judged.overwritten > 0     ? "applied, overwrote a write"
                        : res.result.merge_conflicts ? "merged"
                                                     : "applied",
                        before, a.doc});
    broadcast_version(version_);
}

void world::broadcast_version(std::uint64_t version) {
    const change& c = changes_[version_at(version).change];
    const auto bytes = static_cast<std::uint32_t>(32 + 24 * c.patches.size());
    for (const replica& r : replicas_)
        if (r.node != 0)
            send(0, r.node, {payload::kind::sync, c.id, version}, bytes);
}

void world::adopt_version(replica& r, std::uint64_t version) {
    if (version > r.synced_version) {
        for (std::uint64_t v = r.synced_version + 1; v <= version; ++v) {
            const version_entry& e = version_at(v);
            for (const known_change& rejected : e.rejected_before)
                oracle_.record_knowledge(r.node, rejected.writer, rejected.count);
            oracle_.record_knowledge(r.node, e.writer, e.writer_count);
        }
        const version_entry& latest = version_at(version);
        r.lamport.observe(latest.lamport);
        r.hlc.observe(latest.hlc, r.clock.read(sim_.now()));
        if (auto it = synced_counts_.find(r.synced_version); --it->second == 0)
            synced_counts_.erase(it);
        ++synced_counts_[version];
        r.synced_version = version;
    }
    while (!r.pending.empty() && processed_at_[r.pending.front()] != 0 &&
           processed_at_[r.pending.front()] <= r.synced_version)
        r.pending.pop_front();
    rebase(r);
    if (r.in_flight && processed_at_[*r.in_flight] != 0 &&
        processed_at_[*r.in_flight] <= r.synced_version) {
        r.in_flight.reset();
        finish_intent(r); // the next queued intent starts on the fresh state
    }

    const std::uint64_t everyone = synced_counts_.begin()->first;
    while (!awaiting_visibility_.empty() && awaiting_visibility_.front().first <= everyone) {
        visibility_ms_.push_back(
            static_cast<double>(sim_.now() - awaiting_visibility_.front().second) / ns_per_ms);
        awaiting_visibility_.pop_front();
    }
    while (first_version_ < everyone && versions_.size() > 1) { // no one needs them any more
        versions_.pop_front();
        ++first_version_;
    }
}

// The replica shows the authority's version with its own unconfirmed changes
// replayed on top (their intents re-run, as Replicache does), so a client sees its
// own edits at once. OCC clients show the authority's version: their change counts
// only once committed.
void world::rebase(replica& r) {
    state::value doc = version_at(r.synced_version).doc;
    if (!strategy_->acknowledged())
        for (std::uint64_t id : r.pending) {
            bool applies = false;
            state::value next = state::produce(
                      doc, [&](state::draft& d) { applies = workload::execute(changes_[id].what, d); },
                      {.structural_sharing = true, .with_patches = false})
                      .state;
            if (applies) // a transaction that no longer applies is not shown half done
                doc = std::move(next);
        }
    set_doc(r, adopt(doc));
}

void world::on_reject(replica& r, std::uint64_t change_id, std::uint64_t version) {
    adopt_version(r, version);
    if (!r.in_flight || *r.in_flight != change_id || r.retry_scheduled)
        return; // a duplicate, or a verdict on an attempt already given up
    const change& c = changes_[change_id];
    if (const std::optional<time_ns> wait = strategy_->retry_after(c, r.strategy_stream)) {
        ++totals_.retried;
        r.retry_scheduled = true;
        sim_.schedule_after(*wait, retry_kind_, r.node, 0);
        return;
    }
    ++totals_.aborted;
    ++totals_.surfaced;
    ledger_.at(c.intent_id).aborted = true;
    r.in_flight.reset();
    finish_intent(r);
}

void world::finish_intent(replica& r) {
    while (!r.in_flight && !r.queued_intents.empty()) {
        const std::uint64_t next = r.queued_intents.front();
        r.queued_intents.pop_front();
        start_intent(r, next);
    }
}

} // namespace immersim::run_detail
