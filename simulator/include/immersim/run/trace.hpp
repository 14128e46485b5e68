// The event trace of a run: what the CLI's --trace writes and what the GUI's
// space-time diagram draws. A sink receives records as the run makes them; nothing
// is recorded when no sink is given.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/net/clocks.hpp"
#include "immersim/state/value.hpp"
#include "immersim/strategies/strategy.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace immersim {

enum class trace_kind : std::uint8_t {
    operation, // a replica made a local change (change id)
    send,      // a message left `node` for `peer`
    deliver,   // a message from `peer` arrived at `node`
    decision,  // a replica integrated a change; `detail` says what happened
    conflict,  // the change (id) was found concurrent with an overlapping change
    fault,     // a fault struck; `detail` names it
};

const char* to_string(trace_kind kind);

// A strategy's reason for its decision at one place, and the oracle's verdict on
// it: the losing write was lost (its winner had not seen it, or nothing won: its
// place was gone), and if so whether the winner was a write the loser had seen (a
// causality violation). A refused OCC attempt, a merge and kept siblings lose
// nothing here.
struct decision_reason {
    strategies::decision_record said;
    bool lost = false;
    bool causality_violation = false;
};

struct trace_record {
    time_ns at_ns = 0;
    trace_kind kind = trace_kind::operation;
    std::uint32_t node = 0;
    std::uint32_t peer = 0;
    std::uint64_t message = 0; // send / deliver: the message id
    std::uint64_t change = 0;  // operation / decision / conflict: the change id
    std::string detail;
    // operation: the replica's state before and after its edit; decision: the
    // integrating replica's state before and after. Handles to shared nodes, so
    // keeping them costs only what differs (what the GUI's inspector shows).
    state::value before;
    state::value after;
    // decision: why the strategy decided as it did, place by place (what it
    // compared, who won, by which rule); empty when nothing competed.
    std::vector<decision_reason> why = {};
    // fault: the nodes it strikes (a partition's sides away from server-0, the
    // nodes isolated, crashed or restarted); empty for heal and restore.
    std::vector<std::uint32_t> nodes = {};
    // send / deliver: the message's size on the wire (`detail` says what it is:
    // "commit on v3", "sync to v4", "reject at v4", "operation", "gossip").
    std::uint32_t bytes = 0;
    // The document the record is about (changes are numbered within their
    // document); 0 for a fault, which strikes nodes, not documents.
    std::uint32_t document = 0;
};

class trace_sink {
public:
    virtual ~trace_sink() = default;
    virtual void record(const trace_record& r) = 0;
    // What each node the records name is, once, before the first record: its
    // name, its physical clock (offset and drift) and whether it serves (what the
    // GUI shows on the lanes, and how it groups them). Records number nodes by
    // their place in this list: in a world of several documents a trace follows
    // one document, and its nodes are that document's members; a trace of every
    // document lists every node of the topology, in node order.
    struct node_facts {
        std::string name;
        net::physical_clock clock;
        bool server = false;
        std::vector<std::uint32_t> documents = {}; // those it holds a replica of
    };
    virtual void nodes(const std::vector<node_facts>& /*per_node*/) {}
    // Which document to follow in a world of several (none: the first one anyone
    // edits). A document no client edits has nothing to trace: the first edited
    // one is followed instead.
    virtual std::optional<std::uint32_t> document() const { return std::nullopt; }
    // Follow every document at once (document() then does not matter): each record
    // says its document, and a change is known by its document and number.
    virtual bool every_document() const { return false; }
    // The document followed, told before the first record (0 in a world of one;
    // not told when every document is followed).
    virtual void follows(std::uint32_t /*document*/) {}
};

} // namespace immersim
