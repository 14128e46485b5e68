// The draft tree behind produce(): only the places a recipe touches get a node.
#include "immersim/state/diff.hpp"
#include "immersim/state/produce.hpp"
#include "immersim/support/assert.hpp"
#include "list_ops.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <unordered_map>
#include <vector>

namespace immersim::state {

namespace detail {

value make_list(std::span<const value> items) {
    return value_access::adopt(value_type::list, &list_make(items)->header);
}

struct draft_node;

} // namespace detail

value value::list_of(std::span<const value> items) {
    return detail::make_list(items);
}

namespace detail {

// Owns every draft node of one produce call. The first few live inside the arena,
// which itself lives in the draft_session on the caller's stack, so a recipe that
// touches a handful of places allocates nothing for its draft; more are allocated
// one by one. (A std::deque here cost 576 bytes per produce call even when empty:
// libstdc++ allocates its map and a first block up front.)
struct draft_arena {
    static constexpr std::size_t inline_nodes = 6;
    static constexpr std::size_t slot_bytes = 96; // one draft_node each
    draft_arena();
    ~draft_arena();
    draft_node* make(const value* v);

    alignas(16) std::byte storage[inline_nodes * slot_bytes];
    std::size_t used = 0;
    std::vector<std::unique_ptr<draft_node>> overflow;
};

struct draft_node {
    enum class mode {
        original, // `current` is the base value (or absent)
        assigned, // `current` was set by the recipe
        map_edit, // `current` is the map being edited; `keys` hold the edits
        list_edit // `items` hold every element
    };

    draft_arena* arena = nullptr;
    mode how = mode::original;
    bool present = true;
    value current;
    // Edited keys, sorted, so that lookups are binary searches and finish() visits
    // them in a fixed order.
    std::vector<std::pair<std::string, draft_node*>> keys;
    std::vector<draft_node*> items;

    void assign(value v) {
        how = mode::assigned;
        present = true;
        current = std::move(v);
        keys.clear();
        items.clear();
    }

    void open_map() {
        if (how == mode::map_edit)
            return;
        if (how == mode::list_edit || !present || !current.is_map())
            assertion_failed("draft: key access on a map", __FILE__, __LINE__,
                             std::string("the value here is ") +
                                 (present ? to_string(finish().type()) : "absent"));
        how = mode::map_edit;
    }

    void open_list() {
        if (how == mode::list_edit)
            return;
        if (how == mode::map_edit || !present || !current.is_list())
            assertion_failed("draft: list operation on a list", __FILE__, __LINE__,
                             std::string("the value here is ") +
                                 (present ? to_string(finish().type()) : "absent"));
        items.clear();
        for (std::size_t i = 0; i < current.size(); ++i)
            items.push_back(arena->make(&current.at(i)));
        how = mode::list_edit;
    }

    draft_node* key(std::string_view k) {
        open_map();
        auto it =
            std::lower_bound(keys.begin(), keys.end(), k,
                             [](const auto& entry, std::string_view x) { return entry.first < x; });
        if (it == keys.end() || it->first != k)
            it = keys.emplace(it, std::string(k), arena->make(current.find(k)));
        return it->second;
    }

    draft_node* index(std::size_t i) {
        open_list();
        IMMERSIM_ASSERT_OP(i, <, items.size());
        return items[i];
    }

