// Topologies from files: Graphviz DOT (through Boost.Graph's reader) and GraphML
// (through Boost.PropertyTree's XML reader). A node with the attribute role=server
// (or, without a role, whose name starts with "server") is a server; role=client or
// any other name, a client. An edge may carry the keys a scenario's `link:` takes
// (latency, jitter, loss, duplicate, fifo, bandwidth_bytes_per_s) as text; other
// attributes (labels, colours) are ignored.
#pragma once

#include "immersim/net/topology.hpp"
#include "immersim/support/diagnostic.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace immersim::net {

struct topology_load_result {
    std::optional<topology> value;
    diagnostics errors; // with the file, and the line where it is known
};

// A file's graph before it becomes a topology: nodes in file order, edges with their
// link attributes as written (self-loops and repeated edges dropped).
struct topology_graph {
    struct node {
        std::string name;
        node_role role = node_role::client;
    };
    struct edge {
        std::size_t a = 0, b = 0;
        std::map<std::string, std::string> attributes; // link key -> text
    };
    std::vector<node> nodes;
    std::vector<edge> edges;
};

// The graph in `text`, or nothing when it cannot be read; problems with its nodes
// (a role that is neither server nor client, a name twice) are added to `errors`
// with the graph still returned, so that a caller can report its edges' too.
// Positioned in the file where the parser or the text says where.
std::optional<topology_graph>
parse_topology_text(const std::string& text, const std::string& file_name, diagnostics& errors);

// Where the `occurrence`-th (from 0) `value` written on a line that also names
// `key` stands in `text`: its 1-based line and column, or {0, 0} when not found.
// Boost's readers keep no positions; this finds an attribute's text again.
std::pair<int, int> find_attribute(const std::string& text, const std::string& key,
                                   const std::string& value, std::size_t occurrence);

// A topology with constant edge latencies and losses over `defaults` (the simple
// reading; scenarios read every link key through the scenario loader).
topology_load_result load_topology_file(const std::filesystem::path& path,
                                        const link_config& defaults);

// The same from text; the format is chosen by `file_name`'s extension (.dot, .gv,
// .graphml, .xml).
topology_load_result load_topology_text(const std::string& text, const std::string& file_name,
                                        const link_config& defaults);

} // namespace immersim::net
