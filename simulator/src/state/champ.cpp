#include "champ.hpp"

#include "immersim/support/assert.hpp"

#include <cstring>
#include <new>

namespace immersim::state::detail {

namespace {

std::uint32_t slot_bit(std::uint64_t hash, unsigned shift) {
    return std::uint32_t{1} << ((hash >> shift) & 31);
}

std::uint32_t index_below(std::uint32_t bitmap, std::uint32_t bit) {
    return bit_count(bitmap & (bit - 1));
}

std::uint64_t entry_hash_of(const map_entry& e) { return entry_hash(e.key.hash(), e.val); }

// A fresh node with room for the given numbers of entries and children. The
// caller constructs the entries and fills the children.
map_node* allocate_map(node_kind kind, std::uint32_t entries, std::uint32_t children) {
    const std::size_t bytes =
        sizeof(map_node) + entries * sizeof(map_entry) + children * sizeof(void*);
    auto* node = static_cast<map_node*>(allocate_node(bytes));
    node->header = {1, kind};
    node->datamap = 0;
    node->nodemap = 0;
    node->count = 0;
    node->hash = 0;
    return node;
}

void copy_entry(map_entry* to, const map_entry& from) { new (to) map_entry(from); }

void copy_child(map_node** to, map_node* from) {
    retain(&from->header);
    *to = from;
}

// Copies `count` child pointers and takes a reference to each. The reference
// counts live in the children themselves, one cache line each; touching them all
// is the main cost of path copying, so the loads are issued together first.
void copy_children(map_node** to, map_node* const* from, std::uint32_t count) {
    for (std::uint32_t i = 0; i < count; ++i)
        __builtin_prefetch(from[i], 1);
    for (std::uint32_t i = 0; i < count; ++i) {
        ++from[i]->header.refcount;
        to[i] = from[i];
    }
}

// Copies `node` with entry `index` replaced by (key, v).
map_node* with_entry_value(const map_node* node, std::uint32_t index, const value& v) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    map_node* copy = allocate_map(node->header.kind, entries, children);
    copy->datamap = node->datamap;
    copy->nodemap = node->nodemap;
    for (std::uint32_t i = 0; i < entries; ++i) {
        copy_entry(copy->entries() + i, node->entries()[i]);
    }
    copy->entries()[index].val = v;
    copy_children(copy->children(), node->children(), children);
    copy->count = node->count;
    copy->hash = node->hash - entry_hash_of(node->entries()[index]) +
                 entry_hash_of(copy->entries()[index]);
    return copy;
}

// Copies `node` with child `index` replaced by `child` (whose reference it takes).
map_node* with_child(const map_node* node, std::uint32_t index, map_node* child) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    map_node* copy = allocate_map(node->header.kind, entries, children);
    copy->datamap = node->datamap;
    copy->nodemap = node->nodemap;
    for (std::uint32_t i = 0; i < entries; ++i)
        copy_entry(copy->entries() + i, node->entries()[i]);
    map_node** to = copy->children();
    map_node* const* from = node->children();
    copy_children(to, from, index);
    to[index] = child;
    copy_children(to + index + 1, from + index + 1, children - index - 1);
    const map_node* old = from[index];
    copy->count = node->count - old->count + child->count;
    copy->hash = node->hash - old->hash + child->hash;
    return copy;
}

// Copies an inner node with a new entry inserted at `bit`.
map_node* with_new_entry(const map_node* node, std::uint32_t bit, const map_key& key,
                         const value& v) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    const std::uint32_t at = index_below(node->datamap, bit);
    map_node* copy = allocate_map(node_kind::map_inner, entries + 1, children);
    copy->datamap = node->datamap | bit;
    copy->nodemap = node->nodemap;
    for (std::uint32_t i = 0, j = 0; i < entries + 1; ++i) {
        if (i == at)
            new (copy->entries() + i) map_entry{key, v};
        else
            copy_entry(copy->entries() + i, node->entries()[j++]);
    }
    copy_children(copy->children(), node->children(), children);
    copy->count = node->count + 1;
    copy->hash = node->hash + entry_hash_of(copy->entries()[at]);
    return copy;
}

map_node* make_pair_node(unsigned shift, const map_entry& a, const map_key& key_b,
                         std::uint64_t hash_b, const value& v_b);

