// The one interface every conflict-handling strategy implements. A strategy never
// sees the network: the runner hands it a change and the replica's current state,
// and it returns the state after integrating the change and what it decided about
// the change's writes. A strategy decides only with what a real replica would
// have: the change and its metadata (timestamps, the version it was made on) and
// what its own book remembers. It never sees the run's god's-eye causality judge
// or a metric: the run layer classifies its decisions afterwards, the same way
// for every strategy (a build check, `strategy_boundary`, holds this line).
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/net/clocks.hpp"
#include "immersim/net/topology.hpp"
#include "immersim/random/generator.hpp"
#include "immersim/scenario/strategy_config.hpp"
#include "immersim/state/patch.hpp"
#include "immersim/state/value.hpp"
#include "immersim/strategies/merge_functions.hpp"
#include "immersim/workload/intent.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace immersim::strategies {

// When and where a change was made, by every clock a resolver may use.
struct stamp {
    time_ns physical = 0;          // the node's (skewed, drifting) wall clock
    std::uint64_t lamport = 0;
    net::hlc_timestamp hlc;
};

// One local edit by one replica: the intent, the states before and after, and the
// patches between them. Ids are unique and in creation order, so a strategy may
// use them as it would use (node, counter) dots.
struct change {
    std::uint64_t id = 0;
    std::uint64_t intent_id = 0;   // OCC retries of one intent share it
    std::uint32_t node = 0;
    std::uint64_t sequence = 0;    // the node's own count of its changes (1 for its first)
    std::uint32_t attempt = 0;     // 0 for the first try
    workload::intent what;
    state::value before;
    state::value after;
    state::patch_list patches;     // lists are replaced whole (see written_places)
    std::vector<state::path> writes;
    time_ns created_ns = 0;        // true simulated time
    stamp at;
    std::uint64_t base_version = 0; // the authority version the edit was made on
    std::vector<std::uint64_t> removed_tags; // crdt: the set tags a remove observed
    std::vector<std::uint64_t> anchors;      // crdt: per part, where a sequence edit lands
};

// The patches of a change as registers see them: a change inside a list (an insert,
// a removal, an element replaced) becomes one replace of the whole list, because
// list indices shift and two index-based edits cannot be ordered independently.
state::patch_list written_places(const state::patch_list& patches, const state::value& before,
                                 const state::value& after);

// The change named by `outcome::lost_to` when a write lost to no rival write (the
// place it wrote was gone).
inline constexpr std::uint64_t no_rival = ~std::uint64_t{0};

// Why an integration decided as it did at one place, in the strategy's own terms:
// what it compared, with the values it compared, and the rule that settled it. For
// the trace and the GUI's inspector. A strategy fills these only when the run asks
// (integrate_context::explain, set while a trace is recorded), so a run without a
// trace pays nothing; they never change a decision.
struct decision_record {
    state::path where;               // the place decided (empty: the change as a whole)
    std::uint64_t winner = no_rival; // the change whose write stays there, if one does
    std::uint64_t loser = no_rival;  // the change whose write lost, or was refused
    std::string compared;            // "change 17 at HLC 12.004000 s+0 against ..."
    std::string rule;                // "lww by HLC: the larger timestamp stays"
};

// A stamp as an explanation shows it: "12.004000 s" (physical), "Lamport 41",
// "HLC 12.004000 s+3".
std::string format_stamp(const stamp& s, timestamp_clock clock);

// What integrating a change did. Writes that lost to, or replaced, another change's
// write name that change: whether the two were concurrent, or one had seen the
// other, is for the observer to judge, not the strategy.
struct outcome {
    bool accepted = true;                 // false: OCC rejected the change
    std::uint32_t applied = 0;            // writes that took effect
    std::uint32_t discarded = 0;          // a merge function's discarded side
    std::uint32_t auto_merged = 0;
    std::uint32_t merge_conflicts = 0;
    std::uint32_t kept_both = 0;
    std::vector<std::uint64_t> lost_to;  // per write of this change that lost: the winner
    std::vector<std::uint64_t> replaced; // changes whose stored writes this one replaced
    std::vector<decision_record> why;    // only when asked (integrate_context::explain)
};

struct integrate_result {
    state::value next;
    outcome result;
};

// What a replica remembers besides its document (write timestamps, the write log,
// CRDT metadata); each strategy keeps its own kind.
class replica_book {
public:
    virtual ~replica_book() = default;
};

struct integrate_context {
    std::uint64_t version = 0; // the replica's version before this change
    bool explain = false;      // fill outcome::why
};

class strategy {
public:
    virtual ~strategy() = default;

    // The authority (client-server) or every replica (peer-to-peer, and CRDTs in
    // both) integrates a change into `current`. Deterministic: the result depends
    // only on its arguments and the book.
    virtual integrate_result integrate(replica_book& book, const state::value& current,
                                       const change& c, const integrate_context& ctx) = 0;
    virtual std::unique_ptr<replica_book> new_book(const state::value& initial) const;
    // Once, before the run: the nodes it runs on. Changes and replicas name them by
    // their number in the document: local number i is node `members[i]` of `nodes`
    // (priority resolves its ranking here).
    virtual void meet(const net::topology& /*nodes*/, std::span<const net::node_id> /*members*/) {}

    // Needs one authoritative server (merge, occ, resolver fww/priority).
    virtual bool needs_authority() const { return false; }
    // Changes travel as operations and every replica integrates them (crdt).
    virtual bool op_based() const { return false; }
    // Clients commit one change at a time and wait for the verdict (occ).
    virtual bool acknowledged() const { return false; }

    // crdt: fills in what a remove observed, at its origin, before it travels.
    virtual void prepare_local(replica_book&, change&) const {}

    // Acknowledged strategies, at the client whose change was rejected: try the
    // intent again on fresh state after the returned wait, or give up (none) and
    // tell the user. Random choices come from `client_stream`, the client's own.
    virtual std::optional<time_ns> retry_after(const change& /*rejected*/,
                                               generator& /*client_stream*/) const {
        return std::nullopt;
    }

    // The bytes of metadata this replica keeps to decide (timestamps, version tags,
    // tags and tombstones, a log of written places), by the formulas in
    // docs/metrics.md; what a book keeps only so that the run can be measured is
    // not counted. 0 for a strategy that decides with the document alone.
    virtual std::uint64_t metadata_bytes(const replica_book&) const { return 0; }
};

// The bytes a path takes in metadata: a map key its characters plus a length byte,
// a list index 8.
std::uint64_t path_bytes(const state::path& where);

// Builds a strategy from its configuration. `merge_functions` supplies the merge
// functions (built-ins plus the user's).
std::unique_ptr<strategy> make_strategy(const strategy_config& config,
                                        const merge_registry& merge_functions);

} // namespace immersim::strategies
