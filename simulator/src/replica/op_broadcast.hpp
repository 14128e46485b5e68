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

    bool through_server_;
};

} // namespace immersim::replication