// Copies an inner node with the entry at `bit` pushed down, together with the new
// entry (key, v), into a new child.
map_node* with_entry_pushed_down(const map_node* node, unsigned shift, std::uint32_t bit,
                                 const map_key& key, std::uint64_t hash, const value& v) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    const std::uint32_t entry_at = index_below(node->datamap, bit);
    map_node* child =
        make_pair_node(shift + bits_per_level, node->entries()[entry_at], key, hash, v);
    const std::uint32_t child_at = index_below(node->nodemap, bit);
    map_node* copy = allocate_map(node_kind::map_inner, entries - 1, children + 1);
    copy->datamap = node->datamap & ~bit;
    copy->nodemap = node->nodemap | bit;
    for (std::uint32_t i = 0, j = 0; i < entries; ++i)
        if (i != entry_at)
            copy_entry(copy->entries() + j++, node->entries()[i]);
    for (std::uint32_t i = 0, j = 0; i < children + 1; ++i) {
        if (i == child_at)
            copy->children()[i] = child;
        else
            copy_child(copy->children() + i, node->children()[j++]);
    }
    copy->count = node->count + 1;
    copy->hash = node->hash + entry_hash(hash, v);
    return copy;
}

// A node holding two entries whose hashes agree above `shift`.
map_node* make_pair_node(unsigned shift, const map_entry& a, const map_key& key_b,
                         std::uint64_t hash_b, const value& v_b) {
    const std::uint64_t hash_a = a.key.hash();
    if (shift >= hash_bits) {
        map_node* node = allocate_map(node_kind::map_collision, 2, 0);
        node->datamap = 2;
        copy_entry(node->entries(), a);
        new (node->entries() + 1) map_entry{key_b, v_b};
        node->count = 2;
        node->hash = entry_hash_of(a) + entry_hash(hash_b, v_b);
        return node;
    }
    const std::uint32_t bit_a = slot_bit(hash_a, shift);
    const std::uint32_t bit_b = slot_bit(hash_b, shift);
    if (bit_a == bit_b) {
        map_node* child = make_pair_node(shift + bits_per_level, a, key_b, hash_b, v_b);
        map_node* node = allocate_map(node_kind::map_inner, 0, 1);
        node->nodemap = bit_a;
        node->children()[0] = child;
        node->count = child->count;
        node->hash = child->hash;
        return node;
    }
    map_node* node = allocate_map(node_kind::map_inner, 2, 0);
    node->datamap = bit_a | bit_b;
    const bool a_first = bit_a < bit_b;
    if (a_first) {
        copy_entry(node->entries(), a);
        new (node->entries() + 1) map_entry{key_b, v_b};
    } else {
        new (node->entries()) map_entry{key_b, v_b};
        copy_entry(node->entries() + 1, a);
    }
    node->count = 2;
    node->hash = entry_hash_of(a) + entry_hash(hash_b, v_b);
    return node;
}

map_node* collision_set(const map_node* node, std::string_view key, const value& v) {
    const std::uint32_t n = node->entry_count();
    for (std::uint32_t i = 0; i < n; ++i) {
        const map_entry& e = node->entries()[i];
        if (e.key.equals(key))
            return e.val == v ? nullptr : with_entry_value(node, i, v);
    }
    map_node* copy = allocate_map(node_kind::map_collision, n + 1, 0);
    copy->datamap = n + 1;
    for (std::uint32_t i = 0; i < n; ++i)
        copy_entry(copy->entries() + i, node->entries()[i]);
    new (copy->entries() + n) map_entry{map_key(key), v};
    copy->count = node->count + 1;
    copy->hash = node->hash + entry_hash_of(copy->entries()[n]);
    return copy;
}

// Copies `node` without entry `index`.
map_node* without_entry(const map_node* node, std::uint32_t index, std::uint32_t bit) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    map_node* copy = allocate_map(node->header.kind, entries - 1, children);
    copy->datamap = node->is_collision() ? entries - 1 : node->datamap & ~bit;
    copy->nodemap = node->nodemap;
    for (std::uint32_t i = 0, j = 0; i < entries; ++i)
        if (i != index)
            copy_entry(copy->entries() + j++, node->entries()[i]);
    copy_children(copy->children(), node->children(), children);
    copy->count = node->count - 1;
    copy->hash = node->hash - entry_hash_of(node->entries()[index]);
    return copy;
}

