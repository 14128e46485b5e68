// Values that runs on several threads share are safe by type: a scenario's initial
// state and workload constants are `shared_value`s, which cannot be copied into a
// plain value by accident, and each run's own copy shares no node (so no
// reference count) with them.
#include "immersim/scenario/scenario.hpp"
#include "immersim/state/json.hpp"
#include "immersim/state/shared_value.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <type_traits>

namespace immersim::state {
namespace {

static_assert(!std::is_convertible_v<const shared_value&, value>,
              "a shared value must not turn into a plain handle implicitly");
static_assert(!std::is_constructible_v<value, const shared_value&>,
              "nor explicitly: only own_copy gives a value");
static_assert(std::is_same_v<decltype(state_config::initial), shared_value>,
              "the scenario's initial state is shared by runs on every thread");
static_assert(std::is_same_v<decltype(workload::op_spec::constant), shared_value>,
              "so are the workload's constants");

// Every node of `v`, by address.
void collect_nodes(const value& v, std::vector<const void*>& out) {
    if (v.node_address() != nullptr)
        out.push_back(v.node_address());
    if (v.is_map())
        v.for_each_entry([&](std::string_view, const value& child) { collect_nodes(child, out); });
    if (v.is_list())
        for (std::size_t i = 0; i < v.size(); ++i)
            collect_nodes(v.at(i), out);
}

TEST(shared_value, a_runs_own_copy_shares_no_node_but_keeps_its_inner_sharing) {
    const value leaf = *from_json(R"({"title": "a long enough string", "n": 123456789012})").state;
    const value doc = value::empty_map().set("a", leaf).set("b", leaf); // one node, twice
    const shared_value shared(doc);

    const value mine = shared.own_copy();
    EXPECT_EQ(to_json(mine), to_json(doc));
    std::vector<const void*> original, copied;
    collect_nodes(doc, original);
    collect_nodes(mine, copied);
    for (const void* node : copied)
        EXPECT_EQ(std::find(original.begin(), original.end(), node), original.end());
    // The sharing inside is kept: "a" and "b" still point at one node.
    EXPECT_EQ(mine.find("a")->node_address(), mine.find("b")->node_address());
}

} // namespace
} // namespace immersim::state
