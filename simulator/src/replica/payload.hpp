// What the replication protocols' messages carry. The network moves only sizes and
// an index; the run keeps the payloads, so a message is as cheap as its header.
#pragma once

#include "immersim/net/network.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace immersim::replication {

struct payload {
    enum class kind : std::uint8_t {
        commit,    // client to authority: a change made on `version`
        sync,      // authority to all: `version` is made (by `change`)
        reject,    // authority to a client: `change` was refused; `version` is current
        operation, // an op-based change, to integrate as it is
        gossip,    // a batch of op-based changes (`batch`), `change` its first
    } what;
    std::uint64_t change = 0;
    std::uint64_t version = 0;
    std::uint64_t batch = 0;

    friend bool operator==(const payload&, const payload&) = default;
};

// What a message is, for the trace and the GUI's hover details: "commit on v3",
// "sync to v4", "reject at v4", "operation", "gossip".
inline std::string describe(const payload& p) {
    switch (p.what) {
    case payload::kind::commit:
        return "commit on v" + std::to_string(p.version);
    case payload::kind::sync:
        return "sync to v" + std::to_string(p.version);
    case payload::kind::reject:
        return "reject at v" + std::to_string(p.version);
    case payload::kind::operation:
        return "operation";
    case payload::kind::gossip:
        return "gossip";
    }
    return "message";
}

// Sends messages on the protocols' behalf (the run records them in the trace).
class message_sender {
public:
    virtual ~message_sender() = default;
    virtual void send(net::node_id from, net::node_id to, const payload& p,
                      std::uint32_t bytes) = 0;
    // The same payload to each of `to`, in that order: exactly what a send to each
    // would do (the same messages, ids and digest), for senders that can do the
    // bookkeeping of a broadcast once.
    virtual void send_to_each(net::node_id from, std::span<const net::node_id> to, const payload& p,
                              std::uint32_t bytes) {
        for (const net::node_id target : to)
            send(from, target, p, bytes);
    }
};

} // namespace immersim::replication