    // The value this place holds now. Untouched keys and elements stay shared, and
    // a map or list whose edits changed nothing comes back as the very same node.
    value finish() const {
        switch (how) {
        case mode::original:
        case mode::assigned:
            return present ? current : value();
        case mode::map_edit: {
            value result = current;
            for (const auto& [k, child] : keys)
                result = child->present ? result.set(k, child->finish()) : result.erase(k);
            return result;
        }
        case mode::list_edit: {
            bool same = items.size() == current.size();
            std::vector<value> values;
            values.reserve(items.size());
            for (std::size_t i = 0; i < items.size(); ++i) {
                values.push_back(items[i]->finish());
                same = same && values.back() == current.at(i);
            }
            return same ? current : make_list(values);
        }
        }
        return value();
    }
};

static_assert(sizeof(draft_node) <= draft_arena::slot_bytes);

draft_arena::draft_arena() = default;

draft_arena::~draft_arena() {
    for (std::size_t i = 0; i < used; ++i)
        std::launder(reinterpret_cast<draft_node*>(storage + slot_bytes * i))->~draft_node();
}

draft_node* draft_arena::make(const value* v) {
    draft_node& node = used < inline_nodes ? *new (storage + slot_bytes * used++) draft_node()
                                           : *overflow.emplace_back(std::make_unique<draft_node>());
    node.arena = this;
    node.present = v != nullptr;
    if (v != nullptr)
        node.current = *v;
    return &node;
}

} // namespace detail

draft draft::operator[](std::string_view key) const {
    return draft(node_->key(key));
}

draft draft::operator[](std::size_t index) const {
    return draft(node_->index(index));
}

const draft& draft::operator=(value v) const {
    node_->assign(std::move(v));
    return *this;
}

value draft::get() const {
    return node_->finish();
}

bool draft::exists() const {
    return node_->present;
}

std::size_t draft::size() const {
    if (node_->how == detail::draft_node::mode::list_edit)
        return node_->items.size();
    return get().size();
}

bool draft::contains(std::string_view key) const {
    const value v = get();
    return v.is_map() && v.contains(key);
}

void draft::erase(std::string_view key) const {
    detail::draft_node* child = node_->key(key);
    child->assign(value());
    child->present = false;
}

void draft::erase(std::size_t index) const {
    node_->open_list();
    IMMERSIM_ASSERT_OP(index, <, node_->items.size());
    node_->items.erase(node_->items.begin() + static_cast<std::ptrdiff_t>(index));
}

void draft::push_back(value v) const {
    insert(size(), std::move(v));
}

void draft::insert(std::size_t index, value v) const {
    node_->open_list();
    IMMERSIM_ASSERT_OP(index, <=, node_->items.size());
    detail::draft_node* node = node_->arena->make(nullptr);
    node->assign(std::move(v));
    node_->items.insert(node_->items.begin() + static_cast<std::ptrdiff_t>(index), node);
}

static_assert(sizeof(detail::draft_arena) <= draft_session::arena_bytes &&
              alignof(detail::draft_arena) <= 16);

draft_session::draft_session(const value& base)
    : base_(base), arena_(new (arena_storage_) detail::draft_arena()), root_(arena_->make(&base)) {
}

draft_session::~draft_session() {
    arena_->~draft_arena();
}

produce_result draft_session::finish(const produce_options& options) {
    produce_result result;
    result.state = root_->finish();
    if (!options.structural_sharing && !result.state.identical(base_))
        result.state = deep_copy(result.state);
    if (options.with_patches) {
        result.patches = diff(base_, result.state);
        result.inverse_patches = invert_diff(result.patches, base_);
    }
    return result;
}

namespace {
// Numbers too large for the handle live in a node of their own: a copy gets a new one.
value copy_scalar(const value& v) {
    if (v.node_address() == nullptr)
        return v;
    return v.type() == value_type::integer ? value(v.as_int()) : value(v.as_double());
}
} // namespace

value deep_copy(const value& v) {
    switch (v.type()) {
    case value_type::string:
        return value(v.as_string());
    case value_type::map: {
        value copy = value::empty_map();
        v.for_each_entry(
            [&](std::string_view k, const value& child) { copy = copy.set(k, deep_copy(child)); });
        return copy;
    }
    case value_type::list: {
        std::vector<value> items;
        for (std::size_t i = 0; i < v.size(); ++i)
            items.push_back(deep_copy(v.at(i)));
        return detail::make_list(items);
    }
    default:
        return copy_scalar(v);
    }
}

namespace {

value copy_memoized(const value& v, std::unordered_map<const void*, value>& copies) {
    const void* node = v.node_address();
    if (node == nullptr)
        return v; // scalars carry no node
    if (const auto it = copies.find(node); it != copies.end())
        return it->second;
    value copy;
    switch (v.type()) {
    case value_type::string:
        copy = value(v.as_string());
        break;
    case value_type::integer:
    case value_type::real:
        copy = copy_scalar(v);
        break;
    case value_type::map:
        copy = value::empty_map();
        v.for_each_entry([&](std::string_view k, const value& child) {
            copy = copy.set(k, copy_memoized(child, copies));
        });
        break;
    case value_type::list: {
        std::vector<value> items;
        for (std::size_t i = 0; i < v.size(); ++i)
            items.push_back(copy_memoized(v.at(i), copies));
        copy = detail::make_list(items);
        break;
    }
    case value_type::null:
    case value_type::boolean:
        break; // held in the handle: no node to get here
    }
    copies.emplace(node, copy);
    return copy;
}

} // namespace

value copy_keeping_sharing(const value& v) {
    std::unordered_map<const void*, value> copies; // looked up by address, never iterated
    return copy_memoized(v, copies);
}

} // namespace immersim::state
