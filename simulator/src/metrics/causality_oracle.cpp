#include "immersim/metrics/causality_oracle.hpp"

#include "immersim/support/assert.hpp"

#include <algorithm>

namespace immersim::metrics {

causality_oracle::causality_oracle(std::size_t nodes) : clocks_(nodes, net::vector_clock(nodes)) {}

void causality_oracle::record_receive(std::uint32_t node, const net::vector_clock& sender_clock) {
    clocks_.at(node).merge(sender_clock);
}

// Changes are recorded in time order, so an earlier change A can never have
// happened after the new change B: A and B are concurrent exactly when B's node has
// not heard of A, that is, B's clock entry for A's node is below A's own count.
// Those A form a suffix of each node's list, so marking them is one index update.
void causality_oracle::check_against(writers& earlier, std::uint32_t node,
                                     std::uint64_t change) {
    const net::vector_clock& known = clocks_[node];
    for (auto& [writer, list] : earlier) {
        if (writer == node)
            continue; // a node's own changes are ordered
        const auto first_unseen = static_cast<std::size_t>(
            std::upper_bound(list.seqs.begin(), list.seqs.end(), known.at(writer)) -
            list.seqs.begin());
        if (first_unseen == list.seqs.size())
            continue;
        conflicting_[change] = true;
        mark_from(list, first_unseen);
    }
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
    IMMERSIM_ASSERT_OP(node, <, clocks_.size());
    clocks_[node].tick(node);
    const std::uint64_t change = conflicting_.size();
    conflicting_.push_back(false);
    nodes_.push_back(node);
    own_counts_.push_back(static_cast<std::uint32_t>(clocks_[node].at(node)));
    for (std::size_t n = 0; n < clocks_.size(); ++n)
        snapshots_.push_back(static_cast<std::uint32_t>(clocks_[node].at(n)));
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
        list.seqs.push_back(clocks_[node].at(node));
        list.changes.push_back(change);
        list.next_unmarked.push_back(static_cast<std::uint32_t>(list.next_unmarked.size()));
    }
    return change;
}

void causality_oracle::record_receive_change(std::uint32_t node, std::uint64_t change) {
    net::vector_clock& clock = clocks_.at(node);
    const std::size_t n = clocks_.size();
    for (std::size_t i = 0; i < n; ++i)
        clock.raise(i, snapshots_.at(change * n + i));
}

void causality_oracle::record_knowledge(std::uint32_t node, std::uint32_t writer,
                                        std::uint64_t count) {
    clocks_.at(node).raise(writer, count);
}

bool causality_oracle::conflicting(std::uint64_t index) const { return conflicting_.at(index); }

bool causality_oracle::happened_before(std::uint64_t a, std::uint64_t b) const {
    IMMERSIM_ASSERT_OP(a, <, nodes_.size());
    IMMERSIM_ASSERT_OP(b, <, nodes_.size());
    if (a == b)
        return false;
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
