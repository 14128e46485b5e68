// Two-way diff over CHAMP maps and flat lists, skipping shared subtrees.
#include "immersim/state/diff.hpp"

#include "champ.hpp"

namespace immersim::state {

namespace {

using detail::map_entry;
using detail::map_node;

class differ {
public:
    explicit differ(patch_list& out) : out_(out) {}

    void values(const value& from, const value& to) {
        if (from.identical(to))
            return;
        if (from.is_map() && to.is_map())
            return maps(detail::value_access::map(from), detail::value_access::map(to), 0);
        if (from.is_list() && to.is_list())
            return lists(from, to);
        if (!(from == to))
            emit(patch_op::replace, to);
    }

private:
    void emit(patch_op op, const value& v) { out_.push_back({op, where_, v}); }

    void entry_changed(const map_entry& from, const value& to) {
        where_.emplace_back(std::string(from.key.view()));
        values(from.val, to);
        where_.pop_back();
    }
    void entry_added(const map_entry& e) {
        where_.emplace_back(std::string(e.key.view()));
        emit(patch_op::add, e.val);
        where_.pop_back();
    }
    void entry_removed(const map_entry& e) {
        where_.emplace_back(std::string(e.key.view()));
        emit(patch_op::remove, value());
        where_.pop_back();
    }
    void all_added(const map_node* n) {
        detail::map_visit(n, [&](const map_entry& e) { entry_added(e); });
    }
    void all_removed(const map_node* n) {
        detail::map_visit(n, [&](const map_entry& e) { entry_removed(e); });
    }

    // An entry on one side faces a subtree on the other.
    void entry_against_subtree(const map_entry& entry, const map_node* subtree, bool entry_is_from) {
        bool matched = false;
        detail::map_visit(subtree, [&](const map_entry& other) {
            if (other.key.view() == entry.key.view()) {
                matched = true;
                if (entry_is_from)
                    entry_changed(entry, other.val);
                else
                    entry_changed(other, entry.val);
            } else if (entry_is_from) {
                entry_added(other);
            } else {
                entry_removed(other);
            }
        });
        if (!matched) {
            if (entry_is_from)
                entry_removed(entry);
            else
                entry_added(entry);
        }
    }

    // Collision nodes (below the last hash bit) are compared key by key.
    void collisions(const map_node* from, const map_node* to) {
        detail::map_visit(from, [&](const map_entry& e) {
            const value* other = detail::map_find(to, e.key.hash(), e.key.view());
            if (other == nullptr)
                entry_removed(e);
            else
                entry_changed(e, *other);
        });
        detail::map_visit(to, [&](const map_entry& e) {
            if (detail::map_find(from, e.key.hash(), e.key.view()) == nullptr)
                entry_added(e);
        });
    }

    void maps(const map_node* from, const map_node* to, unsigned shift) {
        if (from == to)
            return;
        if (from->is_collision() || to->is_collision())
            return collisions(from, to);
        if (from->datamap == to->datamap && from->nodemap == to->nodemap)
            return same_shape(from, to, shift);
        const std::uint32_t occupied =
            from->datamap | from->nodemap | to->datamap | to->nodemap;
        for (std::uint32_t rest = occupied; rest != 0; rest &= rest - 1) {
            const std::uint32_t bit = rest & (~rest + 1);
            slot(from, to, bit, shift);
        }
    }

    // The common case when a value changed and no key was added or removed: both
    // nodes have the same slots, so entries and children pair up by position.
    void same_shape(const map_node* from, const map_node* to, unsigned shift) {
        const map_entry* from_entries = from->entries();
        const map_entry* to_entries = to->entries();
        for (std::uint32_t i = 0, n = from->entry_count(); i < n; ++i) {
            const map_entry& a = from_entries[i];
            const map_entry& b = to_entries[i];
            if (a.key.same_storage(b.key) && a.val.identical(b.val))
                continue;
            if (a.key.view() == b.key.view()) {
                entry_changed(a, b.val);
            } else {
                entry_removed(a);
                entry_added(b);
            }
        }
        map_node* const* from_children = from->children();
        map_node* const* to_children = to->children();
        for (std::uint32_t i = 0, n = from->child_count(); i < n; ++i)
            if (from_children[i] != to_children[i])
                maps(from_children[i], to_children[i], shift + detail::bits_per_level);
    }

    void slot(const map_node* from, const map_node* to, std::uint32_t bit, unsigned shift) {
        const auto below = [bit](std::uint32_t map) {
            return detail::bit_count(map & (bit - 1));
        };
        const map_entry* from_entry =
            (from->datamap & bit) ? &from->entries()[below(from->datamap)] : nullptr;
        const map_entry* to_entry = (to->datamap & bit) ? &to->entries()[below(to->datamap)] : nullptr;
        const map_node* from_child =
            (from->nodemap & bit) ? from->children()[below(from->nodemap)] : nullptr;
        const map_node* to_child = (to->nodemap & bit) ? to->children()[below(to->nodemap)] : nullptr;

        if (from_entry && to_entry) {
            if (from_entry->key.view() == to_entry->key.view()) {
                entry_changed(*from_entry, to_entry->val);
            } else {
                entry_removed(*from_entry);
                entry_added(*to_entry);
            }
        } else if (from_child && to_child) {
            maps(from_child, to_child, shift + detail::bits_per_level);
        } else if (from_entry && to_child) {
            entry_against_subtree(*from_entry, to_child, true);
        } else if (from_child && to_entry) {
            entry_against_subtree(*to_entry, from_child, false);
        } else if (from_entry) {
            entry_removed(*from_entry);
        } else if (to_entry) {
            entry_added(*to_entry);
        } else if (from_child) {
            all_removed(from_child);
        } else if (to_child) {
            all_added(to_child);
        }
    }

    void lists(const value& from, const value& to) {
        const std::size_t from_size = from.size();
        const std::size_t to_size = to.size();
        const std::size_t common = std::min(from_size, to_size);
        for (std::size_t i = 0; i < common; ++i) {
            where_.emplace_back(i);
            values(from.at(i), to.at(i));
            where_.pop_back();
        }
        for (std::size_t i = common; i < to_size; ++i) {
            where_.emplace_back(i);
            emit(patch_op::add, to.at(i));
            where_.pop_back();
        }
        for (std::size_t i = from_size; i > common; --i) {
            where_.emplace_back(i - 1);
            emit(patch_op::remove, value());
            where_.pop_back();
        }
    }

    patch_list& out_;
    path where_;
};

} // namespace

patch_list diff(const value& from, const value& to) {
    patch_list out;
    differ(out).values(from, to);
    return out;
}

} // namespace immersim::state
