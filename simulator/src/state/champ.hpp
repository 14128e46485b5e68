// Persistent map operations on CHAMP nodes. Every function that "changes" a node
// returns a new node (refcount 1) that shares all untouched children and entries
// with the old one, or nullptr when nothing would change, so callers can keep the
// old node and with it pointer identity.
#pragma once

#include "nodes.hpp"

namespace immersim::state::detail {

inline constexpr unsigned bits_per_level = 5;
inline constexpr unsigned hash_bits = 64;

map_node* map_make_empty();

const value* map_find(const map_node* node, std::uint64_t hash, std::string_view key);

// Binds `key` to `v`; an existing entry keeps its key (and so shares its storage).
// Precondition: hash == key_hash(key).
map_node* map_set(const map_node* node, unsigned shift, std::uint64_t hash, std::string_view key,
                  const value& v);

// Removes `key`. The result is canonical: a child left with a single entry and no
// children is folded into its parent, so equal key sets give equal shapes.
map_node* map_erase(const map_node* node, unsigned shift, std::uint64_t hash, std::string_view key);

// Release the references a map node (or a key block) holds; called when its count
// reaches zero.
void map_destroy(map_node* node);
void keys_destroy(key_block* block);

// Calls f(entry_ref) for every entry of the subtree, in the trie's order.
template <typename F>
void map_visit(const map_node* node, F&& f) {
    for (std::uint32_t i = 0, n = node->entry_count(); i < n; ++i)
        f(node->entry(i));
    map_node* const* children = node->children();
    for (std::uint32_t i = 0, n = node->child_count(); i < n; ++i)
        map_visit(children[i], f);
}

} // namespace immersim::state::detail
