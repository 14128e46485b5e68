#include "immersim/state/value.hpp"

#include <gtest/gtest.h>

namespace immersim {
namespace {

using state::value;
using state::value_type;

TEST(value, scalars_keep_type_and_content) {
    EXPECT_TRUE(value().is_null());
    EXPECT_EQ(value(true).as_bool(), true);
    EXPECT_EQ(value(std::int64_t{-5}).as_int(), -5);
    EXPECT_EQ(value(2.5).as_double(), 2.5);
    EXPECT_EQ(value(3).as_double(), 3.0);
    EXPECT_EQ(value("text").as_string(), "text");
    EXPECT_EQ(value(1).type(), value_type::integer);
    EXPECT_NE(value(1), value(1.0)); // int and double are different types, as in JSON Schema
    EXPECT_EQ(value("abc"), value(std::string("abc")));
    EXPECT_EQ(value("abc").hash(), value(std::string("abc")).hash());
}

TEST(value, lists_support_set_push_insert_and_erase) {
    value list = value::empty_list().push_back(1).push_back(2).push_back(3);
    const value original = list;
    list = list.insert(0, 0).erase(2).set(1, value("one"));
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list.at(0).as_int(), 0);
    EXPECT_EQ(list.at(1).as_string(), "one");
    EXPECT_EQ(list.at(2).as_int(), 3);
    EXPECT_EQ(original.size(), 3u);
    EXPECT_EQ(original.at(1).as_int(), 2);
}

TEST(value, list_updates_share_their_elements) {
    const value big = value::empty_map().set("payload", value("x"));
    const value list = value::empty_list().push_back(big).push_back(1);
    const value longer = list.push_back(2);
    EXPECT_TRUE(longer.at(0).identical(list.at(0)));
}

TEST(value, list_equality_is_structural_and_ordered) {
    const value a = value::empty_list().push_back(1).push_back(2);
    const value b = value::empty_list().push_back(1).push_back(2);
    const value c = value::empty_list().push_back(2).push_back(1);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.hash(), b.hash());
    EXPECT_NE(a, c);
}

TEST(value_death, reading_the_wrong_type_is_a_programmer_error) {
    EXPECT_DEATH((void)value(1).as_string(), "expected string, got int");
}

} // namespace
} // namespace immersim
