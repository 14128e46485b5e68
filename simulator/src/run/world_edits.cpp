// Local edits: a client turns an intent into a change on its own state and
// publishes it; op-based replicas integrate changes from others.
#include "world.hpp"

#include "immersim/support/assert.hpp"

namespace immersim::run_detail {

bool world::offline(const replica& r) const {
    for (const auto& [from, until] : offline_[r.node])
        if (sim_.now() >= from && sim_.now() < until)
            return true;
    return false;
}

void world::on_operation(replica& r) {
    const workload::intent what = intents_.draw(r.workload_stream); // drawn even when idle,
    if (!r.up || offline(r))                                        // so that draws stay aligned
        return;
    ++totals_.operations;
    const std::uint64_t intent_id = ledger_.issue(what, sim_.now());
    if (strategy_->acknowledged() && r.in_flight) {
        r.queued_intents.push_back(intent_id);
        return;
    }
    start_intent(r, intent_id);
}

void world::start_intent(replica& r, std::uint64_t intent_id) {
    const auto id = make_change(r, intent_id, 0);
    if (!id) {
        if (strategy_->acknowledged())
            finish_intent(r);
        return;
    }
    publish(r, *id);
}

std::optional<std::uint64_t> world::make_change(replica& r, std::uint64_t intent_id,
                                                std::uint32_t attempt) {
    intent_record& record = ledger_.at(intent_id);
    bool applied = false;
    state::produce_result made = state::produce(
        r.doc, [&](state::draft& d) { applied = workload::execute(record.what, d); },
        {.structural_sharing = scenario_.state.sharing});
    if (!applied) {
        if (attempt == 0)
            ++totals_.failed_intents;
        return std::nullopt;
    }
    record.executed = true;
    if (made.patches.empty())
        return std::nullopt; // already so (a member added twice): nothing to tell anyone

    change c;
    c.id = changes_.size();
    c.intent_id = intent_id;
    c.node = r.node;
    c.attempt = attempt;
    c.what = record.what;
    c.before = r.doc;
    c.after = made.state;
    c.patches = strategies::written_places(made.patches, r.doc, made.state);
    for (const state::patch& p : c.patches)
        c.writes.push_back(p.where);
    c.created_ns = sim_.now();
    c.at = stamp_now(r);
    c.base_version = r.synced_version;
    strategy_->prepare_local(*r.book, c);
    const std::uint64_t recorded = oracle_.record_change(r.node, c.writes);
    IMMERSIM_ASSERT_OP(recorded, ==, c.id);
    last_write_ns_ = sim_.now();
    changes_.push_back(std::move(c));
    change_intent_.push_back(intent_id);
    processed_at_.push_back(0);
    integrated_count_.push_back(0);
    if (trace_) {
        trace_->record({sim_.now(), trace_kind::operation, r.node, 0, 0, recorded,
                        workload::to_string(record.what.kind) + std::string(" ") +
                            state::format_path(record.what.where),
                        changes_.back().before, changes_.back().after});
        if (oracle_.conflicting(recorded))
            trace_->record({sim_.now(), trace_kind::conflict, r.node, 0, 0, recorded, {}, {}, {}});
    }
    return recorded;
}

namespace {

// A message's size on the wire, estimated from what it carries.
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

void world::publish(replica& r, std::uint64_t change_id) {
    const change& c = changes_[change_id];
    // The header (ids, base version, timestamps) and the patches, and what a CRDT
    // change carries besides: the tags its removes observed and its sequence
    // anchors, 8 bytes each.
    const auto bytes = static_cast<std::uint32_t>(
        64 + patch_bytes(c.patches) + 8 * c.removed_tags.size() + 8 * sequence_anchors(c));
    if (op_based()) {
        integrate_operation(r, change_id, r.node == 0);
        if (client_server()) {
            send(r.node, 0, {payload::kind::operation, change_id, 0}, bytes);
            return;
        }
        if (scenario_.topology.gossip)
            return; // it travels with the next gossip rounds
        for (const replica& peer : replicas_)
            if (peer.node != r.node)
                send(r.node, peer.node, {payload::kind::operation, change_id, 0}, bytes);
        return;
    }
    if (strategy_->acknowledged())
        r.in_flight = change_id;
    else
        r.pending.push_back(change_id);
    set_doc(r, adopt(c.after));
    send(r.node, 0, {payload::kind::commit, change_id, c.base_version}, bytes);
}

void world::on_retry(replica& r) {
    IMMERSIM_ASSERT(r.in_flight.has_value() && r.retry_scheduled);
    r.retry_scheduled = false;
    const change& rejected = changes_[*r.in_flight];
    const std::uint64_t intent_id = rejected.intent_id;
    const auto id = make_change(r, intent_id, rejected.attempt + 1);
    if (!id) { // on fresh state the intent changes nothing: it holds already
        r.in_flight.reset();
        ++totals_.committed;
        finish_intent(r);
        return;
    }
    publish(r, *id);
}

void world::gossip_round(replica& r) {
    if (!r.up || replicas_.size() < 2)
        return;
    auto peer = static_cast<std::uint32_t>(uniform_int(gossip_stream_, 0, static_cast<std::int64_t>(replicas_.size()) - 2));
    peer += peer >= r.node ? 1 : 0; // anyone but itself
    if (r.pushed[peer] >= r.log.size())
        return;
    std::vector<std::uint64_t> batch(r.log.begin() + static_cast<std::ptrdiff_t>(r.pushed[peer]), r.log.end());
    r.pushed[peer] = r.log.size();
    const auto bytes = static_cast<std::uint32_t>(32 + 64 * batch.size());
    gossip_batches_.push_back(std::move(batch));
    send(r.node, peer, {payload::kind::gossip, gossip_batches_.size() - 1, 0}, bytes);
}

void world::integrate_operation(replica& r, std::uint64_t change_id, bool count_outcome) {
    if (r.seen.size() <= change_id)
        r.seen.resize(changes_.size(), 0);
    if (r.seen[change_id] != 0)
        return; // a duplicate delivery
    r.seen[change_id] = 1;
    r.log.push_back(change_id);
    const change& c = changes_[change_id];
    if (c.node != r.node) {
        oracle_.record_receive_change(r.node, change_id);
        r.lamport.observe(c.at.lamport);
        r.hlc.observe(c.at.hlc, r.clock.read(sim_.now()));
    }
    strategies::integrate_result res = strategy_->integrate(*r.book, r.doc, c, {0});
    const judgement judged = judge(c, res.result);
    if (count_outcome)
        count(res.result, judged);
    const state::value before = r.doc;
    set_doc(r, adopt(res.next));
    if (trace_)
        trace_->record({sim_.now(), trace_kind::decision, r.node, c.node, 0, change_id,
                        res.result.applied == 0  ? "discarded"
                        : judged.overwritten > 0 ? "applied, overwrote a write"
                                                 : "applied",
                        before, r.doc});
    if (++integrated_count_[change_id] == replicas_.size())
        visibility_ms_.push_back(static_cast<double>(sim_.now() - c.created_ns) / ns_per_ms);
}

} // namespace immersim::run_detail
