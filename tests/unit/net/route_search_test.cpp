// The topology's routes come from searches that stop at their target and reuse
// scratch between searches (src/net/route_search.hpp). They must be the routes a
// plain, complete Boost Dijkstra finds, equal-latency ties included, or every run
// on a graph with ties would change.
#include "immersim/net/topology.hpp"
#include "immersim/random/distributions.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <gtest/gtest.h>

namespace immersim::net {
namespace {

struct edge {
    link_id link;
    bool reverse;
    double weight;
};
using graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, edge>;

// The reference: the topology's graph rebuilt the same way, and a complete
// dijkstra_shortest_paths from `from` per route.
class reference {
public:
    explicit reference(const topology& t) : t_(t), g_(t.node_count()) {
        for (link_id l = 0; l < t.link_count(); ++l) {
            const link& k = t.link_at(l);
            const double w = std::max(k.config.latency.mean_ns() + k.config.jitter_ns / 2.0, 1.0);
            boost::add_edge(k.a, k.b, edge{l, false, w}, g_);
            boost::add_edge(k.b, k.a, edge{l, true, w}, g_);
        }
    }

    std::optional<std::vector<hop>> route(node_id from, node_id to,
                                          const topology::hop_filter& blocked) const {
        const auto keep = [&](graph::edge_descriptor e) {
            return !blocked || !blocked(g_[e].link, g_[e].reverse);
        };
        const boost::filtered_graph<graph, std::function<bool(graph::edge_descriptor)>> f(
            g_, std::function<bool(graph::edge_descriptor)>(keep));
        std::vector<std::optional<hop>> incoming(t_.node_count());
        struct recorder : boost::default_dijkstra_visitor {
            std::vector<std::optional<hop>>* incoming;
            void edge_relaxed(graph::edge_descriptor e, const decltype(f)& searched) const {
                (*incoming)[boost::target(e, searched)] =
                    hop{searched[e].link, searched[e].reverse};
            }
        } visitor;
        visitor.incoming = &incoming;
        boost::dijkstra_shortest_paths(
            f, from, boost::weight_map(boost::get(&edge::weight, g_)).visitor(visitor));
        std::vector<hop> hops;
        for (node_id at = to; at != from;) {
            if (!incoming[at])
                return std::nullopt;
            hops.push_back(*incoming[at]);
            at = incoming[at]->reverse ? t_.link_at(incoming[at]->link).b
                                       : t_.link_at(incoming[at]->link).a;
        }
        std::reverse(hops.begin(), hops.end());
        return hops;
    }

private:
    const topology& t_;
    graph g_;
};

bool same(const std::optional<std::vector<hop>>& a, const std::optional<std::vector<hop>>& b) {
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return std::equal(a->begin(), a->end(), b->begin(), b->end(), [](const hop& x, const hop& y) {
        return x.link == y.link && x.reverse == y.reverse;
    });
}

// Equal latencies everywhere, so most pairs have several shortest routes; pairs
// are asked in a random order, each source first for one target (the stopping
// search) and later for others (the cached tree), with and without cut links.
TEST(route_search, finds_the_routes_of_a_complete_dijkstra_ties_included) {
    const random_graph_params params{.edge_probability = 0.08,
                                     .neighbours = 4,
                                     .rewire_probability = 0.3,
                                     .alpha = 2.5,
                                     .beta = 200};
    std::size_t compared = 0, multi_hop = 0, unreachable = 0;
    for (auto kind :
         {topology_kind::star, topology_kind::mesh, topology_kind::ring, topology_kind::tree,
          topology_kind::erdos_renyi, topology_kind::small_world, topology_kind::scale_free}) {
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const topology t = topology::build(kind, 2, 40, {}, 3, params, seed);
            const reference ref(t);
            generator g(seed * 31 + static_cast<std::uint64_t>(kind));
            const auto n = static_cast<std::int64_t>(t.node_count());
            const link_id cut = static_cast<link_id>(uniform_int(g, 0, t.link_count() - 1));
            const topology::hop_filter blocked = [cut](link_id l, bool reverse) {
                return l == cut || (l % 7 == 3 && reverse);
            };
            for (int k = 0; k < 600; ++k) {
                const auto from = static_cast<node_id>(uniform_int(g, 0, n - 1));
                const auto to = static_cast<node_id>(uniform_int(g, 0, n - 1));
                const topology::hop_filter filter = (k % 3 == 0) ? blocked : topology::hop_filter{};
                const auto got = t.route(from, to, filter);
                EXPECT_TRUE(same(got, ref.route(from, to, filter)))
                    << to_string(kind) << " seed " << seed << ": " << from << " -> " << to;
                ++compared;
                multi_hop += got && got->size() > 1 ? 1 : 0;
                unreachable += got ? 0 : 1;
            }
        }
    }
    EXPECT_EQ(compared, 7u * 3u * 600u);
    EXPECT_GT(multi_hop, 5000u); // routes of several hops, where ties can differ
    EXPECT_GT(unreachable, 10u); // and cuts that leave no route
}

} // namespace
} // namespace immersim::net