// Copies an inner node replacing child `bit` by the single entry `e` (inlining).
map_node* with_child_inlined(const map_node* node, std::uint32_t bit, const map_entry& e) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    const std::uint32_t entry_at = index_below(node->datamap, bit);
    const std::uint32_t child_at = index_below(node->nodemap, bit);
    map_node* copy = allocate_map(node_kind::map_inner, entries + 1, children - 1);
    copy->datamap = node->datamap | bit;
    copy->nodemap = node->nodemap & ~bit;
    for (std::uint32_t i = 0, j = 0; i < entries + 1; ++i) {
        if (i == entry_at)
            copy_entry(copy->entries() + i, e);
        else
            copy_entry(copy->entries() + i, node->entries()[j++]);
    }
    for (std::uint32_t i = 0, j = 0; i < children; ++i)
        if (i != child_at)
            copy_child(copy->children() + j++, node->children()[i]);
    const map_node* old = node->children()[child_at];
    copy->count = node->count - old->count + 1;
    copy->hash = node->hash - old->hash + entry_hash_of(e);
    return copy;
}

} // namespace

map_node* map_make_empty() { return allocate_map(node_kind::map_inner, 0, 0); }

const value* map_find(const map_node* node, std::uint64_t hash, std::string_view key) {
    for (unsigned shift = 0;; shift += bits_per_level) {
        if (node->is_collision()) {
            for (std::uint32_t i = 0, n = node->entry_count(); i < n; ++i)
                if (node->entries()[i].key.equals(key))
                    return &node->entries()[i].val;
            return nullptr;
        }
        const std::uint32_t bit = slot_bit(hash, shift);
        if ((node->datamap & bit) != 0) {
            const map_entry& e = node->entries()[index_below(node->datamap, bit)];
            return e.key.equals(key) ? &e.val : nullptr;
        }
        if ((node->nodemap & bit) == 0)
            return nullptr;
        node = node->children()[index_below(node->nodemap, bit)];
    }
}

map_node* map_set(const map_node* node, unsigned shift, std::uint64_t hash, std::string_view key,
                  const value& v) {
    if (node->is_collision())
        return collision_set(node, key, v);
    const std::uint32_t bit = slot_bit(hash, shift);
    if ((node->datamap & bit) != 0) {
        const std::uint32_t index = index_below(node->datamap, bit);
        const map_entry& e = node->entries()[index];
        if (e.key.equals(key))
            return e.val == v ? nullptr : with_entry_value(node, index, v);
        return with_entry_pushed_down(node, shift, bit, map_key(key), hash, v);
    }
    if ((node->nodemap & bit) != 0) {
        const std::uint32_t index = index_below(node->nodemap, bit);
        map_node* child =
            map_set(node->children()[index], shift + bits_per_level, hash, key, v);
        return child == nullptr ? nullptr : with_child(node, index, child);
    }
    return with_new_entry(node, bit, map_key(key), v);
}

map_node* map_erase(const map_node* node, unsigned shift, std::uint64_t hash,
                    std::string_view key) {
    if (node->is_collision()) {
        for (std::uint32_t i = 0, n = node->entry_count(); i < n; ++i)
            if (node->entries()[i].key.equals(key))
                return without_entry(node, i, 0);
        return nullptr;
    }
    const std::uint32_t bit = slot_bit(hash, shift);
    if ((node->datamap & bit) != 0) {
        const std::uint32_t index = index_below(node->datamap, bit);
        const map_entry& e = node->entries()[index];
        if (!e.key.equals(key))
            return nullptr;
        return without_entry(node, index, bit);
    }
    if ((node->nodemap & bit) == 0)
        return nullptr;
    const std::uint32_t index = index_below(node->nodemap, bit);
    map_node* child = map_erase(node->children()[index], shift + bits_per_level, hash, key);
    if (child == nullptr)
        return nullptr;
    if (child->count == 1 && child->child_count() == 0) {
        // Canonical form: a lone entry lives in its parent, not in a child of its own.
        map_node* result = with_child_inlined(node, bit, child->entries()[0]);
        drop(&child->header);
        return result;
    }
    return with_child(node, index, child);
}

void map_destroy(map_node* node) {
    const std::size_t bytes = node->bytes();
    map_entry* entries = node->entries();
    const std::uint32_t entry_total = node->entry_count();
    map_node** children = node->children();
    const std::uint32_t child_total = node->child_count();
    // As in copy_children: issue the loads of all the counts before the first store.
    for (std::uint32_t i = 0; i < child_total; ++i)
        __builtin_prefetch(children[i], 1);
    for (std::uint32_t i = 0; i < entry_total; ++i)
        entries[i].~map_entry();
    for (std::uint32_t i = 0; i < child_total; ++i)
        drop(&children[i]->header);
    free_node(node, bytes);
}

} // namespace immersim::state::detail
