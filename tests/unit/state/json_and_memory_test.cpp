#include "immersim/state/json.hpp"
#include "immersim/state/memory.hpp"
#include "immersim/state/produce.hpp"

#include <gtest/gtest.h>

namespace immersim {
namespace {

using state::value;

TEST(json, round_trips_with_keys_in_byte_order) {
    const std::string text = R"({"b":[1,2.5,"s",null,true],"a":{"z":1,"y":{}}})";
    const auto parsed = state::from_json(text);
    ASSERT_TRUE(parsed.state) << parsed.error;
    EXPECT_EQ(state::to_json(*parsed.state), R"({"a":{"y":{},"z":1},"b":[1,2.5,"s",null,true]})");
}

TEST(json, malformed_text_reports_line_and_column) {
    const auto parsed = state::from_json("{\n  \"a\": 1,\n  \"b\": }\n");
    EXPECT_FALSE(parsed.state);
    EXPECT_EQ(parsed.error, "line 3, column 8: invalid JSON");
}

TEST(json, integers_too_large_are_rejected_not_rounded) {
    const auto parsed = state::from_json("[18446744073709551615]");
    EXPECT_FALSE(parsed.state);
    EXPECT_EQ(parsed.error, "integer 18446744073709551615 does not fit in 64 bits");
}

TEST(json, nesting_is_bounded) {
    const auto parsed = state::from_json("[[[[1]]]]", 2);
    EXPECT_FALSE(parsed.state);
}

TEST(memory, shared_versions_count_shared_nodes_once) {
    value base = value::empty_map();
    for (int i = 0; i < 1000; ++i)
        base = base.set("key-" + std::to_string(i), value("value-" + std::to_string(i)));
    std::vector<value> replicas;
    for (int r = 0; r < 10; ++r)
        replicas.push_back(base.set("key-" + std::to_string(r), value(r)));
    const auto alone = state::measure_memory(std::span<const value>(&base, 1));
    EXPECT_EQ(alone.live_bytes, alone.deep_copy_bytes);
    const auto usage = state::measure_memory(replicas);
    // Each replica swapped one string "value-r" (a 24-byte node header plus 7 bytes)
    // for an integer, which has no node: its deep size is exactly 31 bytes smaller.
    EXPECT_EQ(usage.deep_copy_bytes, 10 * (alone.deep_copy_bytes - 31));
    // Ten replicas that each changed one key: far below ten deep copies, above one.
    EXPECT_GT(usage.live_bytes, alone.live_bytes);
    EXPECT_LT(usage.live_fraction(), 0.2);
}

} // namespace
} // namespace immersim

namespace immersim::state {
namespace {

// A map whose values change but whose keys do not shares its keys with the version
// it came from: the usual edit costs the values of one node, not its keys.
TEST(memory, a_version_that_changes_a_value_shares_the_keys) {
    value v1 = value::empty_map();
    for (int f = 0; f < 8; ++f)
        v1 = v1.set("a-longer-field-name-" + std::to_string(f), value(f));
    const value v2 = v1.set("a-longer-field-name-3", value(99));
    const value one[] = {v1};
    const value both[] = {v1, v2};
    const auto alone = state::measure_memory(one);
    const auto together = state::measure_memory(both);
    EXPECT_LT(together.live_bytes - alone.live_bytes, alone.live_bytes / 2);
    EXPECT_EQ(together.deep_copy_bytes, 2 * alone.deep_copy_bytes);
}

TEST(copy_keeping_sharing, shares_nothing_with_the_source_but_keeps_its_inner_sharing) {
    const value todo = value::empty_map().set("title", "a long enough title").set("done", false);
    value todos = value::empty_map();
    for (int i = 0; i < 50; ++i)
        todos = todos.set(std::to_string(i), todo); // one node, fifty places
    const value doc =
        value::empty_map().set("todos", todos).set("tags", value::empty_list().push_back("x"));
    const value copy = copy_keeping_sharing(doc);
    EXPECT_EQ(copy, doc);
    EXPECT_EQ(copy.hash(), doc.hash());
    // Nothing shared with the source...
    const value both[] = {doc, copy};
    const memory_usage together = measure_memory(both);
    const value one[] = {doc};
    const memory_usage alone = measure_memory(one);
    EXPECT_EQ(together.live_bytes, 2 * alone.live_bytes);
    // ...and the fifty todos still one node in the copy, unlike a deep copy.
    const value copied[] = {copy};
    EXPECT_EQ(measure_memory(copied).live_bytes, alone.live_bytes);
    const value deep[] = {deep_copy(doc)};
    const value just_todo[] = {todo};
    EXPECT_GE(measure_memory(deep).live_bytes,
              alone.live_bytes + 49 * measure_memory(just_todo).live_bytes);
    EXPECT_TRUE(copy.find("todos")->find("0")->identical(*copy.find("todos")->find("49")));
}

} // namespace
} // namespace immersim::state
