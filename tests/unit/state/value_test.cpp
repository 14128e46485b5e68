#include "immersim/state/produce.hpp"
#include "immersim/state/value.hpp"

#include <bit>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>

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

// The handle holds integers of up to 63 bits itself and boxes the rest in a node;
// users see one integer type either way.
TEST(value, every_int64_round_trips_whether_held_in_the_handle_or_boxed) {
    constexpr std::int64_t edge = std::int64_t{1} << 62;
    const std::int64_t samples[] = {0,
                                    1,
                                    -1,
                                    edge - 1,
                                    -edge,
                                    edge,
                                    -edge - 1,
                                    std::numeric_limits<std::int64_t>::max(),
                                    std::numeric_limits<std::int64_t>::min()};
    for (const std::int64_t i : samples) {
        const value v(i);
        EXPECT_EQ(v.type(), value_type::integer) << i;
        EXPECT_EQ(v.as_int(), i);
        EXPECT_EQ(v.as_double(), static_cast<double>(i));
        const value again(i); // built separately: a boxed one is another node
        EXPECT_EQ(v, again) << i;
        EXPECT_EQ(v.hash(), again.hash()) << i;
        EXPECT_NE(v, value(i == 0 ? 1 : i / 2)) << i;
    }
    EXPECT_EQ(value(edge - 1).node_address(), nullptr);
    EXPECT_NE(value(edge).node_address(), nullptr);
    EXPECT_NE(value(edge), value(edge + 1));
}

TEST(value, doubles_keep_their_bits_whether_held_in_the_handle_or_boxed) {
    const double samples[] = {0.0,         -0.0,  0.5,    0.1,
                              -2.75,       1e300, 5e-324, std::numeric_limits<double>::infinity(),
                              std::nan("")};
    for (const double d : samples) {
        const value v(d);
        EXPECT_EQ(v.type(), value_type::real) << d;
        EXPECT_EQ(std::bit_cast<std::uint64_t>(v.as_double()), std::bit_cast<std::uint64_t>(d));
        EXPECT_EQ(v, value(d)) << d; // equal by bits, NaN included
        EXPECT_EQ(v.hash(), value(d).hash()) << d;
    }
    EXPECT_NE(value(0.0), value(-0.0)); // different bits, as the trace and digests see them
    EXPECT_NE(value(0.1), value(0.2));
    EXPECT_NE(value(1), value(1.0));
}

TEST(value, a_deep_copy_of_a_boxed_number_is_a_node_of_its_own) {
    for (const value& v : {value(std::int64_t{1} << 62), value(0.1)}) {
        const value copy = state::deep_copy(v);
        EXPECT_EQ(copy, v);
        EXPECT_NE(copy.node_address(), v.node_address());
    }
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
