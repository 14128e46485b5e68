// Boost.Graph's Dijkstra, run on reusable scratch so that a search costs what it
// visits, not the size of the graph. dijkstra_shortest_paths clears an entry per
// node (distance, colour, heap index) before every search; with a million clients
// each asking once for the route to its server that is N work N times. Here each
// node's entries carry the number of the search that wrote them, and read as
// fresh in any later search, so a new search starts in O(1) and one that stops at
// its target touches only the nodes it reached.
//
// The search is Boost's own (breadth_first_visit with Dijkstra's visitor and the
// 4-ary heap, as dijkstra_shortest_paths_no_init assembles them), with the initial
// values dijkstra_shortest_paths would write, so it visits nodes in the same order
// and finds the same routes, ties included.
#pragma once

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/detail/d_ary_heap.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/properties.hpp>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace immersim::net::detail {

struct vertex_scratch {
    double distance = std::numeric_limits<double>::max(); // Boost's default "infinity"
    std::size_t heap_index = 0;
    std::int64_t incoming = -1; // the incoming hop's code, or none
    boost::default_color_type color = boost::white_color;
    std::uint32_t search = 0; // the search that wrote this entry
};

class route_scratch {
public:
    explicit route_scratch(std::size_t nodes) : entries_(nodes) {}

    void begin_search() {
        if (++search_ == 0) { // wrapped: forget every entry once
            for (vertex_scratch& e : entries_)
                e.search = 0;
            search_ = 1;
        }
    }
    const vertex_scratch& read(std::size_t v) const {
        return entries_[v].search == search_ ? entries_[v] : fresh_;
    }
    vertex_scratch& write(std::size_t v) {
        vertex_scratch& e = entries_[v];
        if (e.search != search_) {
            e = fresh_;
            e.search = search_;
        }
        return e;
    }

private:
    std::vector<vertex_scratch> entries_;
    std::uint32_t search_ = 0;
    vertex_scratch fresh_;
};

// One field of the scratch as a Boost property map.
template <typename T, T vertex_scratch::*Field>
struct scratch_map {
    using key_type = std::size_t;
    using value_type = T;
    using reference = T;
    using category = boost::read_write_property_map_tag;
    route_scratch* scratch;

    friend T get(const scratch_map& m, std::size_t v) { return m.scratch->read(v).*Field; }
    friend void put(const scratch_map& m, std::size_t v, T value) {
        m.scratch->write(v).*Field = value;
    }
};

using distance_map = scratch_map<double, &vertex_scratch::distance>;
using heap_index_map = scratch_map<std::size_t, &vertex_scratch::heap_index>;
using incoming_map = scratch_map<std::int64_t, &vertex_scratch::incoming>;
using color_map = scratch_map<boost::default_color_type, &vertex_scratch::color>;

// Dijkstra from `from`; `visitor` is a Boost Dijkstra visitor (it may throw from
// examine_vertex to stop at a target).
template <typename Graph, typename WeightMap, typename Visitor>
void dijkstra_on_scratch(const Graph& g, std::size_t from, WeightMap weight, Visitor visitor,
                         route_scratch& scratch) {
    scratch.begin_search();
    const distance_map distance{&scratch};
    put(distance, from, 0.0);
    using queue =
        boost::d_ary_heap_indirect<std::size_t, 4, heap_index_map, distance_map, std::less<double>>;
    queue pending(distance, heap_index_map{&scratch}, std::less<double>());
    const boost::closed_plus<double> combine(std::numeric_limits<double>::max());
    boost::detail::dijkstra_bfs_visitor<Visitor, queue, WeightMap, boost::dummy_property_map,
                                        distance_map, boost::closed_plus<double>, std::less<double>>
        relax(visitor, pending, weight, boost::dummy_property_map(), distance, combine,
              std::less<double>(), 0.0);
    boost::breadth_first_visit(g, &from, &from + 1, pending, relax, color_map{&scratch});
}

} // namespace immersim::net::detail
