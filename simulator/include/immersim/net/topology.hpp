// The network's shape: named nodes (servers and clients) and undirected links,
// each with its own link configuration. Built on a Boost.Graph graph, which stays
// behind this header. Routes follow shortest paths by mean latency (BGL's
// Dijkstra), computed once per source and cached.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/net/latency.hpp"
#include "immersim/support/enum_table.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace immersim::net {

using node_id = std::uint32_t;
using link_id = std::uint32_t;

enum class node_role { server, client };

struct link_config {
    latency_distribution latency = latency_distribution::constant(ns_per_ms);
    time_ns jitter_ns = 0;             // extra delay drawn uniformly from [0, jitter]
    double loss = 0.0;                 // probability a message is lost on this link
    double duplicate = 0.0;            // probability a message is delivered twice
    bool fifo = true;                  // false: messages may overtake each other
    double bandwidth_bytes_per_s = 0;  // 0: unlimited; else size / bandwidth is added

    bool operator==(const link_config&) const = default;
};

struct link {
    node_id a;
    node_id b;
    link_config config;
};

// One step of a route: the link and whether it is crossed from b to a.
struct hop {
    link_id link;
    bool reverse;
};

// Parameters of the random graph generators.
struct random_graph_params {
    double edge_probability = 0.1; // Erdős–Rényi
    unsigned neighbours = 4;       // small-world: each node's initial ring neighbours (k)
    double rewire_probability = 0.1; // small-world
    double alpha = 2.5;            // scale-free (power-law out-degree, PLOD)
    double beta = 1000.0;          // scale-free
};

enum class topology_kind { star, mesh, ring, tree, erdos_renyi, small_world, scale_free };

std::span<const enum_row<topology_kind>> topology_kind_table();
const char* to_string(topology_kind kind);

class topology {
public:
    topology();
    ~topology();
    topology(topology&&) noexcept;
    topology& operator=(topology&&) noexcept;

    // Servers are named server-0.., clients client-0..; servers come first.
    //   star: servers in a full mesh; client i linked to server i mod servers.
    //   mesh: every pair.  ring: i to i+1, closing the loop.
    //   tree: node i's parent is (i - 1) / arity (servers at the root).
    //   erdos_renyi, small_world, scale_free: BGL's generators, driven by the
    //   project's generator seeded with `seed`, then made connected by linking each
    //   further component to the first (so every node can be reached).
    static topology build(topology_kind kind, std::uint32_t servers, std::uint32_t clients,
                          const link_config& links, unsigned tree_arity = 2,
                          const random_graph_params& params = {}, std::uint64_t seed = 1);

    node_id add_node(std::string name, node_role role);
    link_id add_link(node_id a, node_id b, const link_config& config);

    std::size_t node_count() const;
    std::size_t link_count() const;
    const std::string& name(node_id n) const;
    node_role role(node_id n) const;
    std::optional<node_id> find(std::string_view name) const;
    const link& link_at(link_id l) const;
    link& link_at(link_id l);
    std::vector<link_id> links_of(node_id n) const;
    // Gives every link between a node of `group_a` and a node of `group_b` the
    // configuration `config` (a per-group override of the defaults); returns how
    // many links changed. Routes are recomputed.
    std::size_t configure_links(const std::vector<node_id>& group_a,
                                const std::vector<node_id>& group_b, const link_config& config);
    // The link between two nodes, if there is one.
    std::optional<link_id> link_between(node_id a, node_id b) const;

    // Nodes named by a pattern: an exact name ("server-0"), a range over a numbered
    // prefix ("client-0..4", inclusive), "servers", "clients" or "all". On a bad
    // pattern, returns nothing and sets `error`.
    std::optional<std::vector<node_id>> select(std::string_view pattern, std::string& error) const;
    // Whether node n is one a valid pattern names, without listing them all: a
    // document's strategy asks this of its few members in a world of millions.
    bool matches(node_id n, std::string_view pattern) const;

    // The shortest route by mean latency, avoiding directed hops for which `blocked`
    // returns true; nothing when `to` cannot be reached. With no predicate the route
    // comes from a per-source cache.
    using hop_filter = std::function<bool(link_id, bool reverse)>;
    std::optional<std::vector<hop>> route(node_id from, node_id to,
                                          const hop_filter& blocked = {}) const;

    // Connected components of the undirected graph of links for which `usable`
    // holds (all links when empty): component index per node, and the count.
    std::vector<std::uint32_t> components(const std::function<bool(link_id)>& usable,
                                          std::uint32_t& count) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace immersim::net
