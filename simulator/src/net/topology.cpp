#include "immersim/net/topology.hpp"

#include "immersim/random/generator.hpp"
#include "immersim/support/assert.hpp"
#include "route_search.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/erdos_renyi_generator.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/plod_generator.hpp>
#include <boost/graph/small_world_generator.hpp>
#include <charconv>
#include <limits>
#include <map>
#include <memory>
#include <set>

namespace immersim::net {

namespace {

constexpr enum_row<topology_kind> kind_rows[] = {
    {topology_kind::star, "star", "clients around the servers, one link each"},
    {topology_kind::mesh, "mesh", "every node linked to every other"},
    {topology_kind::ring, "ring", "each node linked to the next"},
    {topology_kind::tree, "tree", "a tree of the given arity under server-0"},
    {topology_kind::erdos_renyi, "erdos_renyi", "random links, each with a probability"},
    {topology_kind::small_world, "small_world", "a ring with neighbours, links rewired at random"},
    {topology_kind::scale_free, "scale_free", "preferential attachment: a few hubs"},
};
static_assert(follows_enum(kind_rows));

} // namespace

std::span<const enum_row<topology_kind>> topology_kind_table() {
    return kind_rows;
}

// The names are string literals, so their data is null-terminated.
const char* to_string(topology_kind kind) {
    return name_in(topology_kind_table(), kind).data();
}

namespace {

struct hop_edge {
    link_id link;
    bool reverse;
    double weight; // mean latency of the link, ns
};

// Each link is two directed edges, so that one-way cuts can block one direction.
using directed_graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, hop_edge>;
using edge_descriptor = boost::graph_traits<directed_graph>::edge_descriptor;

constexpr std::int64_t no_hop = -1;

std::int64_t encode(const hop_edge& e) { return (static_cast<std::int64_t>(e.link) << 1) | e.reverse; }
hop decode(std::int64_t code) {
    return {static_cast<link_id>(code >> 1), (code & 1) != 0};
}

} // namespace

struct topology::impl {
    std::vector<std::string> names;
    std::vector<node_role> roles;
    std::map<std::string, node_id, std::less<>> by_name;
    std::vector<link> links;
    directed_graph graph;
    // Incoming hop on the shortest path from a source, per source that asked for
    // routes to two targets or more (a server, a peer); filled lazily.
    mutable std::vector<std::vector<std::int64_t>> predecessor_cache;
    // The first target each source asked for: a client asks only for its server's
    // route, which a search that stops there finds without a tree of N entries.
    mutable std::vector<std::int64_t> first_target;
    mutable std::unique_ptr<detail::route_scratch> scratch;

    detail::route_scratch& scratch_for_search() const {
        if (!scratch)
            scratch = std::make_unique<detail::route_scratch>(names.size());
        return *scratch;
    }

    // Dijkstra from `from` over the hops `g` keeps, stopping once `to` is settled
    // (when given); the scratch then holds each reached node's incoming hop.
    template <typename Graph>
    void search(const Graph& g, node_id from, std::optional<node_id> to) const {
        struct stop_at_target {};
        struct recorder : boost::default_dijkstra_visitor {
            detail::incoming_map incoming;
            std::optional<node_id> target;
            void examine_vertex(std::size_t v, const Graph&) const {
                if (target && v == *target)
                    throw stop_at_target{};
            }
            void edge_relaxed(edge_descriptor e, const Graph& searched) const {
                put(incoming, boost::target(e, searched), encode(searched[e]));
            }
        };
        detail::route_scratch& s = scratch_for_search();
        try {
            detail::dijkstra_on_scratch(g, from, boost::get(&hop_edge::weight, graph),
                                        recorder{{}, {&s}, to}, s);
        } catch (const stop_at_target&) {
        }
    }

    // The whole shortest-path tree from `from`: each node's incoming hop, or no_hop.
    std::vector<std::int64_t> shortest_tree(node_id from) const {
        search(graph, from, std::nullopt);
        const detail::incoming_map incoming{scratch.get()};
        std::vector<std::int64_t> tree(names.size());
        for (std::size_t v = 0; v < tree.size(); ++v)
            tree[v] = get(incoming, v);
        return tree;
    }

