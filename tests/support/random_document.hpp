// Random nested documents and random edits for the state layer's property tests.
#pragma once

#include "immersim/random/generator.hpp"
#include "immersim/state/path.hpp"
#include "immersim/state/produce.hpp"
#include "immersim/state/value.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace immersim::testing {

// A document of maps, lists and scalars, at most `depth` levels deep. Keys come
// from a small alphabet so that edits on two sides often meet.
state::value random_document(generator& g, int depth);

// A random scalar or small subtree to write somewhere.
state::value random_leaf(generator& g);

// Applies `edits` random edits to the draft and records the paths it wrote. A list
// insert or erase shifts indices, so it is recorded as a write to the whole list.
void random_edits(generator& g, state::draft& root, const state::value& base, int edits,
                  std::vector<state::path>& written);

// The reference diff: a full recursive comparison of two JSON documents with the
// same list rules as state::diff, as (op, path, value-json) triples, sorted.
struct naive_change {
    std::string op;
    std::string where;
    std::string value_json;
    auto operator<=>(const naive_change&) const = default;
};
std::vector<naive_change> naive_diff(const nlohmann::json& from, const nlohmann::json& to);

// A patch in the same form, for comparison with naive_diff.
naive_change as_naive(const state::patch& p);

} // namespace immersim::testing
