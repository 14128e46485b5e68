// Allocation and release of state nodes.
#include "nodes.hpp"

#include "champ.hpp"
#include "immersim/random/generator.hpp"

#include <cstring>
#include <new>

namespace immersim::state::detail {

string_node* make_string(std::string_view text) {
    auto* node = static_cast<string_node*>(allocate_node(sizeof(string_node) + text.size()));
    node->header = {1, node_kind::string};
    node->hash = key_hash(text);
    node->length = static_cast<std::uint32_t>(text.size());
    node->unused = 0;
    if (!text.empty())
        std::memcpy(node->chars(), text.data(), text.size());
    return node;
}

std::uint64_t key_hash(std::string_view key) {
#ifdef IMMERSIM_TEST_WEAK_KEY_HASH
    // A test build only: 8 bits of hash make collisions common, so that the deep
    // chains and collision nodes of the trie get exercised.
    return hash_bytes(key) & 0xff;
#else
    return hash_bytes(key);
#endif
}

std::uint64_t entry_hash(std::uint64_t key_hash, const value& v) {
    return mix64(key_hash ^ (v.hash() * 0x9e3779b97f4a7c15ULL));
}

namespace {
void destroy_list(list_node* node) {
    const std::size_t bytes = node->bytes();
    for (std::uint64_t i = 0; i < node->size; ++i)
        node->items()[i].~value();
    free_node(node, bytes);
}
} // namespace

void release(node_header* node) {
    switch (node->kind) {
    case node_kind::string: {
        auto* s = reinterpret_cast<string_node*>(node);
        free_node(s, s->bytes());
        return;
    }
    case node_kind::map_inner:
    case node_kind::map_collision:
        map_destroy(reinterpret_cast<map_node*>(node));
        return;
    case node_kind::map_keys:
        keys_destroy(reinterpret_cast<key_block*>(node));
        return;
    case node_kind::list:
        destroy_list(reinterpret_cast<list_node*>(node));
        return;
    case node_kind::boxed_integer:
    case node_kind::boxed_real:
        free_node(node, sizeof(boxed_node));
        return;
    }
}

} // namespace immersim::state::detail
