// The persistent map against std::map as the reference, over random operations.
// This file is also compiled against a build of the state layer whose key hash
// keeps only 8 bits, so that hash collisions, deep chains and collision nodes are
// exercised (see tests/CMakeLists.txt).
#include "immersim/random/distributions.hpp"
#include "immersim/state/diff.hpp"
#include "immersim/state/value.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace immersim {
namespace {

using state::value;

std::string key_name(std::int64_t i) { return "key-" + std::to_string(i); }

void expect_same(const value& map, const std::map<std::string, std::int64_t>& reference) {
    ASSERT_EQ(map.size(), reference.size());
    for (const auto& [k, v] : reference) {
        const value* found = map.find(k);
        ASSERT_NE(found, nullptr) << k;
        EXPECT_EQ(found->as_int(), v) << k;
    }
    std::size_t visited = 0;
    map.for_each_entry([&](std::string_view k, const value& v) {
        ++visited;
        const auto it = reference.find(std::string(k));
        ASSERT_NE(it, reference.end()) << k;
        EXPECT_EQ(v.as_int(), it->second);
    });
    EXPECT_EQ(visited, reference.size());
}

TEST(persistent_map, matches_std_map_over_random_sets_and_erases) {
    generator g(17);
    value map = value::empty_map();
    std::map<std::string, std::int64_t> reference;
    for (int step = 0; step < 20'000; ++step) {
        const std::string k = key_name(uniform_int(g, 0, 2000));
        if (bernoulli(g, 0.3)) {
            map = map.erase(k);
            reference.erase(k);
        } else {
            const std::int64_t v = uniform_int(g, 0, 1'000'000);
            map = map.set(k, value(v));
            reference[k] = v;
        }
        if (step % 2000 == 0)
            expect_same(map, reference);
    }
    expect_same(map, reference);
    for (const auto& [k, v] : reference)
        map = map.erase(k);
    EXPECT_EQ(map.size(), 0u);
    EXPECT_EQ(map, value::empty_map());
}

TEST(persistent_map, old_versions_are_unchanged_by_later_updates) {
    value v0 = value::empty_map();
    for (int i = 0; i < 500; ++i)
        v0 = v0.set(key_name(i), value(i));
    const value v1 = v0.set(key_name(7), value(-7)).erase(key_name(8)).set("new", value(1));
    EXPECT_EQ(v0.find(key_name(7))->as_int(), 7);
    EXPECT_TRUE(v0.contains(key_name(8)));
    EXPECT_FALSE(v0.contains("new"));
    EXPECT_EQ(v1.find(key_name(7))->as_int(), -7);
    EXPECT_FALSE(v1.contains(key_name(8)));
    EXPECT_EQ(v0.size(), 500u);
    EXPECT_EQ(v1.size(), 500u);
}

TEST(persistent_map, setting_an_equal_value_or_erasing_an_absent_key_keeps_the_root) {
    value map = value::empty_map();
    for (int i = 0; i < 100; ++i)
        map = map.set(key_name(i), value(std::string("v") + std::to_string(i)));
    EXPECT_TRUE(map.set(key_name(5), value("v5")).identical(map));
    EXPECT_TRUE(map.erase("absent").identical(map));
}

TEST(persistent_map, equality_and_hash_do_not_depend_on_insertion_order) {
    value forward = value::empty_map();
    value backward = value::empty_map();
    for (int i = 0; i < 3000; ++i) {
        forward = forward.set(key_name(i), value(i));
        backward = backward.set(key_name(2999 - i), value(2999 - i));
    }
    EXPECT_EQ(forward, backward);
    EXPECT_EQ(forward.hash(), backward.hash());
    EXPECT_NE(forward, backward.set(key_name(3), value(4)));
}

TEST(persistent_map, diff_of_versions_reports_exactly_the_changed_keys) {
    generator g(5);
    value base = value::empty_map();
    for (int i = 0; i < 5000; ++i)
        base = base.set(key_name(i), value(i));
    value changed = base;
    std::map<std::string, std::string> expected; // path -> op
    for (int i = 0; i < 50; ++i) {
        const std::string k = key_name(uniform_int(g, 0, 6000));
        if (expected.count("/" + k))
            continue;
        if (changed.contains(k) && bernoulli(g, 0.5)) {
            changed = changed.erase(k);
            expected["/" + k] = "remove";
        } else {
            expected["/" + k] = changed.contains(k) ? "replace" : "add";
            changed = changed.set(k, value(-1));
        }
    }
    std::map<std::string, std::string> got;
    for (const state::patch& p : state::diff(base, changed))
        got[state::format_path(p.where)] = state::to_string(p.op);
    EXPECT_EQ(got, expected);
}

} // namespace
} // namespace immersim
