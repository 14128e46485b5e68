#include "immersim/net/topology_import.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace immersim::net {

namespace {

struct imported_node {
    std::string name;
    std::string role;
};
// Boost's DOT reader fills declared properties only: one field per link key.
struct imported_edge {
    std::string latency, jitter, loss, duplicate, fifo, bandwidth;
};

constexpr const char* link_keys[] = {"latency",   "jitter", "loss",
                                     "duplicate", "fifo",   "bandwidth_bytes_per_s"};

std::map<std::string, std::string> attributes_of(const imported_edge& e) {
    const std::string* fields[] = {&e.latency,   &e.jitter, &e.loss,
                                   &e.duplicate, &e.fifo,   &e.bandwidth};
    std::map<std::string, std::string> out;
    for (std::size_t k = 0; k < std::size(link_keys); ++k)
        if (!fields[k]->empty())
            out[link_keys[k]] = *fields[k];
    return out;
}

// What a file describes, before it becomes a topology.
struct imported_graph {
    std::vector<imported_node> nodes;
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    std::vector<imported_edge> edge_attributes;
};

using dot_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                        imported_node, imported_edge>;

bool parse_dot(const std::string& text, imported_graph& out, std::string& error) {
    dot_graph g;
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("node_id", boost::get(&imported_node::name, g));
    dp.property("role", boost::get(&imported_node::role, g));
    dp.property("latency", boost::get(&imported_edge::latency, g));
    dp.property("jitter", boost::get(&imported_edge::jitter, g));
    dp.property("loss", boost::get(&imported_edge::loss, g));
    dp.property("duplicate", boost::get(&imported_edge::duplicate, g));
    dp.property("fifo", boost::get(&imported_edge::fifo, g));
    dp.property("bandwidth_bytes_per_s", boost::get(&imported_edge::bandwidth, g));
    try {
        std::istringstream in(text);
        if (!boost::read_graphviz(in, g, dp, "node_id")) {
            error = "not a Graphviz graph";
            return false;
        }
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
        out.nodes.push_back(g[v]);
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        out.edges.emplace_back(boost::source(e, g), boost::target(e, g));
        out.edge_attributes.push_back(g[e]);
    }
    return true;
}

// Boost's DOT reader does not say where an error is. The line is found as the
// shortest prefix of the file (with its open braces closed) that fails with the
// same message: the parser reads left to right, so that is where it stopped.
int dot_error_line(const std::string& text, const std::string& full_error) {
    std::size_t end = 0;
    int line = 0;
    while (end < text.size()) {
        end = text.find('\n', end);
        end = end == std::string::npos ? text.size() : end + 1;
        ++line;
        std::string prefix = text.substr(0, end);
        int depth = 0;
        bool quoted = false;
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            const char c = prefix[i];
            if (c == '"' && (i == 0 || prefix[i - 1] != '\\'))
                quoted = !quoted;
            else if (!quoted && c == '{')
                ++depth;
            else if (!quoted && c == '}')
                --depth;
        }
        if (quoted)
            prefix += '"';
        prefix.append(static_cast<std::size_t>(std::max(depth, 0)), '}');
        imported_graph ignored;
        std::string error;
        if (!parse_dot(prefix, ignored, error) && error == full_error)
            return line;
    }
    return 0;
}

bool parse_graphml(const std::string& text, imported_graph& out, diagnostic& error) {
    namespace pt = boost::property_tree;
    pt::ptree doc;
    try {
        std::istringstream in(text);
        pt::read_xml(in, doc);
    } catch (const pt::xml_parser_error& e) {
        error.line = static_cast<int>(e.line());
        error.message = "GraphML: " + e.message();
        return false;
    }
    const auto graphml = doc.get_child_optional("graphml");
    const auto graph = graphml ? graphml->get_child_optional("graph") : boost::none;
    if (!graph) {
        error.message = "GraphML: expected a <graphml> element with a <graph> inside";
        return false;
    }
    // Keys map data ids to attribute names (role, latency, loss).
    std::map<std::string, std::string> key_names;
    for (const auto& [tag, child] : *graphml)
        if (tag == "key")
            // attr.name has a dot in it, so that path takes another separator.
            key_names[child.get("<xmlattr>.id", "")] =
                child.get(pt::ptree::path_type("<xmlattr>/attr.name", '/'), "");
    std::map<std::string, std::size_t> index;
    const auto data_of = [&](const pt::ptree& element, const std::string& attribute) {
        for (const auto& [tag, child] : element)
            if (tag == "data" && key_names[child.get("<xmlattr>.key", "")] == attribute)
                return child.get_value<std::string>();
        return std::string();
    };
    for (const auto& [tag, child] : *graph) {
        if (tag != "node")
            continue;
        const std::string id = child.get("<xmlattr>.id", "");
        if (id.empty() || index.contains(id)) {
            error.message = "GraphML: node '" + id + "' has no id or appears twice";
            return false;
        }
        index[id] = out.nodes.size();
        out.nodes.push_back({id, data_of(child, "role")});
    }
    for (const auto& [tag, child] : *graph) {
        if (tag != "edge")
            continue;
        const std::string source = child.get("<xmlattr>.source", "");
        const std::string target = child.get("<xmlattr>.target", "");
        if (!index.contains(source) || !index.contains(target)) {
            error.message = "GraphML: edge from '" + source + "' to '" + target +
                            "' names a node that is not declared";
            return false;
        }
        out.edges.emplace_back(index[source], index[target]);
        out.edge_attributes.push_back({data_of(child, "latency"), data_of(child, "jitter"),
                                       data_of(child, "loss"), data_of(child, "duplicate"),
                                       data_of(child, "fifo"),
                                       data_of(child, "bandwidth_bytes_per_s")});
    }
    return true;
}

