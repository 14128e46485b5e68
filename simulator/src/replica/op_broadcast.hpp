// Op-based broadcast: a change goes to every other replica at once, peer to peer,
// or through server-0, which integrates it and relays it to every other client.
#pragma once

#include "op_based.hpp"

namespace immersim::replication {

class op_broadcast final : public op_based {
public:
    op_broadcast(const protocol_context& ctx, bool through_server)
        : op_based(ctx), through_server_(through_server) {}

    void on_message(replica& r, const payload& p, std::uint32_t bytes) override;

private:
    void publish(replica& r, std::uint64_t change_id) override;
    // Every replica but `a` and `b`, in order, into targets_; sent to each at once.
    void send_to_all_but(net::node_id from, net::node_id a, net::node_id b, const payload& p,
                         std::uint32_t bytes);

    bool through_server_;
    std::vector<net::node_id> targets_; // reused
};

} // namespace immersim::replication
