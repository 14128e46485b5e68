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

std::uint64_t entry_hash_of(const map_key& key, const value& v) {
    return entry_hash(key.hash(), v);
}

// A fresh node with room for the given numbers of entries and children. The
// caller constructs the values, fills the children and sets the key block.
map_node* allocate_map(node_kind kind, std::uint32_t entries, std::uint32_t children) {
    const std::size_t bytes = sizeof(map_node) + entries * sizeof(value) + children * sizeof(void*);
    auto* node = static_cast<map_node*>(allocate_node(bytes));
    node->header = {1, kind};
    node->datamap = 0;
    node->nodemap = 0;
    node->count = 0;
    node->hash = 0;
    node->keys = nullptr;
    return node;
}

// A key block for `size` keys; the caller constructs them.
key_block* allocate_keys(std::uint32_t size) {
    auto* block =
        static_cast<key_block*>(allocate_node(sizeof(key_block) + size * sizeof(map_key)));
    block->header = {1, node_kind::map_keys};
    block->size = size;
    block->unused = 0;
    return block;
}

// Copies of an array of keys or values, with one element left out or one put in.
// Each copy takes its own reference.
template <typename T>
void copy_all(T* to, const T* from, std::uint32_t n) {
    for (std::uint32_t i = 0; i < n; ++i)
        new (to + i) T(from[i]);
}
template <typename T>
void copy_inserting(T* to, const T* from, std::uint32_t n, std::uint32_t at, const T& item) {
    copy_all(to, from, at);
    new (to + at) T(item);
    copy_all(to + at + 1, from + at, n - at);
}
template <typename T>
void copy_removing(T* to, const T* from, std::uint32_t n, std::uint32_t at) {
    copy_all(to, from, at);
    copy_all(to + at, from + at + 1, n - at - 1);
}

key_block* keys_inserting(const map_node* node, std::uint32_t at, const map_key& key) {
    const std::uint32_t n = node->entry_count();
    key_block* block = allocate_keys(n + 1);
    copy_inserting(block->keys(), n == 0 ? nullptr : node->keys->keys(), n, at, key);
    return block;
}

key_block* keys_removing(const map_node* node, std::uint32_t at) {
    const std::uint32_t n = node->entry_count();
    if (n == 1)
        return nullptr;
    key_block* block = allocate_keys(n - 1);
    copy_removing(block->keys(), node->keys->keys(), n, at);
    return block;
}

key_block* share_keys(const map_node* node) {
    if (node->keys != nullptr)
        retain(&node->keys->header);
    return node->keys;
}

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

// Copies `node` with the value of entry `index` (whose key hashes to `key_hash`)
// replaced by `v`; the keys are shared.
map_node* with_entry_value(const map_node* node, std::uint32_t index, std::uint64_t key_hash,
                           const value& v) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    map_node* copy = allocate_map(node->header.kind, entries, children);
    copy->datamap = node->datamap;
    copy->nodemap = node->nodemap;
    copy->keys = share_keys(node);
    copy_all(copy->values(), node->values(), index);
    new (copy->values() + index) value(v);
    copy_all(copy->values() + index + 1, node->values() + index + 1, entries - index - 1);
    copy_children(copy->children(), node->children(), children);
    copy->count = node->count;
    copy->hash = node->hash - entry_hash(key_hash, node->values()[index]) + entry_hash(key_hash, v);
    return copy;
}

// Copies `node` with child `index` replaced by `child` (whose reference it takes).
map_node* with_child(const map_node* node, std::uint32_t index, map_node* child) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    map_node* copy = allocate_map(node->header.kind, entries, children);
    copy->datamap = node->datamap;
    copy->nodemap = node->nodemap;
    copy->keys = share_keys(node);
    copy_all(copy->values(), node->values(), entries);
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
    copy->keys = keys_inserting(node, at, key);
    copy_inserting(copy->values(), node->values(), entries, at, v);
    copy_children(copy->children(), node->children(), children);
    copy->count = node->count + 1;
    copy->hash = node->hash + entry_hash_of(key, v);
    return copy;
}

