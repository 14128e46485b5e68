// Textbook three-way merges: each would fail on a wrong merge function.
#include "immersim/state/json.hpp"
#include "immersim/strategies/three_way_merge.hpp"

#include <gtest/gtest.h>

namespace immersim::strategies {
namespace {

using state::value;

value json(const char* text) {
    auto parsed = state::from_json(text);
    EXPECT_TRUE(parsed.state) << parsed.error;
    return parsed.state.value_or(value());
}

const merge_registry registry;

merge_policy policy(std::initializer_list<std::pair<const char*, const char*>> rules,
                    const char* fallback = "lww") {
    merge_policy p(*registry.find(fallback));
    for (const auto& [pattern, name] : rules)
        p.set(pattern, *registry.find(name));
    return p;
}

merge_result merge(const char* base, const char* ours, const char* theirs,
                   const merge_policy& p) {
    return three_way_merge(json(base), json(ours), json(theirs), p);
}

TEST(three_way_merge, changes_on_different_paths_merge_without_conflict) {
    const auto r = merge(R"({"a": 1, "b": 1})", R"({"a": 2, "b": 1})", R"({"a": 1, "b": 3})",
                         policy({}));
    EXPECT_EQ(state::to_json(r.merged), R"({"a":2,"b":3})");
    EXPECT_EQ(r.stats.conflicts, 0u);
    EXPECT_EQ(r.stats.auto_merged, 2u); // one change on each side
    EXPECT_EQ(r.stats.overwritten, 0u);
}

TEST(three_way_merge, sum_keeps_every_increment_and_lww_loses_one) {
    const char* base = R"({"likes": 10})";
    const char* ours = R"({"likes": 12})";   // +2 already applied
    const char* theirs = R"({"likes": 15})"; // +5 made on the old version
    const auto summed = merge(base, ours, theirs, policy({{"likes", "sum"}}));
    EXPECT_EQ(state::to_json(summed.merged), R"({"likes":17})");
    EXPECT_EQ(summed.stats.conflicts, 1u);
    EXPECT_EQ(summed.stats.overwritten, 0u);
    const auto lww = merge(base, ours, theirs, policy({}));
    EXPECT_EQ(state::to_json(lww.merged), R"({"likes":15})");
    EXPECT_EQ(lww.stats.overwritten, 1u);
}

TEST(three_way_merge, sum_works_on_doubles_and_absent_counters) {
    const auto r = merge(R"({})", R"({"x": 1.5})", R"({"x": 2})", policy({{"x", "sum"}}));
    EXPECT_EQ(r.merged.find("x")->as_double(), 3.5);
}

TEST(three_way_merge, max_and_min_pick_an_extreme) {
    EXPECT_EQ(state::to_json(merge(R"({"v": 1})", R"({"v": 7})", R"({"v": 4})",
                                   policy({{"v", "max"}}))
                                 .merged),
              R"({"v":7})");
    EXPECT_EQ(state::to_json(merge(R"({"v": 5})", R"({"v": 7})", R"({"v": 4})",
                                   policy({{"v", "min"}}))
                                 .merged),
              R"({"v":4})");
}

TEST(three_way_merge, union_keeps_adds_from_both_sides_and_honours_removals) {
    const auto r = merge(R"({"tags": ["a", "b"]})", R"({"tags": ["a", "b", "c"]})",
                         R"({"tags": ["b", "d"]})", policy({{"tags", "union"}}));
    EXPECT_EQ(state::to_json(r.merged), R"({"tags":["b","c","d"]})");
}

TEST(three_way_merge, list_by_id_matches_elements_by_their_id) {
    const auto r = merge(R"({"todos": [{"id": 1, "t": "a"}, {"id": 2, "t": "b"}]})",
                         R"({"todos": [{"id": 1, "t": "A"}, {"id": 2, "t": "b"}]})",
                         R"({"todos": [{"id": 2, "t": "B"}, {"id": 1, "t": "a"}, {"id": 3, "t": "c"}]})",
                         policy({{"todos", "list-by-id"}}));
    EXPECT_EQ(state::to_json(r.merged),
              R"({"todos":[{"id":1,"t":"A"},{"id":2,"t":"B"},{"id":3,"t":"c"}]})");
    EXPECT_EQ(r.stats.overwritten, 0u);
}

TEST(three_way_merge, keep_both_records_both_values) {
    const auto r = merge(R"({"title": "x"})", R"({"title": "y"})", R"({"title": "z"})",
                         policy({{"title", "keep-both"}}));
    EXPECT_EQ(state::to_json(r.merged), R"({"title":["y","z"]})");
    EXPECT_EQ(r.stats.kept_both, 1u);
}

TEST(three_way_merge, the_most_specific_pattern_wins) {
    const merge_policy p = policy({{"*", "lww"}, {"todos/*/done", "max"}, {"todos/7/done", "min"}});
    const auto r = merge(R"({"todos": {"1": {"done": 0}, "7": {"done": 0}}})",
                         R"({"todos": {"1": {"done": 5}, "7": {"done": 5}}})",
                         R"({"todos": {"1": {"done": 3}, "7": {"done": 3}}})", p);
    EXPECT_EQ(state::to_json(r.merged), R"({"todos":{"1":{"done":5},"7":{"done":3}}})");
}

TEST(three_way_merge, a_removal_against_an_edit_inside_goes_to_the_function) {
    // Ours edited a todo that theirs deleted: lww lets the deletion win and counts
    // ours' edit as overwritten.
    const auto r = merge(R"({"todos": {"1": {"t": "a"}}})", R"({"todos": {"1": {"t": "b"}}})",
                         R"({"todos": {}})", policy({}));
    EXPECT_EQ(state::to_json(r.merged), R"({"todos":{}})");
    EXPECT_EQ(r.stats.overwritten, 1u);
}

TEST(three_way_merge, identities) {
    const merge_policy p = policy({{"n", "sum"}});
    const char* base = R"({"n": 1, "s": "x"})";
    const char* changed = R"({"n": 4, "s": "y", "new": true})";
    EXPECT_EQ(state::to_json(merge(base, changed, base, p).merged), state::to_json(json(changed)));
    EXPECT_EQ(state::to_json(merge(base, base, changed, p).merged), state::to_json(json(changed)));
    // The same change on both sides is taken once where no pattern names the place
    // ("s", "new"), without a conflict...
    const auto same = merge(R"({"n": 1, "s": "x"})", R"({"s": "y", "n": 1, "new": true})",
                            R"({"s": "y", "n": 1, "new": true})", p);
    EXPECT_EQ(state::to_json(same.merged), R"({"n":1,"new":true,"s":"y"})");
    EXPECT_EQ(same.stats.conflicts, 0u);
}

TEST(three_way_merge, equal_increments_on_both_sides_are_two_increments) {
    // Two clients each added 3 to a counter named `sum`: the diffs are identical,
    // but the intent is +6. Folding them into one change would lose an increment.
    const auto r = merge(R"({"n": 1, "s": "x"})", R"({"n": 4, "s": "y"})", R"({"n": 4, "s": "y"})",
                         policy({{"n", "sum"}}));
    EXPECT_EQ(state::to_json(r.merged), R"({"n":7,"s":"y"})");
    EXPECT_EQ(r.stats.conflicts, 1u);
    EXPECT_EQ(r.stats.overwritten, 0u);
}

TEST(merge_registry, user_functions_are_registered_by_name) {
    merge_registry r;
    r.add("concat", [](const merge_input& in) {
        merge_output out;
        out.merged = value(std::string(in.ours->as_string()) + std::string(in.theirs->as_string()));
        return out;
    });
    merge_policy p(*r.find("lww"));
    p.set("s", *r.find("concat"));
    EXPECT_EQ(state::to_json(three_way_merge(json(R"({"s": ""})"), json(R"({"s": "ab"})"),
                                             json(R"({"s": "cd"})"), p)
                                 .merged),
              R"({"s":"abcd"})");
    EXPECT_EQ(r.find("nope"), nullptr);
    EXPECT_EQ(r.names().size(), 8u);
}

} // namespace
} // namespace immersim::strategies
