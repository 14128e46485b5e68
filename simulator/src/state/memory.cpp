#include "immersim/state/memory.hpp"

#include "champ.hpp"

#include <unordered_map>

namespace immersim::state {

namespace {

using detail::node_header;

// Memoised walk: deep sizes by node. The map is only looked up, never iterated, so
// its order cannot reach the result.
class accountant {
public:
    std::uint64_t deep_size(const value& v) {
        const void* node = v.node_address();
        return node == nullptr ? 0 : deep_size(static_cast<const node_header*>(node));
    }

    memory_usage usage;

private:
    std::uint64_t deep_size(const node_header* node) {
        if (auto it = deep_.find(node); it != deep_.end())
            return it->second;
        std::uint64_t own = 0;
        std::uint64_t below = 0;
        switch (node->kind) {
        case detail::node_kind::string:
            own = reinterpret_cast<const detail::string_node*>(node)->bytes();
            break;
        case detail::node_kind::map_inner:
        case detail::node_kind::map_collision: {
            const auto* map = reinterpret_cast<const detail::map_node*>(node);
            own = map->bytes();
            if (map->keys != nullptr)
                below += deep_size(&map->keys->header);
            for (std::uint32_t i = 0, n = map->entry_count(); i < n; ++i)
                below += deep_size(map->values()[i]);
            for (std::uint32_t i = 0, n = map->child_count(); i < n; ++i)
                below += deep_size(&map->children()[i]->header);
            break;
        }
        case detail::node_kind::map_keys: {
            const auto* block = reinterpret_cast<const detail::key_block*>(node);
            own = block->bytes();
            for (std::uint32_t i = 0; i < block->size; ++i)
                if (block->keys()[i].is_heap())
                    below += deep_size(&block->keys()[i].heap()->header);
            break;
        }
        case detail::node_kind::list: {
            const auto* list = reinterpret_cast<const detail::list_node*>(node);
            own = list->bytes();
            for (std::uint64_t i = 0; i < list->size; ++i)
                below += deep_size(list->items()[i]);
            break;
        }
        case detail::node_kind::boxed_integer:
        case detail::node_kind::boxed_real:
            own = sizeof(detail::boxed_node);
            break;
        }
        usage.live_bytes += own;
        ++usage.live_nodes;
        const std::uint64_t total = own + below;
        deep_.emplace(node, total);
        return total;
    }

    std::unordered_map<const node_header*, std::uint64_t> deep_;
};

} // namespace

memory_usage measure_memory(std::span<const value> roots) {
    accountant a;
    for (const value& root : roots)
        a.usage.deep_copy_bytes += a.deep_size(root);
    return a.usage;
}

std::uint64_t node_bytes_allocated_by_this_thread() {
    return detail::node_bytes_allocated();
}

} // namespace immersim::state