map_node* make_pair_node(unsigned shift, entry_ref a, const map_key& key_b, std::uint64_t hash_b,
                         const value& v_b);

// Copies an inner node with the entry at `bit` pushed down, together with the new
// entry (key, v), into a new child.
map_node* with_entry_pushed_down(const map_node* node, unsigned shift, std::uint32_t bit,
                                 const map_key& key, std::uint64_t hash, const value& v) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    const std::uint32_t entry_at = index_below(node->datamap, bit);
    map_node* child = make_pair_node(shift + bits_per_level, node->entry(entry_at), key, hash, v);
    const std::uint32_t child_at = index_below(node->nodemap, bit);
    map_node* copy = allocate_map(node_kind::map_inner, entries - 1, children + 1);
    copy->datamap = node->datamap & ~bit;
    copy->nodemap = node->nodemap | bit;
    copy->keys = keys_removing(node, entry_at);
    copy_removing(copy->values(), node->values(), entries, entry_at);
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

// A node holding exactly the two entries a and b, in the given order.
map_node* two_entries(node_kind kind, std::uint32_t datamap, entry_ref first, entry_ref second) {
    map_node* node = allocate_map(kind, 2, 0);
    node->datamap = datamap;
    node->keys = allocate_keys(2);
    new (node->keys->keys()) map_key(first.key);
    new (node->keys->keys() + 1) map_key(second.key);
    new (node->values()) value(first.val);
    new (node->values() + 1) value(second.val);
    node->count = 2;
    node->hash = entry_hash_of(first.key, first.val) + entry_hash_of(second.key, second.val);
    return node;
}

// A node holding two entries whose hashes agree above `shift`.
map_node* make_pair_node(unsigned shift, entry_ref a, const map_key& key_b, std::uint64_t hash_b,
                         const value& v_b) {
    const entry_ref b{key_b, v_b};
    if (shift >= hash_bits)
        return two_entries(node_kind::map_collision, 2, a, b);
    const std::uint32_t bit_a = slot_bit(a.key.hash(), shift);
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
    return bit_a < bit_b ? two_entries(node_kind::map_inner, bit_a | bit_b, a, b)
                         : two_entries(node_kind::map_inner, bit_a | bit_b, b, a);
}

map_node* collision_set(const map_node* node, std::uint64_t hash, std::string_view key,
                        const value& v) {
    const std::uint32_t n = node->entry_count();
    for (std::uint32_t i = 0; i < n; ++i) {
        if (node->key(i).equals(key))
            return node->values()[i] == v ? nullptr : with_entry_value(node, i, hash, v);
    }
    map_node* copy = allocate_map(node_kind::map_collision, n + 1, 0);
    copy->datamap = n + 1;
    const map_key new_key(key);
    copy->keys = keys_inserting(node, n, new_key);
    copy_inserting(copy->values(), node->values(), n, n, v);
    copy->count = node->count + 1;
    copy->hash = node->hash + entry_hash_of(new_key, v);
    return copy;
}

// Copies `node` without entry `index`.
map_node* without_entry(const map_node* node, std::uint32_t index, std::uint32_t bit) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    map_node* copy = allocate_map(node->header.kind, entries - 1, children);
    copy->datamap = node->is_collision() ? entries - 1 : node->datamap & ~bit;
    copy->nodemap = node->nodemap;
    copy->keys = keys_removing(node, index);
    copy_removing(copy->values(), node->values(), entries, index);
    copy_children(copy->children(), node->children(), children);
    copy->count = node->count - 1;
    copy->hash = node->hash - entry_hash_of(node->key(index), node->values()[index]);
    return copy;
}

