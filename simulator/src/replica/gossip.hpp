// Gossip anti-entropy, peer to peer: a change stays with its maker until the next
// rounds; every interval each replica pushes to one random peer all it has that it
// has not pushed to that peer yet. Rounds keep going until the run ends, so
// replicas converge after partitions heal.
#pragma once

#include "op_based.hpp"

#include <vector>

namespace immersim::replication {

class gossip final : public op_based {
public:
    gossip(const protocol_context& ctx, generator stream, time_ns interval_ns, time_ns end_ns);

    void start() override;
    void on_message(replica& r, const payload& p, std::uint32_t bytes) override;
    void on_timer(replica& r) override;
    // Besides the version vector: per peer how much of the log was pushed there
    // (8 bytes each), and the log itself, every change it may still forward, at its
    // size on the wire (never trimmed: a peer may lack any of it).
    std::uint64_t delivery_metadata_bytes(const replica& r) const override;

private:
    void publish(replica& /*r*/, std::uint64_t /*change_id*/) override {} // the rounds carry it
    void round(replica& r);

    generator stream_; // who pushes to whom
    time_ns interval_ns_;
    time_ns end_ns_;
    std::vector<std::vector<std::size_t>> pushed_;    // per replica, per peer: log entries sent
    std::vector<std::vector<std::uint64_t>> batches_; // change ids, per gossip message
};

} // namespace immersim::replication
