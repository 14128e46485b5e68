#include "gossip.hpp"

namespace immersim::replication {

gossip::gossip(const protocol_context& ctx, generator stream, time_ns interval_ns, time_ns end_ns)
    : op_based(ctx), stream_(stream), interval_ns_(interval_ns), end_ns_(end_ns),
      pushed_(ctx.replicas.size(), std::vector<std::size_t>(ctx.replicas.size(), 0)) {
}

void gossip::start() { // the first rounds spread over one interval
    for (const replica& r : ctx_.replicas)
        ctx_.sim.schedule_at(uniform_int(stream_, 0, interval_ns_), ctx_.timer_kind, r.node,
                             ctx_.document);
}

void gossip::on_timer(replica& r) {
    round(r);
    if (saturating_add(ctx_.sim.now(), interval_ns_) <= end_ns_)
        ctx_.sim.schedule_after(interval_ns_, ctx_.timer_kind, r.node, ctx_.document);
}

void gossip::round(replica& r) {
    const std::size_t n = ctx_.replicas.size();
    if (!r.up || n < 2)
        return;
    auto peer =
        static_cast<std::uint32_t>(uniform_int(stream_, 0, static_cast<std::int64_t>(n) - 2));
    peer += peer >= r.node ? 1 : 0; // anyone but itself
    const std::vector<std::uint64_t>& log = log_of(r);
    std::size_t& pushed = pushed_[r.node][peer];
    if (pushed >= log.size())
        return;
    std::vector<std::uint64_t> batch(log.begin() + static_cast<std::ptrdiff_t>(pushed), log.end());
    pushed = log.size();
    // A header, then each change as op broadcast would send it alone.
    std::uint32_t bytes = 32;
    for (std::uint64_t id : batch)
        bytes += change_bytes(ctx_.changes[id]);
    const payload p{payload::kind::gossip, batch.front(), 0, batches_.size()};
    batches_.push_back(std::move(batch));
    ctx_.sender.send(r.node, peer, p, bytes);
}

std::uint64_t gossip::delivery_metadata_bytes(const replica& r) const {
    std::uint64_t bytes = op_based::delivery_metadata_bytes(r) + 8 * (ctx_.replicas.size() - 1);
    for (std::uint64_t id : log_of(r))
        bytes += change_bytes(ctx_.changes[id]);
    return bytes;
}

void gossip::on_message(replica& r, const payload& p, std::uint32_t /*bytes*/) {
    for (std::uint64_t id : batches_.at(p.batch))
        integrate_operation(r, id);
}

} // namespace immersim::replication
