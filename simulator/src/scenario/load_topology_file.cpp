// `topology: { file: net.dot }`: a topology drawn in Graphviz DOT or GraphML, its
// edges carrying the keys a scenario's `link:` takes. Errors in the file are
// reported at their place in the file, not in the scenario.
#include "immersim/net/topology_import.hpp"
#include "loader_parts.hpp"

#include <fstream>
#include <sstream>

namespace immersim::scenario_loading {

namespace {

namespace fs = std::filesystem;

// One edge attribute, read as the scenario's `link:` reads that key. Its errors
// come back positioned in the topology file: where the attribute's value stands.
void read_attribute(reader& r, const std::string& file_text, const std::string& file_name,
                    const std::string& key, const std::string& value, std::size_t occurrence,
                    net::link_config& config) {
    const auto [line, column] = net::find_attribute(file_text, key, value, occurrence);
    reader attribute(file_name);
    try {
        YAML::Node link;
        link[key] = YAML::Load(value);
        read_link(attribute, link, config);
    } catch (const YAML::Exception& e) {
        r.add({file_name, line, column,
               "'" + key + "': '" + value + "' is not a value (" + e.msg + ")"});
        return;
    }
    for (diagnostic d : attribute.take_errors()) {
        if (line == 0) { // the value's text was not found again: say which edge key
            r.add({file_name, 1, 1, "an edge's '" + key + "' (" + value + "): " + d.message});
            continue;
        }
        // Positions inside the value's own text, moved to where the value stands.
        d.column = line == 0 ? 0 : column + (d.line <= 1 ? std::max(d.column, 1) - 1 : 0);
        d.line = line;
        r.add(std::move(d));
    }
}

// Every node must reach every other, or messages between them would have no route.
std::optional<std::string> disconnected(const net::topology_graph& g) {
    std::vector<std::vector<std::size_t>> next(g.nodes.size());
    for (const auto& e : g.edges) {
        next[e.a].push_back(e.b);
        next[e.b].push_back(e.a);
    }
    std::vector<bool> seen(g.nodes.size(), false);
    std::vector<std::size_t> todo{0};
    seen[0] = true;
    while (!todo.empty()) {
        const std::size_t n = todo.back();
        todo.pop_back();
        for (std::size_t m : next[n])
            if (!seen[m]) {
                seen[m] = true;
                todo.push_back(m);
            }
    }
    for (std::size_t n = 0; n < g.nodes.size(); ++n)
        if (!seen[n])
            return "'" + g.nodes[0].name + "' has no path to '" + g.nodes[n].name + "'";
    return std::nullopt;
}

// The graph's nodes, servers first, and its links with their configurations.
void adopt(reader& r, const net::topology_graph& g, const std::string& text,
           const std::string& file_name, topology_config& out) {
    std::vector<std::uint32_t> index(g.nodes.size());
    for (bool servers : {true, false})
        for (std::size_t n = 0; n < g.nodes.size(); ++n)
            if ((g.nodes[n].role == net::node_role::server) == servers) {
                index[n] = static_cast<std::uint32_t>(out.file_nodes.size());
                out.file_nodes.push_back({g.nodes[n].name, servers});
                (servers ? out.servers : out.clients) += 1;
            }
    std::map<std::pair<std::string, std::string>, std::size_t> occurrences;
    for (const net::topology_graph::edge& e : g.edges) {
        topology_config::file_link link{index[e.a], index[e.b], out.link};
        for (const auto& [key, value] : e.attributes)
            read_attribute(r, text, file_name, key, value, occurrences[{key, value}]++,
                           link.config);
        out.file_links.push_back(link);
    }
}

} // namespace

void read_topology_file(reader& r, const YAML::Node& file, topology_config& out) {
    const std::optional<std::string> name = r.string_value(file, "file");
    if (!name)
        return;
    out.file = *name;
    out.servers = 0;
    out.clients = 0;
    // Relative to the scenario's folder, as an include would be.
    const fs::path path = fs::path(*name).is_absolute()
                              ? fs::path(*name)
                              : fs::path(r.file_name()).parent_path() / *name;
    std::ifstream in(path, std::ios::binary);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || !in) {
        r.error_at(file, "cannot open the topology file '" + path.string() +
                             "' (a path is relative to the scenario's folder)");
        return;
    }
    if (fs::file_size(path, ec) > max_scenario_file_bytes) {
        r.error_at(file, "the topology file '" + path.string() + "' is larger than " +
                             std::to_string(max_scenario_file_bytes) + " bytes");
        return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    diagnostics errors;
    const auto graph = net::parse_topology_text(text.str(), path.string(), errors);
    const bool nodes_ok = errors.empty();
    for (diagnostic& d : errors) {
        // Every diagnostic has a place: one the readers could not locate in the file
        // (an unknown file type, a missing <graph>) stands at the `file` key.
        if (d.line == 0)
            r.error_at(file, "the topology file '" + path.string() + "': " + d.message);
        else
            r.add({d.file, d.line, std::max(d.column, 1), d.message});
    }
    if (!graph)
        return;
    if (!nodes_ok) { // still report what the edges get wrong
        topology_config ignored;
        ignored.link = out.link;
        adopt(r, *graph, text.str(), path.string(), ignored);
        return;
    }
    if (const auto gap = disconnected(*graph)) {
        r.error_at(file, "the topology in '" + path.string() + "' is not connected: " + *gap +
                             " (every node must reach every other)");
        return;
    }
    adopt(r, *graph, text.str(), path.string(), out);
}

} // namespace immersim::scenario_loading
