// Topologies from files: Graphviz DOT (through Boost.Graph's reader) and GraphML
// (through Boost.PropertyTree's XML reader). A node whose name starts with
// "server" or that has the attribute role=server is a server; every other node is
// a client. An edge may carry `latency` (a duration such as 5ms: constant latency
// for that link) and `loss` (a probability); other links get `defaults`.
#pragma once

#include "immersim/net/topology.hpp"
#include "immersim/support/diagnostic.hpp"

#include <filesystem>
#include <optional>

namespace immersim::net {

struct topology_load_result {
    std::optional<topology> value;
    diagnostics errors; // with the file, and the line where it is known
};

topology_load_result load_topology_file(const std::filesystem::path& path,
                                        const link_config& defaults);

// The same from text; the format is chosen by `file_name`'s extension (.dot, .gv,
// .graphml, .xml).
topology_load_result load_topology_text(const std::string& text, const std::string& file_name,
                                        const link_config& defaults);

} // namespace immersim::net
