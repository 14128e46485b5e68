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
// element handles (O(n) handles, 16 bytes each) but shares every element.
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
    value() noexcept : type_(value_type::null), bits_(0) {}
    value(std::nullptr_t) noexcept : value() {}
    value(bool b) noexcept : type_(value_type::boolean), bits_(b ? 1 : 0) {}
    value(int i) noexcept : type_(value_type::integer), bits_(static_cast<std::uint64_t>(i)) {}
    value(std::int64_t i) noexcept
        : type_(value_type::integer), bits_(static_cast<std::uint64_t>(i)) {}
    value(double d) noexcept : type_(value_type::real), bits_(std::bit_cast<std::uint64_t>(d)) {}
    value(std::string_view s);
    value(const char* s) : value(std::string_view(s)) {}
    value(const std::string& s) : value(std::string_view(s)) {}

    static value empty_map();
    static value empty_list();
    // A list of the given elements, built in one allocation (pushing them one by
    // one would copy the array each time).
    static value list_of(std::span<const value> items);

    value(const value& other) noexcept : type_(other.type_), bits_(other.bits_) {
        if (has_node())
            detail::retain(node());
    }
    value(value&& other) noexcept : type_(other.type_), bits_(other.bits_) {
        other.type_ = value_type::null;
        other.bits_ = 0;
    }
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
    void swap(value& other) noexcept {
        std::swap(type_, other.type_);
        std::swap(bits_, other.bits_);
    }

    value_type type() const { return type_; }
    bool is_null() const { return type_ == value_type::null; }
    bool is_map() const { return type_ == value_type::map; }
    bool is_list() const { return type_ == value_type::list; }

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

    // True when both refer to the same node (or are equal scalars): the cheap
    // test structural sharing makes possible.
    bool identical(const value& other) const {
        return type_ == other.type_ && bits_ == other.bits_;
    }

    // The node this value refers to, for memory accounting; nullptr for scalars.
    const void* node_address() const { return has_node() ? node() : nullptr; }

private:
    friend struct detail::value_access;

    bool has_node() const {
        return type_ == value_type::string || type_ == value_type::map ||
               type_ == value_type::list;
    }

    detail::node_header* node() const {
        return reinterpret_cast<detail::node_header*>(static_cast<std::uintptr_t>(bits_));
    }

    // Scalars keep their bits here; strings, maps and lists the address of their node.
    value_type type_;
    std::uint64_t bits_;
};

static_assert(sizeof(value) == 16);

} // namespace immersim::state