    template <typename Incoming>
    std::optional<std::vector<hop>> walk_back(const Incoming& incoming, node_id from,
                                              node_id to) const {
        std::vector<hop> hops;
        for (node_id at = to; at != from;) {
            if (incoming(at) == no_hop)
                return std::nullopt;
            const hop h = decode(incoming(at));
            hops.push_back(h);
            at = h.reverse ? links[h.link].b : links[h.link].a;
            IMMERSIM_ASSERT_OP(hops.size(), <=, names.size());
        }
        std::reverse(hops.begin(), hops.end());
        return hops;
    }

    // The route by a search that stops at `to`, read off the scratch.
    template <typename Graph>
    std::optional<std::vector<hop>> searched_route(const Graph& g, node_id from, node_id to) const {
        search(g, from, to);
        const detail::incoming_map incoming{scratch.get()};
        return walk_back([&](node_id v) { return get(incoming, v); }, from, to);
    }
};

topology::topology() : impl_(std::make_unique<impl>()) {}
topology::~topology() = default;
topology::topology(topology&&) noexcept = default;
topology& topology::operator=(topology&&) noexcept = default;

node_id topology::add_node(std::string name, node_role role) {
    IMMERSIM_ASSERT(!impl_->by_name.contains(name));
    const auto id = static_cast<node_id>(impl_->names.size());
    impl_->by_name.emplace(name, id);
    impl_->names.push_back(std::move(name));
    impl_->roles.push_back(role);
    boost::add_vertex(impl_->graph);
    impl_->predecessor_cache.clear();
    impl_->scratch.reset();
    return id;
}

link_id topology::add_link(node_id a, node_id b, const link_config& config) {
    IMMERSIM_ASSERT(a < node_count() && b < node_count() && a != b);
    const auto id = static_cast<link_id>(impl_->links.size());
    impl_->links.push_back({a, b, config});
    const double weight = std::max(config.latency.mean_ns() + config.jitter_ns / 2.0, 1.0);
    boost::add_edge(a, b, hop_edge{id, false, weight}, impl_->graph);
    boost::add_edge(b, a, hop_edge{id, true, weight}, impl_->graph);
    impl_->predecessor_cache.clear();
    return id;
}

std::size_t topology::node_count() const { return impl_->names.size(); }
std::size_t topology::link_count() const { return impl_->links.size(); }
const std::string& topology::name(node_id n) const { return impl_->names.at(n); }
node_role topology::role(node_id n) const { return impl_->roles.at(n); }
const link& topology::link_at(link_id l) const { return impl_->links.at(l); }
link& topology::link_at(link_id l) { return impl_->links.at(l); }

std::optional<node_id> topology::find(std::string_view name) const {
    const auto it = impl_->by_name.find(name);
    if (it == impl_->by_name.end())
        return std::nullopt;
    return it->second;
}

std::vector<link_id> topology::links_of(node_id n) const {
    std::vector<link_id> result;
    for (const auto e : boost::make_iterator_range(boost::out_edges(n, impl_->graph)))
        result.push_back(impl_->graph[e].link);
    return result;
}

std::size_t topology::configure_links(const std::vector<node_id>& group_a,
                                      const std::vector<node_id>& group_b,
                                      const link_config& config) {
    std::vector<bool> in_a(node_count(), false);
    std::vector<bool> in_b(node_count(), false);
    for (node_id n : group_a)
        in_a.at(n) = true;
    for (node_id n : group_b)
        in_b.at(n) = true;
    std::size_t changed = 0;
    for (link_id l = 0; l < link_count(); ++l) {
        link& k = impl_->links[l];
        if ((in_a[k.a] && in_b[k.b]) || (in_a[k.b] && in_b[k.a])) {
            k.config = config;
            ++changed;
            const double weight = std::max(config.latency.mean_ns() + config.jitter_ns / 2.0, 1.0);
            for (const auto e : boost::make_iterator_range(boost::edges(impl_->graph)))
                if (impl_->graph[e].link == l)
                    impl_->graph[e].weight = weight;
        }
    }
    impl_->predecessor_cache.clear();
    return changed;
}

std::optional<link_id> topology::link_between(node_id a, node_id b) const {
    for (const auto e : boost::make_iterator_range(boost::out_edges(a, impl_->graph)))
        if (boost::target(e, impl_->graph) == b)
            return impl_->graph[e].link;
    return std::nullopt;
}

std::optional<std::vector<node_id>> topology::select(std::string_view pattern,
                                                     std::string& error) const {
    std::vector<node_id> chosen;
    if (pattern == "all" || pattern == "servers" || pattern == "clients") {
        for (node_id n = 0; n < node_count(); ++n)
            if (pattern == "all" || (pattern == "servers") == (role(n) == node_role::server))
                chosen.push_back(n);
        return chosen;
    }
    if (auto exact = find(pattern))
        return std::vector<node_id>{*exact};
    const std::size_t dots = pattern.find("..");
    const std::size_t dash = pattern.rfind('-', dots);
    if (dots == std::string_view::npos || dash == std::string_view::npos) {
        error = "no node named '" + std::string(pattern) + "'";
        return std::nullopt;
    }
    const std::string_view prefix = pattern.substr(0, dash + 1);
    const std::string_view first_text = pattern.substr(dash + 1, dots - dash - 1);
    const std::string_view last_text = pattern.substr(dots + 2);
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    const auto parse = [](std::string_view t, std::uint32_t& v) {
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        return ec == std::errc{} && end == t.data() + t.size() && !t.empty();
    };
    if (!parse(first_text, first) || !parse(last_text, last) || first > last) {
        error = "'" + std::string(pattern) + "' is not a range such as client-0..4";
        return std::nullopt;
    }
    for (std::uint32_t i = first; i <= last; ++i) {
        const std::string name = std::string(prefix) + std::to_string(i);
        const auto n = find(name);
        if (!n) {
            error = "range '" + std::string(pattern) + "' names '" + name + "', which does not exist";
            return std::nullopt;
        }
        chosen.push_back(*n);
    }
    return chosen;
}

bool topology::matches(node_id n, std::string_view pattern) const {
    if (pattern == "all")
        return true;
    if (pattern == "servers" || pattern == "clients")
        return (pattern == "servers") == (role(n) == node_role::server);
    const std::string_view own = name(n);
    if (own == pattern || find(pattern))
        return own == pattern;
    const std::size_t dots = pattern.find("..");
    const std::size_t dash = pattern.rfind('-', dots);
    if (dots == std::string_view::npos || dash == std::string_view::npos ||
        !own.starts_with(pattern.substr(0, dash + 1)))
        return false;
    const auto number = [](std::string_view t) -> std::optional<std::uint32_t> {
        std::uint32_t v = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (t.empty() || ec != std::errc{} || end != t.data() + t.size())
            return std::nullopt;
        return v;
    };
    const auto first = number(pattern.substr(dash + 1, dots - dash - 1));
    const auto last = number(pattern.substr(dots + 2));
    const auto mine = number(own.substr(dash + 1));
    // A range names "client-7", never "client-07": the suffix must read back as written.
    return first && last && mine && std::to_string(*mine) == own.substr(dash + 1) &&
           *first <= *mine && *mine <= *last;
}

std::optional<std::vector<hop>> topology::route(node_id from, node_id to,
                                                const hop_filter& blocked) const {
    IMMERSIM_ASSERT(from < node_count() && to < node_count());
    if (from == to)
        return std::vector<hop>{};
    if (!blocked) {
        auto& cache = impl_->predecessor_cache;
        auto& first = impl_->first_target;
        if (cache.size() != node_count()) {
            cache.assign(node_count(), {});
            first.assign(node_count(), no_hop);
        }
        if (cache[from].empty()) {
            if (first[from] == no_hop)
                first[from] = to;
            if (first[from] == to)
                return impl_->searched_route(impl_->graph, from, to);
            cache[from] = impl_->shortest_tree(from);
        }
        const std::vector<std::int64_t>& tree = cache[from];
        return impl_->walk_back([&](node_id v) { return tree[v]; }, from, to);
    }
    const directed_graph& g = impl_->graph;
    const auto keep = [&](edge_descriptor e) { return !blocked(g[e].link, g[e].reverse); };
    const boost::filtered_graph<directed_graph, std::function<bool(edge_descriptor)>> filtered(
        g, std::function<bool(edge_descriptor)>(keep));
    return impl_->searched_route(filtered, from, to);
}

std::vector<std::uint32_t> topology::components(const std::function<bool(link_id)>& usable,
                                                std::uint32_t& count) const {
    using undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    undirected g(node_count());
    for (link_id l = 0; l < link_count(); ++l)
        if (!usable || usable(l))
            boost::add_edge(impl_->links[l].a, impl_->links[l].b, g);
    std::vector<std::uint32_t> component(node_count());
    count = static_cast<std::uint32_t>(boost::connected_components(g, component.data()));
    return component;
}

namespace {

// Links a node set's further components to its first one, so every node is reachable.
void connect_components(topology& t, const link_config& links) {
    std::uint32_t count = 0;
    const std::vector<std::uint32_t> component = t.components({}, count);
    std::vector<bool> joined(count, false);
    joined[component[0]] = true;
    for (node_id n = 0; n < t.node_count(); ++n)
        if (!joined[component[n]]) {
            joined[component[n]] = true;
            t.add_link(0, n, links);
        }
}

template <typename Iterator>
void add_generated(topology& t, Iterator first, Iterator last, const link_config& links) {
    std::set<std::pair<node_id, node_id>> seen;
    for (; first != last; ++first) {
        const auto [u, v] = *first;
        if (u == v)
            continue;
        // By value: std::minmax would return references to these temporaries.
        const auto low = static_cast<node_id>(std::min(u, v));
        const auto high = static_cast<node_id>(std::max(u, v));
        if (seen.insert({low, high}).second)
            t.add_link(low, high, links);
    }
}

} // namespace

topology topology::build(topology_kind kind, std::uint32_t servers, std::uint32_t clients,
                         const link_config& links, unsigned tree_arity,
                         const random_graph_params& params, std::uint64_t seed) {
    topology t;
    for (std::uint32_t i = 0; i < servers; ++i)
        t.add_node("server-" + std::to_string(i), node_role::server);
    for (std::uint32_t i = 0; i < clients; ++i)
        t.add_node("client-" + std::to_string(i), node_role::client);
    const auto n = static_cast<node_id>(t.node_count());
    generator g = generator::stream(seed, stream_purpose::topology, 0);
    using undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    switch (kind) {
    case topology_kind::star:
        IMMERSIM_ASSERT(servers >= 1);
        for (node_id a = 0; a < servers; ++a)
            for (node_id b = a + 1; b < servers; ++b)
                t.add_link(a, b, links);
        for (node_id c = 0; c < clients; ++c)
            t.add_link(c % servers, servers + c, links);
        break;
    case topology_kind::mesh:
        for (node_id a = 0; a < n; ++a)
            for (node_id b = a + 1; b < n; ++b)
                t.add_link(a, b, links);
        break;
    case topology_kind::ring:
        for (node_id a = 0; a + 1 < n; ++a)
            t.add_link(a, a + 1, links);
        if (n > 2)
            t.add_link(n - 1, 0, links);
        break;
    case topology_kind::tree:
        IMMERSIM_ASSERT(tree_arity >= 1);
        for (node_id a = 1; a < n; ++a)
            t.add_link((a - 1) / tree_arity, a, links);
        break;
    case topology_kind::erdos_renyi: {
        using iterator = boost::erdos_renyi_iterator<generator, undirected>;
        add_generated(t, iterator(g, n, params.edge_probability), iterator(), links);
        break;
    }
    case topology_kind::small_world: {
        using iterator = boost::small_world_iterator<generator, undirected>;
        add_generated(t, iterator(g, n, params.neighbours, params.rewire_probability), iterator(),
                      links);
        break;
    }
    case topology_kind::scale_free: {
        using iterator = boost::plod_iterator<generator, undirected>;
        add_generated(t, iterator(g, n, params.alpha, params.beta), iterator(), links);
        break;
    }
    }
    if (n > 1)
        connect_components(t, links);
    return t;
}

} // namespace immersim::net
