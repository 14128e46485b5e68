// A persistent, immutable, JSON-like value: null, bool, int64, double, string, map
// (string keys) or list. Copying a value is O(1) (a reference count), and every
// "modifying" operation returns a new value that shares all untouched parts with the
// old one, in the spirit of Immer.
//
// Maps are CHAMP tries (compressed hash array-mapped prefix trees, Steindorfer and
// Vinju 2015) over a 64-bit hash of the key computed by the project's own function,
// so their layout and iteration order are the same on every platform and never
// depend on pointer values. An update copies only the nodes on the path to the key:
// O(log32 n) nodes. Lists are flat arrays of values: an update copies the array of
// element handles (O(n) handles, 8 bytes each) but shares every element.
//
// The handle is one 64-bit word (see the private part): small scalars live in it,
// everything else in a reference-counted node it points to. Keeping it at 8 bytes
// halves what path copying copies per entry, which is most of the memory a replica's
// edits cost (docs/state.md).
#pragma once

#include "immersim/state/detail/node_header.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace immersim::state {

enum class value_type : std::uint8_t { null, boolean, integer, real, string, map, list };

const char* to_string(value_type type);

class value;

namespace detail {
struct string_node;
struct map_node;
struct list_node;
struct value_access;
} // namespace detail

class value {
public:
    value() noexcept : word_(0) {}
    value(std::nullptr_t) noexcept : value() {}
    value(bool b) noexcept : word_(b ? true_word : false_word) {}
    value(int i) noexcept : word_((static_cast<std::uint64_t>(i) << 1) | 1) {}
    value(std::int64_t i)
        : word_(fits_inline(i) ? (static_cast<std::uint64_t>(i) << 1) | 1 : box_integer(i)) {}
    value(double d);
    value(std::string_view s);
    value(const char* s) : value(std::string_view(s)) {}
    value(const std::string& s) : value(std::string_view(s)) {}

    static value empty_map();
    static value empty_list();
    // A list of the given elements, built in one allocation (pushing them one by
    // one would copy the array each time).
    static value list_of(std::span<const value> items);

    value(const value& other) noexcept : word_(other.word_) {
        if (has_node())
            detail::retain(node());
    }
    value(value&& other) noexcept : word_(other.word_) { other.word_ = 0; }
    value& operator=(const value& other) noexcept {
        value copy(other);
        swap(copy);
        return *this;
    }
    value& operator=(value&& other) noexcept {
        value moved(std::move(other));
        swap(moved);
        return *this;
    }
    ~value() {
        if (has_node())
            detail::drop(node());
    }
    void swap(value& other) noexcept { std::swap(word_, other.word_); }

    value_type type() const {
        return (word_ & 1) != 0 ? value_type::integer : type_of_tag[word_ & tag_mask];
    }
    bool is_null() const { return word_ == 0; }
    bool is_map() const { return (word_ & tag_mask) == map_tag; }
    bool is_list() const { return (word_ & tag_mask) == list_tag; }

    // Accessors. Precondition: the value has that type (checked; a mismatch is a
    // programmer error and aborts with both types named).
    bool as_bool() const;
    std::int64_t as_int() const;
    double as_double() const; // also accepts integers
    std::string_view as_string() const;

    // --- maps ---------------------------------------------------------------------
    // Lookup is O(log32 n). Returns nullptr when the key is absent.
    const value* find(std::string_view key) const;
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    // A map with `key` bound to `v`. Returns *this itself (same root) when the key
    // already holds an equal value. O(log32 n) nodes copied.
    value set(std::string_view key, value v) const;
    // A map without `key`; *this itself when the key is absent.
    value erase(std::string_view key) const;
    // Calls f(key, value) for every entry, in the trie's order (a function of the
    // keys' portable hashes: the same on every platform, but not alphabetical).
    void for_each_entry(const std::function<void(std::string_view, const value&)>& f) const;

    // --- lists --------------------------------------------------------------------
    const value& at(std::size_t index) const; // precondition: index < size()
    value set(std::size_t index, value v) const;
    value push_back(value v) const;
    value insert(std::size_t index, value v) const; // index <= size()
    value erase(std::size_t index) const;           // index < size()

    // Entries of a map or elements of a list; 0 for scalars.
    std::size_t size() const;

    // Structural hash, cached in container nodes, so equal states hash equal and
    // unequal ones almost surely differ. Portable: the same on every platform.
    std::uint64_t hash() const;

    // Structural equality. O(1) when both share the root or their hashes differ;
    // otherwise it skips shared subtrees by pointer.
    friend bool operator==(const value& a, const value& b);

    // True when both are the same handle: the same node, or the same scalar held
    // in the handle itself. Equal numbers too large for the handle (boxed, see
    // below) may be equal without being identical; `==` compares them.
    bool identical(const value& other) const { return word_ == other.word_; }

    // The node this value refers to, for memory accounting; nullptr for scalars
    // held in the handle.
    const void* node_address() const { return has_node() ? node() : nullptr; }

private:
    friend struct detail::value_access;

    // One 64-bit word. Nodes are 16-byte aligned, which frees the low four bits for
    // a tag; an odd word is an integer of up to 63 bits, held in the handle.
    //   0               null
    //   ...x1           integer in [-2^62, 2^62): the word shifted right by one
    //   0x2 / 0x12      false / true
    //   ptr | 0x4       string node          ptr | 0x6   map node
    //   ptr | 0x8       list node            ptr | 0xa   boxed integer (beyond 63 bits)
    //   ptr | 0xc       boxed double         bits | 0xe  double whose low 4 bits are 0
    // Each scalar has exactly one form, so equal handles mean equal values.
    static constexpr std::uint64_t tag_mask = 0xf;
    static constexpr std::uint64_t false_word = 0x2, true_word = 0x12;
    static constexpr std::uint64_t string_tag = 0x4, map_tag = 0x6, list_tag = 0x8;
    static constexpr std::uint64_t boxed_integer_tag = 0xa, boxed_real_tag = 0xc;
    static constexpr std::uint64_t inline_real_tag = 0xe;
    static constexpr value_type type_of_tag[16] = {
        value_type::null,   value_type::integer, value_type::boolean, value_type::integer,
        value_type::string, value_type::integer, value_type::map,     value_type::integer,
        value_type::list,   value_type::integer, value_type::integer, value_type::integer,
        value_type::real,   value_type::integer, value_type::real,    value_type::integer};

    static constexpr bool fits_inline(std::int64_t i) {
        return i >= -(std::int64_t{1} << 62) && i < (std::int64_t{1} << 62);
    }
    static std::uint64_t box_integer(std::int64_t i);

    // Tags 0x4, 0x6, 0x8, 0xa and 0xc point to a node: one bit each in this mask.
    static constexpr std::uint32_t node_tags = 0x1550;
    bool has_node() const { return ((node_tags >> (word_ & tag_mask)) & 1) != 0; }

    detail::node_header* node() const {
        return reinterpret_cast<detail::node_header*>(
            static_cast<std::uintptr_t>(word_ & ~tag_mask));
    }

    std::uint64_t word_;
};

static_assert(sizeof(value) == 8);

} // namespace immersim::state
