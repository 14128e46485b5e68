// Every enum the scenarios name has one table: each name parses back to its value,
// no two values share a name, and every row says what it means (the compile-time
// check `follows_enum` in each table's file guards the order).
#include "immersim/net/topology.hpp"
#include "immersim/scenario/strategy_config.hpp"
#include "immersim/workload/workload_spec.hpp"

#include <gtest/gtest.h>
#include <set>

namespace immersim {
namespace {

template <class E>
void expect_round_trip(std::span<const enum_row<E>> rows) {
    std::set<std::string_view> names;
    for (const enum_row<E>& row : rows) {
        EXPECT_TRUE(names.insert(row.name).second) << row.name << " twice";
        EXPECT_FALSE(row.description.empty()) << row.name;
        EXPECT_EQ(parse_in(rows, row.name), row.value) << row.name;
        EXPECT_EQ(name_in(rows, row.value), row.name);
    }
    EXPECT_EQ(parse_in(rows, "no such name"), std::nullopt);
}

TEST(enum_table, every_name_parses_back_to_its_value) {
    expect_round_trip(strategy_kind_table());
    expect_round_trip(resolver_rule_table());
    expect_round_trip(timestamp_clock_table());
    expect_round_trip(net::topology_kind_table());
    expect_round_trip(workload::op_kind_table());
}

TEST(enum_table, to_string_reads_the_table) {
    EXPECT_STREQ(to_string(strategy_kind::crdt), "crdt");
    EXPECT_STREQ(to_string(timestamp_clock::hlc), "hlc");
    EXPECT_STREQ(net::to_string(net::topology_kind::small_world), "small_world");
    EXPECT_STREQ(workload::to_string(workload::op_kind::remove_member), "remove");
}

} // namespace
} // namespace immersim
