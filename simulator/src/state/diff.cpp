// Two-way diff over CHAMP maps and flat lists, skipping shared subtrees.
#include "immersim/state/diff.hpp"

#include "champ.hpp"

namespace immersim::state {

namespace {

using detail::entry_ref;
using detail::map_node;

// One step of the path being compared, on the C++ stack: a key (viewing a key
// stored in a node, alive for the whole diff) or an index. A path is built only
// for a patch that is emitted, at its exact size, so a diff allocates nothing but
// its output.
struct step {
    const step* parent;
    std::string_view key;
    std::size_t index;
    bool is_key;
};

class differ {
public:
    explicit differ(patch_list& out) : out_(out) {}

    void values(const value& from, const value& to, const step* at) {
        if (from.identical(to))
            return;
        if (from.is_map() && to.is_map())
            return maps(detail::value_access::map(from), detail::value_access::map(to), 0, at);
        if (from.is_list() && to.is_list())
            return lists(from, to, at);
        if (!(from == to))
            emit(patch_op::replace, to, at);
    }

private:
    void emit(patch_op op, const value& v, const step* at) {
        std::size_t depth = 0;
        for (const step* s = at; s != nullptr; s = s->parent)
            ++depth;
        path where(depth);
        for (const step* s = at; s != nullptr; s = s->parent) {
            --depth;
            if (s->is_key)
                where[depth].emplace<std::string>(s->key);
            else
                where[depth] = s->index;
        }
        out_.push_back({op, std::move(where), v});
    }

    static step key_step(const step* at, const entry_ref& e) { return {at, e.key.view(), 0, true}; }

    void entry_changed(const entry_ref& from, const value& to, const step* at) {
        const step here = key_step(at, from);
        values(from.val, to, &here);
    }
    void entry_added(const entry_ref& e, const step* at) {
        const step here = key_step(at, e);
        emit(patch_op::add, e.val, &here);
    }
    void entry_removed(const entry_ref& e, const step* at) {
        const step here = key_step(at, e);
        emit(patch_op::remove, value(), &here);
    }
    void all_added(const map_node* n, const step* at) {
        detail::map_visit(n, [&](const entry_ref& e) { entry_added(e, at); });
    }
    void all_removed(const map_node* n, const step* at) {
        detail::map_visit(n, [&](const entry_ref& e) { entry_removed(e, at); });
    }

    // An entry on one side faces a subtree on the other.
    void entry_against_subtree(const entry_ref& entry, const map_node* subtree, bool entry_is_from,
                               const step* at) {
        bool matched = false;
        detail::map_visit(subtree, [&](const entry_ref& other) {
            if (other.key.view() == entry.key.view()) {
                matched = true;
                if (entry_is_from)
                    entry_changed(entry, other.val, at);
                else
                    entry_changed(other, entry.val, at);
            } else if (entry_is_from) {
                entry_added(other, at);
            } else {
                entry_removed(other, at);
            }
        });
        if (!matched) {
            if (entry_is_from)
                entry_removed(entry, at);
            else
                entry_added(entry, at);
        }
    }

    // Collision nodes (below the last hash bit) are compared key by key.
    void collisions(const map_node* from, const map_node* to, const step* at) {
        detail::map_visit(from, [&](const entry_ref& e) {
            const value* other = detail::map_find(to, e.key.hash(), e.key.view());
            if (other == nullptr)
                entry_removed(e, at);
            else
                entry_changed(e, *other, at);
        });
        detail::map_visit(to, [&](const entry_ref& e) {
            if (detail::map_find(from, e.key.hash(), e.key.view()) == nullptr)
                entry_added(e, at);
        });
    }

