// Which nodes hold a replica of which document (docs/scenarios.md, "Documents"). A
// document's members are numbered locally: under a server, member 0 is the server
// that hosts it, then its clients in node order; peer to peer, its clients. Without
// a `documents:` section there is one document and every node is the member of its
// own number, so a one-document run is the run it always was.
#pragma once

#include "immersim/net/topology.hpp"
#include "immersim/scenario/scenario.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace immersim {

struct document_plan {
    // By document: local -> node; empty for a document no client edits (it has no
    // replicas, not even on its server).
    std::vector<std::vector<net::node_id>> members;
    std::size_t nodes = 0;                  // nodes of the topology
    std::uint32_t servers_per_document = 0; // members before the clients

    // The clients editing a document (0: no one; nothing happens there).
    std::uint32_t clients(std::size_t document) const;
};

// The plan for one run: `clients: zipf` draws from the run's seed, so the plan can
// differ between seeds; `even` and one document do not.
document_plan plan_documents(const scenario& s, std::uint64_t seed);

// Where each node's replicas are: for node n, the (document, local number) pairs,
// in document order. A client has one; a server one per document it hosts.
class node_places {
public:
    struct place {
        std::uint32_t document = 0;
        std::uint32_t local = 0;
    };

    explicit node_places(const document_plan& plan);

    std::span<const place> of(net::node_id n) const {
        return {places_.data() + begin_[n], places_.data() + begin_[n + 1]};
    }
    // The local number of node n in `document` (n must be a member of it).
    // Inline for a node's first place, which every delivery to a client finds.
    std::uint32_t local_in(net::node_id n, std::uint32_t document) const {
        const place first = first_[n];
        return first.document == document ? first.local : local_beyond_first(n, document);
    }

private:
    std::uint32_t local_beyond_first(net::node_id n, std::uint32_t document) const;

    std::vector<std::uint32_t> begin_; // node n's places are [begin_[n], begin_[n + 1])
    std::vector<place> places_;
    // Each node's first place, by node: a client's only one, found with one read
    // on every delivery instead of two tables' (a cache miss each, at scale).
    std::vector<place> first_;
};

} // namespace immersim
