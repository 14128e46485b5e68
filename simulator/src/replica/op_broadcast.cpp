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
    for (const replica& peer : ctx_.replicas)
        if (peer.node != r.node)
            ctx_.sender.send(r.node, peer.node, p, bytes);
}

void op_broadcast::on_message(replica& r, const payload& p, std::uint32_t bytes) {
    const bool fresh = integrate_operation(r, p.change);
    if (fresh && through_server_ && r.node == 0) // the server relays to everyone else
        for (const replica& other : ctx_.replicas)
            if (other.node != 0 && other.node != ctx_.changes[p.change].node)
                ctx_.sender.send(0, other.node, p, bytes);
}

} // namespace immersim::replication