// Applies an edge's latency and loss to the default link configuration.
bool edge_config(const std::map<std::string, std::string>& e, const link_config& defaults,
                 link_config& out, std::string& error) {
    out = defaults;
    if (const auto it = e.find("latency"); it != e.end()) {
        std::string why;
        const auto latency = parse_duration(it->second, &why);
        if (!latency) {
            error = "edge latency '" + it->second + "': " + why;
            return false;
        }
        out.latency = latency_distribution::constant(*latency);
    }
    if (const auto it = e.find("loss"); it != e.end()) {
        const std::string& text = it->second;
        double loss = -1;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), loss);
        if (ec != std::errc{} || end != text.data() + text.size() || loss < 0 || loss > 1) {
            error = "edge loss '" + text + "' must be a probability from 0 to 1";
            return false;
        }
        out.loss = loss;
    }
    return true;
}

bool parse_any(const std::string& text, const std::string& file_name, imported_graph& graph,
               diagnostic& error) {
    const std::string extension = std::filesystem::path(file_name).extension().string();
    if (extension == ".dot" || extension == ".gv") {
        if (!parse_dot(text, graph, error.message)) {
            error.line = dot_error_line(text, error.message);
            error.message = "Graphviz: " + error.message;
        }
    } else if (extension == ".graphml" || extension == ".xml") {
        parse_graphml(text, graph, error);
    } else {
        error.message = "unknown topology file type '" + extension +
                        "' (expected .dot, .gv, .graphml or .xml)";
    }
    if (error.message.empty() && graph.nodes.empty())
        error.message = "the graph has no nodes";
    return error.message.empty();
}

} // namespace

std::pair<int, int> find_attribute(const std::string& text, const std::string& key,
                                   const std::string& value, std::size_t occurrence) {
    if (value.empty())
        return {0, 0};
    // On a line that names the key (DOT: key="value"); failing that, anywhere
    // (GraphML names the key by an id: <data key="d1">value</data>).
    for (const bool keyed : {true, false}) {
        std::size_t skip = occurrence;
        for (std::size_t at = text.find(value); at != std::string::npos;
             at = text.find(value, at + 1)) {
            const std::size_t newline = text.rfind('\n', at);
            const std::size_t line_start = newline == std::string::npos ? 0 : newline + 1;
            if (keyed && text.substr(line_start, at - line_start).find(key) == std::string::npos)
                continue;
            if (skip-- > 0)
                continue;
            const auto line =
                1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
            return {static_cast<int>(line), static_cast<int>(at - line_start + 1)};
        }
    }
    return {0, 0};
}

std::optional<topology_graph>
parse_topology_text(const std::string& text, const std::string& file_name, diagnostics& errors) {
    imported_graph graph;
    diagnostic error{file_name, 0, 0, {}};
    if (!parse_any(text, file_name, graph, error)) {
        errors.push_back(error);
        return std::nullopt;
    }
    topology_graph out;
    std::set<std::string> names;
    std::map<std::string, std::size_t> roles_seen;
    for (const imported_node& n : graph.nodes) {
        if (!names.insert(n.name).second) {
            const auto [line, column] = find_attribute(text, n.name, n.name, 1);
            errors.push_back({file_name, line, column, "node '" + n.name + "' appears twice"});
            continue;
        }
        if (!n.role.empty() && n.role != "server" && n.role != "client") {
            const auto [line, column] = find_attribute(text, "role", n.role, roles_seen[n.role]++);
            errors.push_back(
                {file_name, line, column,
                 "node '" + n.name + "': role '" + n.role + "' must be server or client"});
        }
        const bool server = n.role == "server" || (n.role.empty() && n.name.rfind("server", 0) == 0);
        out.nodes.push_back({n.name, server ? node_role::server : node_role::client});
    }
    std::set<std::pair<std::size_t, std::size_t>> linked;
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const auto [a, b] = graph.edges[i];
        // Self-loops and repeated edges carry nothing a message could use.
        if (a == b || !linked.insert({std::min(a, b), std::max(a, b)}).second)
            continue;
        out.edges.push_back({a, b, attributes_of(graph.edge_attributes[i])});
    }
    return out; // also with node errors: the caller reads the edges' attributes too
}

topology_load_result load_topology_text(const std::string& text, const std::string& file_name,
                                        const link_config& defaults) {
    topology_load_result result;
    const auto graph = parse_topology_text(text, file_name, result.errors);
    if (!graph || !result.errors.empty())
        return result;
    topology t;
    for (const topology_graph::node& n : graph->nodes)
        t.add_node(n.name, n.role);
    for (const topology_graph::edge& e : graph->edges) {
        link_config config;
        std::string why;
        if (!edge_config(e.attributes, defaults, config, why)) {
            result.errors.push_back({file_name, 0, 0, why});
            return result;
        }
        t.add_link(static_cast<node_id>(e.a), static_cast<node_id>(e.b), config);
    }
    result.value = std::move(t);
    return result;
}

topology_load_result load_topology_file(const std::filesystem::path& path,
                                        const link_config& defaults) {
    std::ifstream in(path, std::ios::binary);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || !in) {
        topology_load_result result;
        result.errors.push_back({path.string(), 0, 0, "cannot open the topology file"});
        return result;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return load_topology_text(text.str(), path.string(), defaults);
}

} // namespace immersim::net
