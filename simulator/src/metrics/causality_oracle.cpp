#include "immersim/metrics/causality_oracle.hpp"

#include "immersim/support/assert.hpp"

#include <algorithm>

namespace immersim::metrics {

causality_oracle::causality_oracle(std::size_t nodes) : clocks_(nodes, net::vector_clock(nodes)) {}

causality_oracle::causality_oracle(std::size_t nodes, std::uint32_t authority) {
    IMMERSIM_ASSERT_OP(authority, <, nodes);
    authority_log log;
    log.authority = authority;
    log.known.assign(nodes, 0);
    log.own.assign(nodes, 0);
    log_ = std::move(log);
}

void causality_oracle::record_receive(std::uint32_t node, const net::vector_clock& sender_clock) {
    IMMERSIM_ASSERT(!log_);
    clocks_.at(node).merge(sender_clock);
}

// Changes are recorded in time order, so an earlier change A can never have
// happened after the new change B: A and B are concurrent exactly when B's node has
// not heard of A, that is, B's clock entry for A's node is below A's own count.
// Those A form a suffix of each node's list, so marking them is one index update.
void causality_oracle::check_against(writers& earlier, std::uint32_t node, std::uint64_t change) {
    for (auto& [writer, list] : earlier) {
        if (writer == node)
            continue; // a node's own changes are ordered
        const std::size_t first = first_unseen(list, writer, node);
        if (first == list.changes.size())
            continue;
        conflicting_[change] = true;
        mark_from(list, first);
    }
}

// A writer's changes reach a node in the writer's order, so the ones the node has
// heard of are a prefix of the list. Under the authority, the writer's changes are
// taken in order too, so their log positions rise along the list (0, not taken
// yet, only at its end).
std::size_t causality_oracle::first_unseen(const by_node& list, std::uint32_t writer,
                                           std::uint32_t node) const {
    if (!log_)
        return static_cast<std::size_t>(
            std::upper_bound(list.seqs.begin(), list.seqs.end(), clocks_[node].at(writer)) -
            list.seqs.begin());
    const std::uint32_t known = log_->known[node];
    const auto heard = [&](std::uint64_t c) {
        const std::uint32_t at = log_->position[c];
        return at != 0 && at <= known;
    };
    return static_cast<std::size_t>(
        std::partition_point(list.changes.begin(), list.changes.end(), heard) -
        list.changes.begin());
}

void causality_oracle::mark_from(by_node& list, std::size_t first) {
    auto& next = list.next_unmarked;
    const auto find = [&next](std::size_t i) {
        std::size_t root = i;
        while (root < next.size() && next[root] != root)
            root = next[root];
        while (i < next.size() && next[i] != i) { // path compression
            const std::size_t up = next[i];
            next[i] = static_cast<std::uint32_t>(root);
            i = up;
        }
        return root;
    };
    for (std::size_t i = find(first); i < next.size(); i = find(i + 1)) {
        conflicting_[list.changes[i]] = true;
        next[i] = static_cast<std::uint32_t>(i + 1);
    }
}

std::uint64_t causality_oracle::record_change(std::uint32_t node,
                                              const std::vector<state::path>& writes) {
    const std::uint64_t change = conflicting_.size();
    const std::uint32_t own = tick(node);
    conflicting_.push_back(false);
    nodes_.push_back(node);
    own_counts_.push_back(own);
    for (const state::path& p : writes) {
        // Writers at p itself and at every prefix of p...
        state::path prefix;
        for (std::size_t k = 0; k <= p.size(); ++k) {
            if (const auto it = by_path_.find(prefix); it != by_path_.end())
                check_against(it->second, node, change);
            if (k < p.size())
                prefix.push_back(p[k]);
        }
        // ...and below p (a contiguous range in path order), p itself excluded.
        for (auto it = by_path_.upper_bound(p); it != by_path_.end() && state::is_prefix(p, it->first);
             ++it)
            check_against(it->second, node, change);
    }
    for (const state::path& p : writes) {
        by_node& list = by_path_[p][node];
        if (!list.changes.empty() && list.changes.back() == change)
            continue; // the same path twice in one change
        list.seqs.push_back(own);
        list.changes.push_back(change);
        list.next_unmarked.push_back(static_cast<std::uint32_t>(list.next_unmarked.size()));
    }
    return change;
}

// The node's own count rises by one, and the change keeps what its node knew.
std::uint32_t causality_oracle::tick(std::uint32_t node) {
    if (log_) {
        IMMERSIM_ASSERT_OP(node, <, log_->known.size());
        IMMERSIM_ASSERT_OP(node, !=, log_->authority); // it takes changes, makes none
        log_->position.push_back(0);
        log_->known_at.push_back(log_->known[node]);
        return ++log_->own[node];
    }
    IMMERSIM_ASSERT_OP(node, <, clocks_.size());
    clocks_[node].tick(node);
    for (std::size_t n = 0; n < clocks_.size(); ++n)
        snapshots_.push_back(static_cast<std::uint32_t>(clocks_[node].at(n)));
    return static_cast<std::uint32_t>(clocks_[node].at(node));
}

void causality_oracle::record_receive_change(std::uint32_t node, std::uint64_t change) {
    IMMERSIM_ASSERT(!log_);
    net::vector_clock& clock = clocks_.at(node);
    const std::size_t n = clocks_.size();
    for (std::size_t i = 0; i < n; ++i)
        clock.raise(i, snapshots_.at(change * n + i));
}

void causality_oracle::record_knowledge(std::uint32_t node, std::uint64_t change) {
    IMMERSIM_ASSERT_OP(change, <, nodes_.size());
    if (!log_) {
        clocks_.at(node).raise(nodes_[change], own_counts_[change]);
        return;
    }
    std::uint32_t& known = log_->known.at(node);
    if (node == log_->authority) {
        IMMERSIM_ASSERT_OP(log_->position[change], ==, 0u); // taken once, in order
        log_->position[change] = ++log_->length;
        known = log_->length;
        return;
    }
    const std::uint32_t at = log_->position[change];
    IMMERSIM_ASSERT_OP(at, !=, 0u); // clients learn only what the authority took
    known = std::max(known, at);
}

bool causality_oracle::conflicting(std::uint64_t index) const { return conflicting_.at(index); }

bool causality_oracle::happened_before(std::uint64_t a, std::uint64_t b) const {
    IMMERSIM_ASSERT_OP(a, <, nodes_.size());
    IMMERSIM_ASSERT_OP(b, <, nodes_.size());
    if (a == b)
        return false;
    if (log_) {
        if (nodes_[a] == nodes_[b])
            return own_counts_[a] <= own_counts_[b];
        const std::uint32_t at = log_->position[a];
        return at != 0 && at <= log_->known_at[b];
    }
    const std::uint32_t known = snapshots_[b * clocks_.size() + nodes_[a]];
    return known >= own_counts_[a];
}

conflict_summary causality_oracle::summary() const {
    conflict_summary s;
    s.changes = conflicting_.size();
    s.conflicting_changes =
        static_cast<std::uint64_t>(std::count(conflicting_.begin(), conflicting_.end(), true));
    return s;
}

} // namespace immersim::metrics
