// Three-way merge by "anchored" changes. Every change is lifted to its anchor: the
// shortest prefix of its path that a policy pattern names, or that holds a list.
// Changes are then grouped where their anchors overlap, and each group is either
// one side's (taken as it is) or both sides' (settled by the merge function).
//
// Why anchors: a list diff is index by index, so after ours inserts into a list,
// theirs' index-based changes would land on the wrong elements. Treating a list,
// and any place a pattern names, as one unit avoids that; the merge function for
// it (union, list-by-id, lww...) then sees whole values.
#include "immersim/strategies/three_way_merge.hpp"

#include "immersim/state/diff.hpp"

#include <array>
#include <map>

namespace immersim::strategies {

using state::patch;
using state::patch_op;
using state::value;

namespace {

const value* lookup(const value& root, const state::path& where) {
    return state::value_at(root, where);
}

bool same(const value* a, const value* b) {
    if (a == nullptr || b == nullptr)
        return a == b;
    return *a == *b;
}

// Puts `v` at `where` (removes the place when `v` is empty). The parent exists:
// groups are anchored no deeper than where both sides still agree on structure.
value put(const value& root, const state::path& where, const std::optional<value>& v) {
    if (where.empty())
        return v.value_or(value());
    patch p;
    if (v) {
        const bool in_list = std::holds_alternative<std::size_t>(where.back());
        p = {in_list && lookup(root, where) != nullptr ? patch_op::replace : patch_op::add, where,
             *v};
    } else {
        if (lookup(root, where) == nullptr)
            return root;
        p = {patch_op::remove, where, {}};
    }
    const state::apply_result applied = state::apply_patches(root, std::span<const patch>(&p, 1));
    return applied.error ? root : applied.state;
}

struct documents {
    const value& base;
    const value& ours;
    const value& theirs;
};

// The three documents are walked down the path together, one step a prefix:
// looking each prefix up from the root again was quadratic in the depth.
state::path anchor_of(const state::path& where, const documents& d, const merge_policy& policy) {
    state::path prefix;
    std::array<const value*, 3> at{&d.base, &d.ours, &d.theirs};
    for (const state::path_element& element : where) {
        prefix.push_back(element);
        if (prefix.size() == where.size())
            break;
        bool holds_list = false;
        for (const value*& doc : at) {
            doc = state::value_step(doc, element);
            holds_list = holds_list || (doc != nullptr && doc->is_list());
        }
        if (policy.names(prefix) || holds_list)
            return prefix;
    }
    return where;
}

constexpr int from_ours = 1;
constexpr int from_theirs = 2;

} // namespace

merge_result three_way_merge(const value& base, const value& ours, const value& theirs,
                             const merge_policy& policy) {
    merge_result result{ours, {}, {}};
    if (theirs.identical(base))
        return result;
    const documents docs{base, ours, theirs};
    // Anchors of both sides' changes, in path order: a place's descendants follow it.
    std::map<state::path, int> anchors;
    for (const patch& p : state::diff(base, ours))
        anchors[anchor_of(p.where, docs, policy)] |= from_ours;
    for (const patch& p : state::diff(base, theirs))
        anchors[anchor_of(p.where, docs, policy)] |= from_theirs;

    for (auto it = anchors.begin(); it != anchors.end();) {
        const state::path root = it->first;
        int sides = 0;
        for (; it != anchors.end() && state::is_prefix(root, it->first); ++it)
            sides |= it->second;
        const value* at_theirs = lookup(theirs, root);
        if (sides == from_ours) {
            ++result.stats.auto_merged;
        } else if (sides == from_theirs) {
            result.merged = put(result.merged, root, at_theirs ? std::optional(*at_theirs) : std::nullopt);
            ++result.stats.auto_merged;
        } else if (same(lookup(ours, root), at_theirs) && !policy.names(root)) {
            // The same change on both sides. Not at a place a pattern names: there the
            // function decides, because two equal changes to a counter are two
            // increments, not one.
            ++result.stats.auto_merged;
        } else {
            const merge_output out = policy.function_for(root)(
                {lookup(base, root), lookup(ours, root), at_theirs, root});
            ++result.stats.conflicts;
            result.conflict_places.push_back(root);
            result.stats.overwritten += out.overwritten;
            result.stats.kept_both += out.kept_both;
            result.merged = put(result.merged, root, out.merged);
        }
    }
    return result;
}

} // namespace immersim::strategies
