#include "op_based.hpp"

namespace immersim::replication {

op_based::op_based(const protocol_context& ctx)
    : protocol(ctx), seen_(ctx.replicas.size()), log_(ctx.replicas.size()) {
}

void op_based::on_intent(replica& r, std::uint64_t intent_id, const workload::intent& what) {
    if (const auto id = make_change(r, intent_id, what, 0, 0)) {
        integrate_operation(r, *id);
        publish(r, *id);
    }
}

std::uint64_t op_based::delivery_metadata_bytes(const replica& /*r*/) const {
    return 8 * ctx_.replicas.size();
}

bool op_based::has(const replica& r, std::uint64_t change_id) const {
    const auto& seen = seen_[r.node];
    return change_id < seen.size() && seen[change_id] != 0;
}

bool op_based::integrate_operation(replica& r, std::uint64_t change_id) {
    if (has(r, change_id))
        return false; // a duplicate delivery
    auto& seen = seen_[r.node];
    if (seen.size() <= change_id)
        seen.resize(ctx_.changes.size(), 0);
    seen[change_id] = 1;
    log_[r.node].push_back(change_id);
    const change& c = ctx_.changes[change_id];
    if (c.node != r.node) {
        ctx_.watch.received(r.node, c);
        r.observe(c.at.lamport, c.at.hlc, ctx_.sim.now());
    }
    strategies::integrate_result res =
        ctx_.strategy.integrate(*r.book, r.doc, c, {0, ctx_.explain});
    const state::value before = r.doc;
    show(r, res.next);
    ctx_.watch.decided(r, c, res.result, before);
    if (integrated_count_.size() <= change_id)
        integrated_count_.resize(ctx_.changes.size(), 0);
    if (++integrated_count_[change_id] == ctx_.replicas.size())
        ctx_.watch.visible_everywhere(c.created_ns);
    return true;
}

} // namespace immersim::replication
