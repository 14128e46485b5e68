#include "immersim/state/json.hpp"
#include "immersim/state/memory.hpp"
#include "immersim/state/produce.hpp"

#include <gtest/gtest.h>

namespace immersim {
namespace {

using state::draft;
using state::value;

value todos() {
    return *state::from_json(
                R"({"counter": 1, "todos": {"42": {"done": false, "title": "a"},
                    "43": {"done": true, "title": "b"}}, "tags": ["x"]})")
                .state;
}

TEST(produce, the_issue_example_yields_the_next_state_and_patches) {
    const value base = todos();
    const auto [next, patches, inverse] = state::produce(base, [](draft& d) {
        d["todos"]["42"]["done"] = true;
        d["counter"] = d["counter"].as_int() + 1;
    });
    EXPECT_EQ(next.find("counter")->as_int(), 2);
    EXPECT_TRUE(next.find("todos")->find("42")->find("done")->as_bool());
    EXPECT_EQ(patches.size(), 2u);
    EXPECT_EQ(inverse.size(), 2u);
    // The untouched todo and the list are the very same nodes.
    EXPECT_TRUE(next.find("todos")->find("43")->identical(*base.find("todos")->find("43")));
    EXPECT_TRUE(next.find("tags")->identical(*base.find("tags")));
}

TEST(produce, a_recipe_that_changes_nothing_returns_the_base_itself) {
    const value base = todos();
    const auto result = state::produce(base, [](draft& d) {
        d["todos"]["42"]["done"] = false; // the value it already has
        (void)d["counter"].as_int();
        d["tags"].push_back("y");
        d["tags"].erase(1); // pushed then erased: no net change
    });
    EXPECT_TRUE(result.state.identical(base));
    EXPECT_TRUE(result.patches.empty());
    EXPECT_TRUE(result.inverse_patches.empty());
}

TEST(produce, creates_erases_and_edits_lists) {
    const auto result = state::produce(todos(), [](draft& d) {
        d["todos"]["44"] = value::empty_map();
        d["todos"]["44"]["title"] = "c";
        d["todos"].erase("43");
        d["tags"].insert(0, "first");
        d["tags"][1] = "second";
    });
    EXPECT_EQ(state::to_json(result.state),
              R"({"counter":1,"tags":["first","second"],"todos":{"42":{"done":false,"title":"a"},"44":{"title":"c"}}})");
}

TEST(produce, reading_a_missing_key_gives_null_and_does_not_create_it) {
    const value base = todos();
    const auto result = state::produce(base, [](draft& d) {
        EXPECT_FALSE(d["nothing"].exists());
        EXPECT_TRUE(d["nothing"].get().is_null());
    });
    EXPECT_TRUE(result.state.identical(base));
}

TEST(produce, with_sharing_off_no_node_is_shared_with_the_base) {
    const value base = todos();
    const auto shared = state::produce(base, [](draft& d) { d["counter"] = 5; });
    const auto copied = state::produce(base, [](draft& d) { d["counter"] = 5; },
                                       {.structural_sharing = false});
    EXPECT_EQ(shared.state, copied.state);
    const value with_sharing[] = {base, shared.state};
    const value without_sharing[] = {base, copied.state};
    const auto on = state::measure_memory(with_sharing);
    const auto off = state::measure_memory(without_sharing);
    EXPECT_LT(on.live_bytes, on.deep_copy_bytes);
    EXPECT_EQ(off.live_bytes, off.deep_copy_bytes);
    EXPECT_EQ(on.deep_copy_bytes, off.deep_copy_bytes);
    EXPECT_EQ(copied.patches, shared.patches);
}

TEST(produce_death, misuse_of_a_draft_names_what_was_there) {
    EXPECT_DEATH(state::produce(todos(), [](draft& d) { d["counter"]["x"] = 1; }),
                 "the value here is int");
}

} // namespace
} // namespace immersim
