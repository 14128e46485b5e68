#include "op_broadcast.hpp"

namespace immersim::replication {

void op_broadcast::publish(replica& r, std::uint64_t change_id) {
    const payload p{payload::kind::operation, change_id, 0, 0};
    const std::uint32_t bytes = change_bytes(ctx_.changes[change_id]);
    if (through_server_) {
        if (r.node != 0)
            ctx_.sender.send(r.node, 0, p, bytes);
        return;
    }
    send_to_all_but(r.node, r.node, r.node, p, bytes);
}

void op_broadcast::send_to_all_but(net::node_id from, net::node_id a, net::node_id b,
                                   const payload& p, std::uint32_t bytes) {
    targets_.clear();
    for (const replica& other : ctx_.replicas)
        if (other.node != a && other.node != b)
            targets_.push_back(other.node);
    ctx_.sender.send_to_each(from, targets_, p, bytes);
}

void op_broadcast::on_message(replica& r, const payload& p, std::uint32_t bytes) {
    const bool fresh = integrate_operation(r, p.change);
    if (fresh && through_server_ && r.node == 0) // the server relays to everyone else
        send_to_all_but(0, 0, ctx_.changes[p.change].node, p, bytes);
}

} // namespace immersim::replication
