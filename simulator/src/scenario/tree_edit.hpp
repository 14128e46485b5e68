// Sets dotted keys of a parsed YAML tree in place, and puts the tree back as it was
// when the edit ends. A study parses its file once and reads every sweep point from
// the same tree: entries keep their order and their marks, so every error keeps its
// line and column, and a point costs what reading it costs, not a parse.
#pragma once

#include <string>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace immersim::scenario_loading {

class tree_edit {
public:
    explicit tree_edit(YAML::Node root) : root_(std::move(root)) {}
    ~tree_edit(); // restores every map it changed, the last change first
    tree_edit(const tree_edit&) = delete;
    tree_edit& operator=(const tree_edit&) = delete;

    // Sets root[keys[0]]...[keys[n-1]] to `value` (the node itself, marks and all),
    // creating missing or null maps on the way. False, with the reason in `why`, when
    // a key on the way holds something other than a mapping. The keys and maps it had
    // to create, which have no place in the file, are appended to `created`.
    bool set(const std::vector<std::string>& keys, const YAML::Node& value, std::string& why,
             std::vector<YAML::Node>& created);

private:
    using entries = std::vector<std::pair<YAML::Node, YAML::Node>>;
    struct saved_map {
        YAML::Node map;
        entries before;
    };

    // map[key] = value, keeping the order of the other entries; the map's entries are
    // saved first.
    void replace(YAML::Node map, const std::string& key, const YAML::Node& value,
                 std::vector<YAML::Node>& created);
    static entries entries_of(const YAML::Node& map);
    static void refill(YAML::Node& map, const entries& with);

    YAML::Node root_;
    std::vector<saved_map> saved_;
};

} // namespace immersim::scenario_loading
