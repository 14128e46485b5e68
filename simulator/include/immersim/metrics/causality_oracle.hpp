// The strategy-independent judge of conflicts. It follows causality with vector
// clocks, as the changes and messages of a run happen, and calls two changes in
// conflict when they are concurrent (neither knew of the other) and their written
// paths overlap (equal, or one a prefix of the other). Every strategy is measured
// by the same oracle, so their conflict rates compare fairly.
//
// It follows knowledge one of two ways, the same verdicts either way:
//   vector clocks   any protocol: each node keeps a clock of every node's count,
//                   each change a copy of its node's clock. O(nodes) per node and
//                   per change, so a run's cost grows with the square of its nodes.
//   authority log   client-server: everything a client learns
//                   comes from the authority's versions, so a node knows a prefix
//                   of the authority's log of changes taken, plus its own changes
//                   (the definition in docs/metrics.md). O(1) per node and change.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/net/clocks.hpp"
#include "immersim/state/path.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace immersim::metrics {

struct conflict_summary {
    std::uint64_t changes = 0;
    std::uint64_t conflicting_changes = 0; // changes in at least one conflict
    double conflict_rate() const {
        return changes == 0 ? 0.0 : static_cast<double>(conflicting_changes) / changes;
    }
};

class causality_oracle {
public:
    // Vector-clock mode.
    explicit causality_oracle(std::size_t nodes);
    // Authority-log mode: knowledge reaches nodes only through `authority`, which
    // learns changes one at a time (record_knowledge on the authority appends to
    // its log); the others learn what it had learned (record_knowledge on them
    // names a change it took). record_receive* are not allowed.
    causality_oracle(std::size_t nodes, std::uint32_t authority);

    // `node` makes a change writing `writes`, in simulated-time order (each call at
    // or after the previous one). Returns the change's index. The node's clock
    // ticks; the change is checked against every earlier change on an overlapping
    // path that this node has not heard of. Cost: O(overlapping paths x nodes x log).
    std::uint64_t record_change(std::uint32_t node, const std::vector<state::path>& writes);

    // `node` received a message sent with `sender_clock`: it now knows all that the
    // sender knew.
    void record_receive(std::uint32_t node, const net::vector_clock& sender_clock);

    // `node` received change `change` itself (an operation, peer to peer): it now
    // knows all that the change's node knew when it made it.
    void record_receive_change(std::uint32_t node, std::uint64_t change);
    // `node` learned of change `change` and of every earlier change of its node (a
    // client reading an authority's version: the authority's knowledge grows one
    // change at a time, so a version is summarised by the changes it took in).
    // Named by index, not by (node, count): a client adopting a version learns one
    // change per delivery, and the index reaches the log in one step.
    void record_knowledge(std::uint32_t node, std::uint64_t change);
    // The node's own count at the change (its position among that node's changes).
    std::uint64_t own_count(std::uint64_t change) const { return own_counts_.at(change); }

    // The node's vector clock (vector-clock mode only).
    const net::vector_clock& clock_of(std::uint32_t node) const { return clocks_.at(node); }

    // Whether change `index` conflicts with any other change.
    bool conflicting(std::uint64_t index) const;

    // True when change `a` happened before change `b`: b's node had heard of a when
    // it made b (directly or through others). Strategies that must tell a causally
    // later write from a concurrent one (first-writer-wins, priority, the count of
    // causality violations under LWW) ask here, as a real system would ask its
    // version vectors. Each change keeps its node's clock: O(nodes) memory per change.
    bool happened_before(std::uint64_t a, std::uint64_t b) const;
    std::uint32_t node_of(std::uint64_t change) const { return nodes_.at(change); }
    conflict_summary summary() const;

private:
    // One node's changes to one path, in order.
    struct by_node {
        std::vector<std::uint64_t> seqs;    // the node's own clock value at each change
        std::vector<std::uint64_t> changes; // change indices, same order
        // next_unmarked[i]: the first entry at or after i not yet marked as in a
        // conflict (path-compressed), so that each entry is marked once.
        std::vector<std::uint32_t> next_unmarked;
    };
    using writers = std::map<std::uint32_t, by_node>;

    // The authority's log and what each node has of it (authority-log mode).
    struct authority_log {
        std::uint32_t authority = 0;
        std::uint32_t length = 0;                     // changes taken so far
        std::vector<std::uint32_t> known;             // per node: log prefix it knows
        std::vector<std::uint32_t> own;               // per node: its own changes so far
        std::vector<std::uint32_t> position;          // per change: 1-based, 0 = not taken
        std::vector<std::uint32_t> known_at;          // per change: its node's prefix then
    };

    void check_against(writers& earlier, std::uint32_t node, std::uint64_t change);
    // The first entry of `list` (`writer`'s changes to one path) that `node` has
    // not heard of; list size if it heard of all.
    std::size_t first_unseen(const by_node& list, std::uint32_t writer, std::uint32_t node) const;
    std::uint32_t tick(std::uint32_t node);
    void mark_from(by_node& list, std::size_t first);

    std::optional<authority_log> log_;
    std::vector<net::vector_clock> clocks_; // vector-clock mode
    std::map<state::path, writers> by_path_;
    std::vector<bool> conflicting_;
    std::vector<std::uint32_t> nodes_;        // the node of each change
    std::vector<std::uint32_t> own_counts_;   // its node's own count at the change
    std::vector<std::uint32_t> snapshots_;    // vector-clock mode: clocks at each change
};

} // namespace immersim::metrics
