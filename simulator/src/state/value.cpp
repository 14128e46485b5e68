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

namespace {
std::uint64_t box(detail::node_kind kind, std::uint64_t bits, std::uint64_t tag) {
    auto* node =
        static_cast<detail::boxed_node*>(detail::allocate_node(sizeof(detail::boxed_node)));
    node->header = {1, kind};
    node->bits = bits;
    return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(node)) | tag;
}
} // namespace

std::uint64_t value::box_integer(std::int64_t i) {
    return box(detail::node_kind::boxed_integer, static_cast<std::uint64_t>(i), boxed_integer_tag);
}

value::value(double d) : word_(0) {
    const auto bits = std::bit_cast<std::uint64_t>(d);
    word_ = (bits & tag_mask) == 0 ? bits | inline_real_tag
                                   : box(detail::node_kind::boxed_real, bits, boxed_real_tag);
}

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
    return word_ == true_word;
}

std::int64_t value::as_int() const {
    expect_type(*this, value_type::integer);
    if ((word_ & 1) != 0)
        return static_cast<std::int64_t>(word_) >> 1;
    return static_cast<std::int64_t>(value_access::boxed(*this)->bits);
}

namespace {
// The bits a scalar is hashed and compared by: the integer, the double's bits,
// 0 or 1 for a boolean, 0 for null (the same bits the handle held before it was
// packed into one word, so hashes and digests did not change with it).
std::uint64_t scalar_bits(const value& v) {
    const std::uint64_t word = value_access::word(v);
    switch (v.type()) {
    case value_type::integer:
        return static_cast<std::uint64_t>(v.as_int());
    case value_type::real:
        return v.node_address() == nullptr ? word & ~std::uint64_t{0xf}
                                           : value_access::boxed(v)->bits;
    case value_type::boolean:
        return v.as_bool() ? 1 : 0;
    default:
        return 0;
    }
}
} // namespace

double value::as_double() const {
    if (type() == value_type::integer)
        return static_cast<double>(as_int());
    expect_type(*this, value_type::real);
    return std::bit_cast<double>(scalar_bits(*this));
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

void value::for_each_entry(const std::function<void(std::string_view, const value&)>& f) const {
    expect_type(*this, value_type::map);
    detail::map_visit(value_access::map(*this),
                      [&](const detail::entry_ref& e) { f(e.key.view(), e.val); });
}

std::size_t value::size() const {
    switch (type()) {
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
    const value_type type = this->type();
    const std::uint64_t tag = (static_cast<std::uint64_t>(type) + 1) * tag_multiplier;
    switch (type) {
    case value_type::string:
        return mix64(value_access::string(*this)->hash ^ tag);
    case value_type::map:
        return mix64(value_access::map(*this)->hash ^ tag);
    case value_type::list:
        return mix64(value_access::list(*this)->hash ^ tag);
    default:
        return mix64(scalar_bits(*this) ^ tag);
    }
}

namespace {

bool maps_equal(const value& a, const value& b) {
    if (a.size() != b.size())
        return false;
    bool equal = true;
    // Entries of `a` looked up in `b`: shared subtrees end each comparison at once.
    detail::map_visit(value_access::map(a), [&](const detail::entry_ref& e) {
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
    const value_type type = a.type();
    if (type != b.type() || !a.node_address() || !b.node_address())
        return false; // one form per scalar: handles held in the word differ in value
    if (type == value_type::integer || type == value_type::real)
        return scalar_bits(a) == scalar_bits(b);
    if (a.hash() != b.hash())
        return false;
    switch (type) {
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