// Copies an inner node replacing child `bit` by the single entry `e` (inlining).
map_node* with_child_inlined(const map_node* node, std::uint32_t bit, entry_ref e) {
    const std::uint32_t entries = node->entry_count();
    const std::uint32_t children = node->child_count();
    const std::uint32_t entry_at = index_below(node->datamap, bit);
    const std::uint32_t child_at = index_below(node->nodemap, bit);
    map_node* copy = allocate_map(node_kind::map_inner, entries + 1, children - 1);
    copy->datamap = node->datamap | bit;
    copy->nodemap = node->nodemap & ~bit;
    copy->keys = keys_inserting(node, entry_at, e.key);
    copy_inserting(copy->values(), node->values(), entries, entry_at, e.val);
    for (std::uint32_t i = 0, j = 0; i < children; ++i)
        if (i != child_at)
            copy_child(copy->children() + j++, node->children()[i]);
    const map_node* old = node->children()[child_at];
    copy->count = node->count - old->count + 1;
    copy->hash = node->hash - old->hash + entry_hash_of(e.key, e.val);
    return copy;
}

} // namespace

map_node* map_make_empty() {
    return allocate_map(node_kind::map_inner, 0, 0);
}

const value* map_find(const map_node* node, std::uint64_t hash, std::string_view key) {
    for (unsigned shift = 0;; shift += bits_per_level) {
        if (node->is_collision()) {
            for (std::uint32_t i = 0, n = node->entry_count(); i < n; ++i)
                if (node->key(i).equals(key))
                    return &node->values()[i];
            return nullptr;
        }
        const std::uint32_t bit = slot_bit(hash, shift);
        if ((node->datamap & bit) != 0) {
            const std::uint32_t index = index_below(node->datamap, bit);
            return node->key(index).equals(key) ? &node->values()[index] : nullptr;
        }
        if ((node->nodemap & bit) == 0)
            return nullptr;
        node = node->children()[index_below(node->nodemap, bit)];
    }
}

map_node* map_set(const map_node* node, unsigned shift, std::uint64_t hash, std::string_view key,
                  const value& v) {
    if (node->is_collision())
        return collision_set(node, hash, key, v);
    const std::uint32_t bit = slot_bit(hash, shift);
    if ((node->datamap & bit) != 0) {
        const std::uint32_t index = index_below(node->datamap, bit);
        if (node->key(index).equals(key))
            return node->values()[index] == v ? nullptr : with_entry_value(node, index, hash, v);
        return with_entry_pushed_down(node, shift, bit, map_key(key), hash, v);
    }
    if ((node->nodemap & bit) != 0) {
        const std::uint32_t index = index_below(node->nodemap, bit);
        map_node* child = map_set(node->children()[index], shift + bits_per_level, hash, key, v);
        return child == nullptr ? nullptr : with_child(node, index, child);
    }
    return with_new_entry(node, bit, map_key(key), v);
}

map_node* map_erase(const map_node* node, unsigned shift, std::uint64_t hash,
                    std::string_view key) {
    if (node->is_collision()) {
        for (std::uint32_t i = 0, n = node->entry_count(); i < n; ++i)
            if (node->key(i).equals(key))
                return without_entry(node, i, 0);
        return nullptr;
    }
    const std::uint32_t bit = slot_bit(hash, shift);
    if ((node->datamap & bit) != 0) {
        const std::uint32_t index = index_below(node->datamap, bit);
        if (!node->key(index).equals(key))
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
        map_node* result = with_child_inlined(node, bit, child->entry(0));
        drop(&child->header);
        return result;
    }
    return with_child(node, index, child);
}

void map_destroy(map_node* node) {
    const std::size_t bytes = node->bytes();
    value* values = node->values();
    const std::uint32_t entry_total = node->entry_count();
    map_node** children = node->children();
    const std::uint32_t child_total = node->child_count();
    // As in copy_children: issue the loads of all the counts before the first store.
    for (std::uint32_t i = 0; i < child_total; ++i)
        __builtin_prefetch(children[i], 1);
    if (node->keys != nullptr)
        drop(&node->keys->header);
    for (std::uint32_t i = 0; i < entry_total; ++i)
        values[i].~value();
    for (std::uint32_t i = 0; i < child_total; ++i)
        drop(&children[i]->header);
    free_node(node, bytes);
}

void keys_destroy(key_block* block) {
    const std::size_t bytes = block->bytes();
    for (std::uint32_t i = 0; i < block->size; ++i)
        block->keys()[i].~map_key();
    free_node(block, bytes);
}

} // namespace immersim::state::detail
