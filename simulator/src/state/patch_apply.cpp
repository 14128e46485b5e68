// Applying patches by path copying: each patch rebuilds the nodes on its path.
#include "immersim/state/patch.hpp"

#include "immersim/support/assert.hpp"

namespace immersim::state {

const char* to_string(patch_op op) {
    switch (op) {
    case patch_op::add:
        return "add";
    case patch_op::replace:
        return "replace";
    case patch_op::remove:
        return "remove";
    }
    return "unknown";
}

namespace {

struct failure {
    std::string message;
};

std::string describe(const path_element& element) {
    if (const auto* index = std::get_if<std::size_t>(&element))
        return "index " + std::to_string(*index);
    return "key '" + std::get<std::string>(element) + "'";
}

// Applies `p` to the last element of its path inside `parent`.
std::optional<value> apply_last(const value& parent, const patch& p, failure& f) {
    const path_element& last = p.where.back();
    if (const auto* key = std::get_if<std::string>(&last)) {
        if (!parent.is_map()) {
            f.message = describe(last) + " used on a value of type " + std::string(to_string(parent.type()));
            return std::nullopt;
        }
        const bool exists = parent.contains(*key);
        if (p.op != patch_op::add && !exists) {
            f.message = describe(last) + " not found";
            return std::nullopt;
        }
        return p.op == patch_op::remove ? parent.erase(*key) : parent.set(*key, p.val);
    }
    const std::size_t index = std::get<std::size_t>(last);
    if (!parent.is_list()) {
        f.message = describe(last) + " used on a value of type " + std::string(to_string(parent.type()));
        return std::nullopt;
    }
    const std::size_t limit = p.op == patch_op::add ? parent.size() + 1 : parent.size();
    if (index >= limit) {
        f.message = describe(last) + " out of range (size " + std::to_string(parent.size()) + ")";
        return std::nullopt;
    }
    switch (p.op) {
    case patch_op::add:
        return parent.insert(index, p.val);
    case patch_op::replace:
        return parent.set(index, p.val);
    case patch_op::remove:
        return parent.erase(index);
    }
    return std::nullopt;
}

std::optional<value> apply_from(const value& node, const patch& p, std::size_t depth, failure& f) {
    if (depth + 1 == p.where.size())
        return apply_last(node, p, f);
    const path_element& element = p.where[depth];
    const value* child = nullptr;
    if (const auto* key = std::get_if<std::string>(&element)) {
        if (node.is_map())
            child = node.find(*key);
    } else if (node.is_list()) {
        const std::size_t index = std::get<std::size_t>(element);
        if (index < node.size())
            child = &node.at(index);
    }
    if (child == nullptr) {
        f.message = describe(element) + (node.is_map() || node.is_list()
                                             ? " not found"
                                             : std::string(" used on a value of type ") + to_string(node.type()));
        return std::nullopt;
    }
    std::optional<value> updated = apply_from(*child, p, depth + 1, f);
    if (!updated)
        return std::nullopt;
    if (const auto* key = std::get_if<std::string>(&element))
        return node.set(*key, std::move(*updated));
    return node.set(std::get<std::size_t>(element), std::move(*updated));
}

} // namespace

apply_result apply_patches(const value& state, std::span<const patch> patches) {
    apply_result result{state, std::nullopt};
    for (std::size_t i = 0; i < patches.size(); ++i) {
        const patch& p = patches[i];
        if (p.where.empty()) {
            if (p.op == patch_op::remove) {
                result.error = patch_error{i, "patch " + std::to_string(i) +
                                                  " (remove /): the root cannot be removed"};
                return result;
            }
            result.state = p.val;
            continue;
        }
        failure f;
        std::optional<value> updated = apply_from(result.state, p, 0, f);
        if (!updated) {
            result.error = patch_error{i, "patch " + std::to_string(i) + " (" + to_string(p.op) +
                                              " " + format_path(p.where) + "): " + f.message};
            return result;
        }
        result.state = std::move(*updated);
    }
    return result;
}

const value* value_step(const value* at, const path_element& element) {
    if (at == nullptr)
        return nullptr;
    if (const auto* key = std::get_if<std::string>(&element))
        return at->is_map() ? at->find(*key) : nullptr;
    const std::size_t index = std::get<std::size_t>(element);
    return at->is_list() && index < at->size() ? &at->at(index) : nullptr;
}

const value* value_at(const value& root, const path& where) {
    const value* at = &root;
    for (const path_element& element : where) {
        at = value_step(at, element);
        if (at == nullptr)
            return nullptr;
    }
    return at;
}

namespace {
// Old values of a diff's replaces and removes exist in the version it started from.
const value& old_value(const value& before, const path& where) {
    const value* at = value_at(before, where);
    IMMERSIM_ASSERT(at != nullptr);
    return *at;
}
} // namespace

patch_list invert_diff(const patch_list& forward, const value& before) {
    patch_list inverse;
    inverse.reserve(forward.size());
    for (auto it = forward.rbegin(); it != forward.rend(); ++it) {
        switch (it->op) {
        case patch_op::add:
            inverse.push_back({patch_op::remove, it->where, value()});
            break;
        case patch_op::replace:
            inverse.push_back({patch_op::replace, it->where, old_value(before, it->where)});
            break;
        case patch_op::remove:
            inverse.push_back({patch_op::add, it->where, old_value(before, it->where)});
            break;
        }
    }
    return inverse;
}

} // namespace immersim::state