    void maps(const map_node* from, const map_node* to, unsigned shift, const step* at) {
        if (from == to)
            return;
        if (from->is_collision() || to->is_collision())
            return collisions(from, to, at);
        if (from->datamap == to->datamap && from->nodemap == to->nodemap)
            return same_shape(from, to, shift, at);
        const std::uint32_t occupied = from->datamap | from->nodemap | to->datamap | to->nodemap;
        for (std::uint32_t rest = occupied; rest != 0; rest &= rest - 1) {
            const std::uint32_t bit = rest & (~rest + 1);
            slot(from, to, bit, shift, at);
        }
    }

    // The common case when a value changed and no key was added or removed: both
    // nodes have the same slots, so entries and children pair up by position. When
    // they share their key block (one derives from the other by value changes
    // only), the keys need no comparing at all.
    void same_shape(const map_node* from, const map_node* to, unsigned shift, const step* at) {
        const bool same_keys = from->keys == to->keys;
        for (std::uint32_t i = 0, n = from->entry_count(); i < n; ++i) {
            const entry_ref a = from->entry(i);
            const entry_ref b = to->entry(i);
            if (a.val.identical(b.val) && (same_keys || a.key.same_storage(b.key)))
                continue;
            if (same_keys || a.key.view() == b.key.view()) {
                entry_changed(a, b.val, at);
            } else {
                entry_removed(a, at);
                entry_added(b, at);
            }
        }
        map_node* const* from_children = from->children();
        map_node* const* to_children = to->children();
        for (std::uint32_t i = 0, n = from->child_count(); i < n; ++i)
            if (from_children[i] != to_children[i])
                maps(from_children[i], to_children[i], shift + detail::bits_per_level, at);
    }

    void slot(const map_node* from, const map_node* to, std::uint32_t bit, unsigned shift,
              const step* at) {
        const auto below = [bit](std::uint32_t map) { return detail::bit_count(map & (bit - 1)); };
        const bool from_entry = (from->datamap & bit) != 0;
        const bool to_entry = (to->datamap & bit) != 0;
        const map_node* from_child =
            (from->nodemap & bit) ? from->children()[below(from->nodemap)] : nullptr;
        const map_node* to_child =
            (to->nodemap & bit) ? to->children()[below(to->nodemap)] : nullptr;
        const auto from_at = [&] { return from->entry(below(from->datamap)); };
        const auto to_at = [&] { return to->entry(below(to->datamap)); };

        if (from_entry && to_entry) {
            if (from_at().key.view() == to_at().key.view()) {
                entry_changed(from_at(), to_at().val, at);
            } else {
                entry_removed(from_at(), at);
                entry_added(to_at(), at);
            }
        } else if (from_child && to_child) {
            maps(from_child, to_child, shift + detail::bits_per_level, at);
        } else if (from_entry && to_child) {
            entry_against_subtree(from_at(), to_child, true, at);
        } else if (from_child && to_entry) {
            entry_against_subtree(to_at(), from_child, false, at);
        } else if (from_entry) {
            entry_removed(from_at(), at);
        } else if (to_entry) {
            entry_added(to_at(), at);
        } else if (from_child) {
            all_removed(from_child, at);
        } else if (to_child) {
            all_added(to_child, at);
        }
    }

    void lists(const value& from, const value& to, const step* at) {
        const std::size_t from_size = from.size();
        const std::size_t to_size = to.size();
        const std::size_t common = std::min(from_size, to_size);
        for (std::size_t i = 0; i < common; ++i) {
            const step here{at, {}, i, false};
            values(from.at(i), to.at(i), &here);
        }
        for (std::size_t i = common; i < to_size; ++i) {
            const step here{at, {}, i, false};
            emit(patch_op::add, to.at(i), &here);
        }
        for (std::size_t i = from_size; i > common; --i) {
            const step here{at, {}, i - 1, false};
            emit(patch_op::remove, value(), &here);
        }
    }

    patch_list& out_;
};

} // namespace

patch_list diff(const value& from, const value& to) {
    patch_list out;
    differ(out).values(from, to, nullptr);
    return out;
}

} // namespace immersim::state
