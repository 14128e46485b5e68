// apply_patches must reject every patch that does not fit the state, with a message
// naming the patch and the place, and never create anything on the way.
#include "immersim/state/json.hpp"
#include "immersim/state/patch.hpp"

#include <gtest/gtest.h>

namespace immersim {
namespace {

using state::patch;
using state::patch_op;
using state::value;

value document() {
    return *state::from_json(R"({"todos": {"1": {"done": false}}, "list": [10, 20], "n": 3})").state;
}

std::string error_of(std::vector<patch> patches) {
    const auto result = state::apply_patches(document(), patches);
    return result.error ? result.error->message : "";
}

TEST(apply_patches, applies_add_replace_and_remove_on_maps_and_lists) {
    const auto result = state::apply_patches(
        document(), std::vector<patch>{{patch_op::replace, {"todos", "1", "done"}, true},
                                       {patch_op::add, {"todos", "2"}, value::empty_map()},
                                       {patch_op::add, {"list", std::size_t{2}}, 30},
                                       {patch_op::add, {"list", std::size_t{0}}, 5},
                                       {patch_op::remove, {"list", std::size_t{1}}, {}},
                                       {patch_op::remove, {"n"}, {}}});
    ASSERT_FALSE(result.error) << result.error->message;
    EXPECT_EQ(state::to_json(result.state),
              R"({"list":[5,20,30],"todos":{"1":{"done":true},"2":{}}})");
}

TEST(apply_patches, a_missing_key_on_the_way_is_an_error) {
    EXPECT_EQ(error_of({{patch_op::replace, {"todos", "9", "done"}, true}}),
              "patch 0 (replace /todos/9/done): key '9' not found");
}

TEST(apply_patches, replacing_or_removing_a_missing_key_is_an_error) {
    EXPECT_EQ(error_of({{patch_op::replace, {"missing"}, 1}}),
              "patch 0 (replace /missing): key 'missing' not found");
    EXPECT_EQ(error_of({{patch_op::remove, {"todos", "7"}, {}}}),
              "patch 0 (remove /todos/7): key '7' not found");
}

TEST(apply_patches, indices_out_of_range_are_errors) {
    EXPECT_EQ(error_of({{patch_op::replace, {"list", std::size_t{2}}, 1}}),
              "patch 0 (replace /list/2): index 2 out of range (size 2)");
    EXPECT_EQ(error_of({{patch_op::add, {"list", std::size_t{3}}, 1}}),
              "patch 0 (add /list/3): index 3 out of range (size 2)");
    EXPECT_EQ(error_of({{patch_op::remove, {"list", std::size_t{5}, "x"}, {}}}),
              "patch 0 (remove /list/5/x): index 5 not found");
}

TEST(apply_patches, type_mismatches_are_errors) {
    EXPECT_EQ(error_of({{patch_op::add, {"list", "key"}, 1}}),
              "patch 0 (add /list/key): key 'key' used on a value of type list");
    EXPECT_EQ(error_of({{patch_op::add, {"todos", std::size_t{0}}, 1}}),
              "patch 0 (add /todos/0): index 0 used on a value of type map");
    EXPECT_EQ(error_of({{patch_op::add, {"n", "deeper", "still"}, 1}}),
              "patch 0 (add /n/deeper/still): key 'deeper' used on a value of type int");
}

TEST(apply_patches, reports_the_first_failing_patch_by_index) {
    const auto result = state::apply_patches(
        document(), std::vector<patch>{{patch_op::replace, {"n"}, 4},
                                       {patch_op::remove, {"absent"}, {}},
                                       {patch_op::remove, {"also-absent"}, {}}});
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->index, 1u);
}

TEST(apply_patches, the_root_can_be_replaced_but_not_removed) {
    EXPECT_EQ(state::apply_patches(document(), std::vector<patch>{{patch_op::replace, {}, 7}})
                  .state.as_int(),
              7);
    EXPECT_EQ(error_of({{patch_op::remove, {}, {}}}),
              "patch 0 (remove /): the root cannot be removed");
}

} // namespace
} // namespace immersim
