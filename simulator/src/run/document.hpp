// One document of a run: a causal domain of its own. The server that hosts it and
// the clients that edit it hold replicas of it, numbered locally (member 0 first,
// document_plan.hpp); its strategy, its replication protocol and its instruments
// see only them. The run's engine, network and faults are shared by all documents.
#pragma once

#include "document_trace.hpp"
#include "immersim/engine/domain_number.hpp"
#include "immersim/support/sliding_window.hpp"
#include "observers.hpp"
#include "replica/protocol.hpp"

#include <memory>
#include <vector>

namespace immersim::run_detail {

// Where a document's protocol sends its messages: the run, which knows the nodes.
class document_mail {
public:
    virtual ~document_mail() = default;
    virtual void send(std::uint32_t document, net::node_id from, net::node_id to,
                      const replication::payload& p, std::uint32_t bytes) = 0;
    // The same payload to each of `to` (nodes), as a send to each would.
    virtual void send_to_each(std::uint32_t document, net::node_id from,
                              std::span<const net::node_id> to, const replication::payload& p,
                              std::uint32_t bytes) = 0;
};

// The payloads of a document's messages, by message body: a count per document
// (domain_number.hpp), so that bodies do not depend on other documents' traffic. A
// broadcast's messages share one; the front is let go once delivered everywhere, so
// the window holds what is in flight, not the run's history (kept whole where links
// duplicate: a copy may come later).
struct payload_window {
    sliding_window<replication::payload> payloads;
    sliding_window<std::uint32_t> undelivered; // copies not yet delivered, per payload
    std::uint64_t base = 0;                    // the count of the front payload
};

struct document final : public replication::message_sender {
    document(std::uint32_t number, std::vector<net::node_id> nodes, document_mail& to)
        : index(number), members(std::move(nodes)), mail(to) {}

    // The protocol names members by local number; the network by node.
    void send(net::node_id from, net::node_id to, const replication::payload& p,
              std::uint32_t bytes) override {
        mail.send(index, members[from], members[to], p, bytes);
    }
    void send_to_each(net::node_id from, std::span<const net::node_id> to,
                      const replication::payload& p, std::uint32_t bytes) override {
        nodes_to_.clear();
        for (const net::node_id local : to)
            nodes_to_.push_back(members[local]);
        mail.send_to_each(index, members[from], nodes_to_, p, bytes);
    }

    std::uint32_t index;
    std::vector<net::node_id> members; // local number -> node
    document_mail& mail;
    std::unique_ptr<strategies::strategy> strategy;
    std::unique_ptr<document_trace> trace; // when the run's trace follows this document
    std::unique_ptr<observers> watch;
    std::vector<replica> replicas; // by local number
    replication::change_log changes; // every change made here and still read, by id
    payload_window in_flight;
    std::unique_ptr<replication::protocol> protocol;

private:
    std::vector<net::node_id> nodes_to_; // a broadcast's targets by node, reused
};

} // namespace immersim::run_detail
