#include "immersim/net/pair_table.hpp"

#include <gtest/gtest.h>

namespace immersim::net {
namespace {

// What the network keeps per pair survives the table's growth: ten thousand
// pairs, each found again with its own arrival and route, none confused with
// another (reversed pairs included).
TEST(pair_table, keeps_every_pair_through_growth) {
    pair_table table;
    for (node_id a = 0; a < 100; ++a)
        for (node_id b = 0; b < 100; ++b) {
            pair_table::entry& e = table.at(a, b);
            EXPECT_EQ(e.hops, pair_table::entry::unknown);
            e.last_arrival = a * 1000 + b;
            if (a == b)
                table.set_route(e, std::vector<hop>{});
            else if (a < b)
                table.set_route(e, std::vector<hop>{{a, false}});
            else
                table.set_route(e, std::vector<hop>{{a, true}, {b, false}});
        }
    for (node_id a = 0; a < 100; ++a)
        for (node_id b = 0; b < 100; ++b) {
            const pair_table::entry& e = table.at(a, b);
            ASSERT_EQ(e.last_arrival, a * 1000 + b);
            const auto route = table.route(e);
            ASSERT_EQ(route.size(), a == b ? 0u : a < b ? 1u : 2u);
            if (a != b) {
                EXPECT_EQ(route[0].link, a);
                EXPECT_EQ(route[0].reverse, a > b);
            }
            if (a > b) {
                EXPECT_EQ(route[1].link, b);
            }
        }
}

// After faults change, routes are found again but FIFO arrivals are kept (a
// later message must still not overtake an earlier one); no route is kept too.
TEST(pair_table, forgets_routes_but_not_arrivals) {
    pair_table table;
    pair_table::entry& e = table.at(3, 7);
    e.last_arrival = 42;
    table.set_route(e, std::vector<hop>{{1, false}, {2, true}});
    table.set_route(table.at(7, 3), std::nullopt);
    EXPECT_EQ(table.at(7, 3).hops, pair_table::entry::unreachable);
    table.forget_routes();
    EXPECT_EQ(table.at(3, 7).hops, pair_table::entry::unknown);
    EXPECT_EQ(table.at(7, 3).hops, pair_table::entry::unknown);
    EXPECT_EQ(table.at(3, 7).last_arrival, 42);
    table.set_route(table.at(3, 7), std::vector<hop>{{5, false}});
    ASSERT_EQ(table.route(table.at(3, 7)).size(), 1u);
    EXPECT_EQ(table.route(table.at(3, 7))[0].link, 5u);
}

} // namespace
} // namespace immersim::net
