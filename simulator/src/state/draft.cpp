// The draft tree behind produce(): only the places a recipe touches get a node.
#include "immersim/state/diff.hpp"
#include "immersim/state/produce.hpp"

#include "immersim/support/assert.hpp"
#include "list_ops.hpp"

#include <map>
#include <vector>

namespace immersim::state {

namespace detail {

value make_list(std::span<const value> items) {
    return value_access::adopt(value_type::list, &list_make(items)->header);
}

struct draft_node {
    enum class mode {
        original, // `current` is the base value (or absent)
        assigned, // `current` was set by the recipe
        map_edit, // `current` is the map being edited; `keys` hold the edits
        list_edit // `items` hold every element
    };

    mode how = mode::original;
    bool present = true;
    value current;
    std::map<std::string, std::unique_ptr<draft_node>, std::less<>> keys;
    std::vector<std::unique_ptr<draft_node>> items;

    static std::unique_ptr<draft_node> of(const value* v) {
        auto node = std::make_unique<draft_node>();
        node->present = v != nullptr;
        if (v != nullptr)
            node->current = *v;
        return node;
    }

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
            items.push_back(of(&current.at(i)));
        how = mode::list_edit;
    }

    draft_node* key(std::string_view k) {
        open_map();
        auto it = keys.find(k);
        if (it == keys.end())
            it = keys.emplace(std::string(k), of(current.find(k))).first;
        return it->second.get();
    }

    draft_node* index(std::size_t i) {
        open_list();
        IMMERSIM_ASSERT_OP(i, <, items.size());
        return items[i].get();
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
                same = same && values.back().identical(current.at(i));
            }
            return same ? current : make_list(values);
        }
        }
        return value();
    }
};

} // namespace detail

draft draft::operator[](std::string_view key) const { return draft(node_->key(key)); }

draft draft::operator[](std::size_t index) const { return draft(node_->index(index)); }

const draft& draft::operator=(value v) const {
    node_->assign(std::move(v));
    return *this;
}

value draft::get() const { return node_->finish(); }

bool draft::exists() const { return node_->present; }

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

void draft::push_back(value v) const { insert(size(), std::move(v)); }

void draft::insert(std::size_t index, value v) const {
    node_->open_list();
    IMMERSIM_ASSERT_OP(index, <=, node_->items.size());
    auto node = std::make_unique<detail::draft_node>();
    node->assign(std::move(v));
    node_->items.insert(node_->items.begin() + static_cast<std::ptrdiff_t>(index), std::move(node));
}

draft_session::draft_session(const value& base)
    : base_(base), root_(detail::draft_node::of(&base)) {}

draft_session::~draft_session() = default;

produce_result draft_session::finish(const produce_options& options) {
    produce_result result;
    result.state = root_->finish();
    if (!options.structural_sharing && !result.state.identical(base_))
        result.state = deep_copy(result.state);
    if (options.with_patches) {
        result.patches = diff(base_, result.state);
        result.inverse_patches = diff(result.state, base_);
    }
    return result;
}

value deep_copy(const value& v) {
    switch (v.type()) {
    case value_type::string:
        return value(v.as_string());
    case value_type::map: {
        value copy = value::empty_map();
        v.for_each_entry([&](std::string_view k, const value& child) {
            copy = copy.set(k, deep_copy(child));
        });
        return copy;
    }
    case value_type::list: {
        std::vector<value> items;
        for (std::size_t i = 0; i < v.size(); ++i)
            items.push_back(deep_copy(v.at(i)));
        return detail::make_list(items);
    }
    default:
        return v;
    }
}

} // namespace immersim::state
