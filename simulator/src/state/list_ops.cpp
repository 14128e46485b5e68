#include "list_ops.hpp"

#include "immersim/random/generator.hpp"
#include "immersim/support/assert.hpp"

#include <new>
#include <vector>

namespace immersim::state {

namespace detail {

list_node* list_make(std::span<const value> items) {
    auto* node = static_cast<list_node*>(
        allocate_node(sizeof(list_node) + items.size() * sizeof(value)));
    node->header = {1, node_kind::list};
    node->size = items.size();
    std::uint64_t hash = 0x6c697374ULL;
    for (std::size_t i = 0; i < items.size(); ++i) {
        new (node->items() + i) value(items[i]);
        hash = mix64(hash ^ items[i].hash());
    }
    node->hash = hash;
    return node;
}

} // namespace detail

namespace {

using detail::value_access;

std::span<const value> items_of(const value& list) {
    IMMERSIM_ASSERT(list.is_list());
    const detail::list_node* node = value_access::list(list);
    return {node->items(), node->size};
}

value adopt_list(detail::list_node* node) {
    return value_access::adopt(value_type::list, &node->header);
}

} // namespace

const value& value::at(std::size_t index) const {
    const std::span<const value> items = items_of(*this);
    IMMERSIM_ASSERT_OP(index, <, items.size());
    return items[index];
}

value value::set(std::size_t index, value v) const {
    const std::span<const value> items = items_of(*this);
    IMMERSIM_ASSERT_OP(index, <, items.size());
    if (items[index] == v)
        return *this;
    std::vector<value> copy(items.begin(), items.end());
    copy[index] = std::move(v);
    return adopt_list(detail::list_make(copy));
}

value value::push_back(value v) const { return insert(size(), std::move(v)); }

value value::insert(std::size_t index, value v) const {
    const std::span<const value> items = items_of(*this);
    IMMERSIM_ASSERT_OP(index, <=, items.size());
    std::vector<value> copy;
    copy.reserve(items.size() + 1);
    copy.insert(copy.end(), items.begin(), items.begin() + static_cast<std::ptrdiff_t>(index));
    copy.push_back(std::move(v));
    copy.insert(copy.end(), items.begin() + static_cast<std::ptrdiff_t>(index), items.end());
    return adopt_list(detail::list_make(copy));
}

value value::erase(std::size_t index) const {
    const std::span<const value> items = items_of(*this);
    IMMERSIM_ASSERT_OP(index, <, items.size());
    std::vector<value> copy;
    copy.reserve(items.size() - 1);
    copy.insert(copy.end(), items.begin(), items.begin() + static_cast<std::ptrdiff_t>(index));
    copy.insert(copy.end(), items.begin() + static_cast<std::ptrdiff_t>(index) + 1, items.end());
    return adopt_list(detail::list_make(copy));
}

} // namespace immersim::state
