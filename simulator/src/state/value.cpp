// The value handle: construction, accessors, hashing and equality.
#include "immersim/state/value.hpp"

#include "champ.hpp"
#include "immersim/random/generator.hpp"
#include "immersim/support/assert.hpp"
#include "list_ops.hpp"

namespace immersim::state {

using detail::value_access;

const char* to_string(value_type type) {
    switch (type) {
    case value_type::null:
        return "null";
    case value_type::boolean:
        return "bool";
    case value_type::integer:
        return "int";
    case value_type::real:
        return "double";
    case value_type::string:
        return "string";
    case value_type::map:
        return "map";
    case value_type::list:
        return "list";
    }
    return "unknown";
}

namespace {
void expect_type(const value& v, value_type expected) {
    if (v.type() != expected) [[unlikely]]
        assertion_failed("value has the expected type", __FILE__, __LINE__,
                         std::string("expected ") + to_string(expected) + ", got " +
                             to_string(v.type()));
}
} // namespace

value::value(std::string_view s) : value() {
    *this = value_access::adopt(value_type::string, &detail::make_string(s)->header);
}

value value::empty_map() {
    return value_access::adopt(value_type::map, &detail::map_make_empty()->header);
}

value value::empty_list() {
    return value_access::adopt(value_type::list, &detail::list_make({})->header);
}

bool value::as_bool() const {
    expect_type(*this, value_type::boolean);
    return bits_ != 0;
}

std::int64_t value::as_int() const {
    expect_type(*this, value_type::integer);
    return static_cast<std::int64_t>(bits_);
}

double value::as_double() const {
    if (type_ == value_type::integer)
        return static_cast<double>(static_cast<std::int64_t>(bits_));
    expect_type(*this, value_type::real);
    return std::bit_cast<double>(bits_);
}

std::string_view value::as_string() const {
    expect_type(*this, value_type::string);
    return value_access::string(*this)->view();
}

const value* value::find(std::string_view key) const {
    expect_type(*this, value_type::map);
    return detail::map_find(value_access::map(*this), detail::key_hash(key), key);
}

value value::set(std::string_view key, value v) const {
    expect_type(*this, value_type::map);
    detail::map_node* updated =
        detail::map_set(value_access::map(*this), 0, detail::key_hash(key), key, v);
    return updated == nullptr ? *this : value_access::adopt(value_type::map, &updated->header);
}

value value::erase(std::string_view key) const {
    expect_type(*this, value_type::map);
    detail::map_node* updated =
        detail::map_erase(value_access::map(*this), 0, detail::key_hash(key), key);
    return updated == nullptr ? *this : value_access::adopt(value_type::map, &updated->header);
}

void value::for_each_entry(
    const std::function<void(std::string_view, const value&)>& f) const {
    expect_type(*this, value_type::map);
    detail::map_visit(value_access::map(*this),
                      [&](const detail::map_entry& e) { f(e.key.view(), e.val); });
}

std::size_t value::size() const {
    switch (type_) {
    case value_type::map:
        return value_access::map(*this)->count;
    case value_type::list:
        return value_access::list(*this)->size;
    default:
        return 0;
    }
}

std::uint64_t value::hash() const {
    constexpr std::uint64_t tag_multiplier = 0xd6e8feb86659fd93ULL;
    const std::uint64_t tag = (static_cast<std::uint64_t>(type_) + 1) * tag_multiplier;
    switch (type_) {
    case value_type::string:
        return mix64(value_access::string(*this)->hash ^ tag);
    case value_type::map:
        return mix64(value_access::map(*this)->hash ^ tag);
    case value_type::list:
        return mix64(value_access::list(*this)->hash ^ tag);
    default:
        return mix64(bits_ ^ tag);
    }
}

namespace {

bool maps_equal(const value& a, const value& b) {
    if (a.size() != b.size())
        return false;
    bool equal = true;
    // Entries of `a` looked up in `b`: shared subtrees end each comparison at once.
    detail::map_visit(value_access::map(a), [&](const detail::map_entry& e) {
        if (!equal)
            return;
        const value* other = b.find(e.key.view());
        equal = other != nullptr && *other == e.val;
    });
    return equal;
}

bool lists_equal(const value& a, const value& b) {
    const detail::list_node* la = value_access::list(a);
    const detail::list_node* lb = value_access::list(b);
    if (la->size != lb->size)
        return false;
    for (std::uint64_t i = 0; i < la->size; ++i)
        if (!(la->items()[i] == lb->items()[i]))
            return false;
    return true;
}

} // namespace

bool operator==(const value& a, const value& b) {
    if (a.identical(b))
        return true;
    if (a.type() != b.type() || !a.node_address() || a.hash() != b.hash())
        return false;
    switch (a.type()) {
    case value_type::string:
        return a.as_string() == b.as_string();
    case value_type::map:
        return maps_equal(a, b);
    case value_type::list:
        return lists_equal(a, b);
    default:
        return false;
    }
}

} // namespace immersim::state
