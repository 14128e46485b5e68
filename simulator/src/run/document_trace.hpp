// One document's records as the run's trace numbers them. A document's observers
// name its members by local number; a trace that follows every document names
// nodes as the topology does, and every record says which document it is about.
#pragma once

#include "immersim/net/topology.hpp"
#include "immersim/run/trace.hpp"

#include <vector>

namespace immersim::run_detail {

class document_trace final : public trace_sink {
public:
    // `members` (local number -> node) renumbers the nodes; none keeps them local.
    document_trace(trace_sink& to, std::uint32_t document, const std::vector<net::node_id>* members)
        : to_(to), document_(document), members_(members) {}

    void record(const trace_record& r) override {
        trace_record out = r;
        out.document = document_;
        if (members_) {
            out.node = (*members_)[r.node];
            if (r.kind == trace_kind::decision) // the peer is the change's maker
                out.peer = (*members_)[r.peer];
        }
        to_.record(out);
    }

private:
    trace_sink& to_;
    std::uint32_t document_;
    const std::vector<net::node_id>* members_;
};

} // namespace immersim::run_detail
