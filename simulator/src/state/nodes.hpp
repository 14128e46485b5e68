// Layouts of the state layer's heap nodes. Each node is one allocation: a fixed
// part followed by its variable-length contents, so a map node with three entries
// and two children costs one allocation of 40 + 3 * 8 + 2 * 8 bytes (plus its key
// block, 16 + 3 * 16 bytes, usually shared with the node's earlier versions).
#pragma once

#include "immersim/state/value.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace immersim::state::detail {

// Bits set in a 32-bit bitmap. std::popcount compiles to a library call on the
// x86-64 baseline (no POPCNT instruction assumed); this is a handful of inline
// operations instead.
constexpr std::uint32_t bit_count(std::uint32_t x) {
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    return (x * 0x01010101u) >> 24;
}

void* allocate_node(std::size_t bytes);
std::uint64_t node_bytes_allocated(); // by this thread, since it started
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

// The hash a key contributes; the same function decides the trie layout.
std::uint64_t key_hash(std::string_view key);

// A map key. Keys of up to 15 bytes (most keys in practice: field names, ids) are
// stored inside the entry itself, so comparing or copying them touches no other
// memory; longer keys live in a shared string node. 16 bytes either way.
class map_key {
public:
    static constexpr std::size_t inline_capacity = 15;

    explicit map_key(std::string_view text) {
        if (text.size() <= inline_capacity) {
            std::memcpy(raw_, text.data(), text.size());
            raw_[15] = static_cast<unsigned char>(text.size());
        } else {
            string_node* node = make_string(text);
            std::memcpy(raw_, &node, sizeof node);
            raw_[15] = heap_marker;
        }
    }
    map_key(const map_key& other) noexcept {
        std::memcpy(raw_, other.raw_, sizeof raw_);
        if (is_heap())
            retain(&heap()->header);
    }
    map_key& operator=(const map_key&) = delete;
    ~map_key() {
        if (is_heap())
            drop(&heap()->header);
    }

    bool is_heap() const { return raw_[15] == heap_marker; }
    string_node* heap() const {
        string_node* node;
        std::memcpy(&node, raw_, sizeof node);
        return node;
    }
    std::string_view view() const {
        if (is_heap())
            return heap()->view();
        return {reinterpret_cast<const char*>(raw_), raw_[15]};
    }
    bool equals(std::string_view other) const {
        if (is_heap())
            return heap()->view() == other;
        return raw_[15] == other.size() && std::memcmp(raw_, other.data(), other.size()) == 0;
    }
    std::uint64_t hash() const;
    // Same bytes: the same inline key, or the very same shared string.
    bool same_storage(const map_key& other) const {
        return std::memcmp(raw_, other.raw_, sizeof raw_) == 0;
    }

private:
    static constexpr unsigned char heap_marker = 0xff;
    alignas(8) unsigned char raw_[16];
};

// The keys of a map node's entries, in slot order. A node whose values change
// but whose keys do not (the usual edit: a field or a counter updated) shares its
// key block with the node it was copied from, so path copying copies 8 bytes per
// entry instead of 24. Only adding or removing a key builds a new block.
struct key_block {
    node_header header;
    std::uint32_t size;
    std::uint32_t unused;

    map_key* keys() { return reinterpret_cast<map_key*>(this + 1); }
    const map_key* keys() const { return reinterpret_cast<const map_key*>(this + 1); }
    std::size_t bytes() const { return sizeof(key_block) + size * sizeof(map_key); }
};

// One entry of a map node: its key (in the key block) and its value (in the node).
struct entry_ref {
    const map_key& key;
    const value& val;
};

// A CHAMP node. Inner nodes: bit i of `datamap` says slot i holds an inline entry,
// bit i of `nodemap` that it holds a child node; entries come first in slot order
// (keys in `keys`, values right after the node's fixed part), then children.
// Collision nodes (below the last hash bit) hold `datamap` entries with equal
// hashes and no children.
struct map_node {
    node_header header;
    std::uint32_t datamap; // in a collision node: the number of entries
    std::uint32_t nodemap; // in a collision node: 0
    std::uint32_t count;   // entries in the whole subtree (a stated limit: 2^32 - 1)
    std::uint64_t hash;    // wrapping sum of entry hashes in the subtree: layout-independent
    key_block* keys;       // nullptr when the node holds no entries

    bool is_collision() const { return header.kind == node_kind::map_collision; }
    std::uint32_t entry_count() const { return is_collision() ? datamap : bit_count(datamap); }
    std::uint32_t child_count() const { return bit_count(nodemap); }
    value* values() { return reinterpret_cast<value*>(this + 1); }
    const value* values() const { return reinterpret_cast<const value*>(this + 1); }
    const map_key& key(std::uint32_t i) const { return keys->keys()[i]; }
    entry_ref entry(std::uint32_t i) const { return {key(i), values()[i]}; }
    map_node** children() { return reinterpret_cast<map_node**>(values() + entry_count()); }
    map_node* const* children() const {
        return reinterpret_cast<map_node* const*>(values() + entry_count());
    }
    std::size_t bytes() const {
        return sizeof(map_node) + entry_count() * sizeof(value) + child_count() * sizeof(void*);
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

// A number that does not fit in a value handle: an integer beyond 63 bits, or a
// double with any of its low four bits set.
struct boxed_node {
    node_header header;
    std::uint64_t bits;
};

static_assert(sizeof(string_node) == 24);
static_assert(sizeof(key_block) == 16);
static_assert(sizeof(map_node) == 40);
static_assert(sizeof(list_node) == 24);
static_assert(sizeof(boxed_node) == 16);
static_assert(sizeof(map_key) == 16);

inline std::uint64_t map_key::hash() const {
    return is_heap() ? heap()->hash : key_hash(view());
}
// What one entry adds to its map's hash.
std::uint64_t entry_hash(std::uint64_t key_hash, const value& v);

// Grants the state layer access to a value's node.
struct value_access {
    static node_header* node(const value& v) { return v.node(); }
    // Takes over a reference the caller holds. `type` is string, map or list.
    static value adopt(value_type type, node_header* node) {
        const std::uint64_t tag = type == value_type::string ? value::string_tag
                                  : type == value_type::map  ? value::map_tag
                                                             : value::list_tag;
        return from_word(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(node)) | tag);
    }
    static value from_word(std::uint64_t word) {
        value v;
        v.word_ = word;
        return v;
    }
    static std::uint64_t word(const value& v) { return v.word_; }
    static const map_node* map(const value& v) {
        return reinterpret_cast<const map_node*>(v.node());
    }
    static const list_node* list(const value& v) {
        return reinterpret_cast<const list_node*>(v.node());
    }
    static const string_node* string(const value& v) {
        return reinterpret_cast<const string_node*>(v.node());
    }
    static const boxed_node* boxed(const value& v) {
        return reinterpret_cast<const boxed_node*>(v.node());
    }
};

} // namespace immersim::state::detail
