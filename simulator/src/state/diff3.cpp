// Three-way classification of changes: which merge without question, which clash.
#include "immersim/state/diff.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace immersim::state {

namespace {

// Groups overlapping changes; elements 0..n-1 are ours, n.. are theirs.
class groups {
public:
    explicit groups(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent_[x] != x)
            x = parent_[x] = parent_[parent_[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

private:
    std::vector<std::size_t> parent_;
};

// Calls f(index of theirs) for every change of theirs whose path overlaps `p`.
template <typename F>
void for_each_overlap(const path& p, const std::map<path, std::size_t>& theirs, F&& f) {
    // Paths of theirs that are prefixes of p (including p itself).
    path prefix;
    for (std::size_t k = 0; k < p.size(); ++k) {
        if (auto it = theirs.find(prefix); it != theirs.end())
            f(it->second);
        prefix.push_back(p[k]);
    }
    // Paths that extend p (or equal it) form one contiguous range in sorted order.
    for (auto it = theirs.lower_bound(p); it != theirs.end() && is_prefix(p, it->first); ++it)
        f(it->second);
}

} // namespace

diff3_result diff3(const value& base, const value& ours, const value& theirs) {
    const patch_list mine = diff(base, ours);
    const patch_list other = diff(base, theirs);
    diff3_result result;

    // Identical changes on both sides are agreed, not in conflict.
    std::map<path, std::size_t> open_theirs;
    for (std::size_t j = 0; j < other.size(); ++j)
        open_theirs.emplace(other[j].where, j);
    std::vector<bool> agreed_ours(mine.size(), false);
    std::vector<bool> agreed_theirs(other.size(), false);
    for (std::size_t i = 0; i < mine.size(); ++i) {
        const auto it = open_theirs.find(mine[i].where);
        if (it != open_theirs.end() && other[it->second] == mine[i]) {
            agreed_ours[i] = agreed_theirs[it->second] = true;
            result.both_same.push_back(mine[i]);
            open_theirs.erase(it);
        }
    }

    const std::size_t n = mine.size();
    groups overlap(n + other.size());
    std::vector<bool> clashing(n + other.size(), false);
    for (std::size_t i = 0; i < n; ++i) {
        if (agreed_ours[i])
            continue;
        for_each_overlap(mine[i].where, open_theirs, [&](std::size_t j) {
            clashing[i] = clashing[n + j] = true;
            overlap.join(i, n + j);
        });
    }

    std::map<std::size_t, conflict> by_group;
    for (std::size_t i = 0; i < n; ++i) {
        if (agreed_ours[i])
            continue;
        if (!clashing[i]) {
            result.ours_only.push_back(mine[i]);
            continue;
        }
        by_group[overlap.find(i)].ours.push_back(mine[i]);
    }
    for (std::size_t j = 0; j < other.size(); ++j) {
        if (agreed_theirs[j])
            continue;
        if (!clashing[n + j]) {
            result.theirs_only.push_back(other[j]);
            continue;
        }
        by_group[overlap.find(n + j)].theirs.push_back(other[j]);
    }
    for (auto& [root, c] : by_group) {
        // A group is named by its shortest path, which is a prefix of all the others.
        c.where = c.ours.front().where;
        for (const patch_list* side : {&c.ours, &c.theirs})
            for (const patch& p : *side)
                if (p.where.size() < c.where.size())
                    c.where = p.where;
        result.conflicts.push_back(std::move(c));
    }
    std::sort(result.conflicts.begin(), result.conflicts.end(),
              [](const conflict& a, const conflict& b) { return a.where < b.where; });
    return result;
}

} // namespace immersim::state
