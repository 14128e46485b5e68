#include "tree_edit.hpp"

#include "immersim/support/assert.hpp"

namespace immersim::scenario_loading {

namespace {

// The value under `key` in a map, or an undefined node. A const lookup: a non-const
// operator[] would add an (invisible) entry.
YAML::Node child(const YAML::Node& map, const std::string& key) {
    for (const auto& entry : map)
        if (entry.first.IsScalar() && entry.first.Scalar() == key)
            return entry.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

} // namespace

tree_edit::~tree_edit() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it)
        refill(it->map, it->before);
}

tree_edit::entries tree_edit::entries_of(const YAML::Node& map) {
    entries out;
    if (map.IsMap())
        for (const auto& entry : map)
            out.emplace_back(entry.first, entry.second);
    return out;
}

// Empties the map, then inserts the given key and value nodes themselves (not copies),
// so that their marks stay theirs. Removal is by node identity, which also takes out
// duplicate keys one by one.
void tree_edit::refill(YAML::Node& map, const entries& with) {
    for (const auto& [key, value] : entries_of(map))
        map.remove(key);
    IMMERSIM_ASSERT_OP(map.size(), ==, 0u);
    for (const auto& [key, value] : with)
        map.force_insert(key, value);
}

void tree_edit::replace(YAML::Node map, const std::string& key, const YAML::Node& value,
                        std::vector<YAML::Node>& created) {
    saved_.push_back({map, entries_of(map)});
    entries next = saved_.back().before;
    bool found = false;
    for (auto& [k, v] : next)
        if (k.IsScalar() && k.Scalar() == key) {
            v.reset(value); // operator= would write through the handle into the tree
            found = true;
        }
    if (!found) {
        next.emplace_back(YAML::Node(key), value);
        created.push_back(next.back().first);
    }
    refill(map, next);
}

bool tree_edit::set(const std::vector<std::string>& keys, const YAML::Node& value, std::string& why,
                    std::vector<YAML::Node>& created) {
    IMMERSIM_ASSERT(!keys.empty());
    YAML::Node at = root_;
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
        YAML::Node next = child(at, keys[i]);
        if (!next.IsDefined() || next.IsNull()) {
            next.reset(YAML::Node(YAML::NodeType::Map));
            created.push_back(next);
            replace(at, keys[i], next, created);
        } else if (!next.IsMap()) {
            why = "'" + keys[i] + "' is not a mapping in the scenario";
            return false;
        }
        at.reset(next); // rebinds the handle; operator= would write into the tree
    }
    replace(at, keys.back(), value, created);
    return true;
}

} // namespace immersim::scenario_loading
