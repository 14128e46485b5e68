// Layouts of the state layer's heap nodes. Each node is one allocation: a fixed
// part followed by its variable-length contents, so a map node with three entries
// and two children costs one allocation of 32 + 3 * 24 + 2 * 8 bytes.
#pragma once

#include "immersim/state/value.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace immersim::state::detail {

void* allocate_node(std::size_t bytes);
void free_node(void* node, std::size_t bytes);

struct string_node {
    node_header header;
    std::uint64_t hash;
    std::uint32_t length;
    std::uint32_t unused;

    char* chars() { return reinterpret_cast<char*>(this + 1); }
    const char* chars() const { return reinterpret_cast<const char*>(this + 1); }
    std::string_view view() const { return {chars(), length}; }
    std::size_t bytes() const { return sizeof(string_node) + length; }
};

// Creates a string node with refcount 1.
string_node* make_string(std::string_view text);

struct map_entry {
    string_node* key; // owns one reference
    value val;
};

// A CHAMP node. Inner nodes: bit i of `datamap` says slot i holds an inline entry,
// bit i of `nodemap` that it holds a child node; entries come first in slot order,
// then children. Collision nodes (below the last hash bit) hold `datamap` entries
// with equal hashes and no children.
struct map_node {
    node_header header;
    std::uint32_t datamap; // in a collision node: the number of entries
    std::uint32_t nodemap; // in a collision node: 0
    std::uint32_t count;   // entries in the whole subtree (a stated limit: 2^32 - 1)
    std::uint64_t hash;  // wrapping sum of entry hashes in the subtree: layout-independent

    bool is_collision() const { return header.kind == node_kind::map_collision; }
    std::uint32_t entry_count() const {
        return is_collision() ? datamap : static_cast<std::uint32_t>(std::popcount(datamap));
    }
    std::uint32_t child_count() const { return static_cast<std::uint32_t>(std::popcount(nodemap)); }
    map_entry* entries() { return reinterpret_cast<map_entry*>(this + 1); }
    const map_entry* entries() const { return reinterpret_cast<const map_entry*>(this + 1); }
    map_node** children() { return reinterpret_cast<map_node**>(entries() + entry_count()); }
    map_node* const* children() const {
        return reinterpret_cast<map_node* const*>(entries() + entry_count());
    }
    std::size_t bytes() const {
        return sizeof(map_node) + entry_count() * sizeof(map_entry) +
               child_count() * sizeof(void*);
    }
};

struct list_node {
    node_header header;
    std::uint64_t size;
    std::uint64_t hash;

    value* items() { return reinterpret_cast<value*>(this + 1); }
    const value* items() const { return reinterpret_cast<const value*>(this + 1); }
    std::size_t bytes() const { return sizeof(list_node) + size * sizeof(value); }
};

static_assert(sizeof(string_node) == 24);
static_assert(sizeof(map_node) == 32);
static_assert(sizeof(list_node) == 24);
static_assert(sizeof(map_entry) == 24);

// The hash a key contributes; the same function decides the trie layout.
std::uint64_t key_hash(std::string_view key);
// What one entry adds to its map's hash.
std::uint64_t entry_hash(std::uint64_t key_hash, const value& v);

// Grants the state layer access to a value's node.
struct value_access {
    static node_header* node(const value& v) { return v.node(); }
    static value adopt(value_type type, node_header* node) {
        // Takes over a reference the caller holds.
        value v;
        v.type_ = type;
        v.bits_ = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(node));
        return v;
    }
    static const map_node* map(const value& v) { return reinterpret_cast<const map_node*>(v.node()); }
    static const list_node* list(const value& v) {
        return reinterpret_cast<const list_node*>(v.node());
    }
    static const string_node* string(const value& v) {
        return reinterpret_cast<const string_node*>(v.node());
    }
};

} // namespace immersim::state::detail
