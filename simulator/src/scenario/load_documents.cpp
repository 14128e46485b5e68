// The `documents:` section: how many documents, which clients edit which, and which
// server hosts them.
#include "loader_parts.hpp"

namespace immersim::scenario_loading {

namespace {

// clients: even | { zipf: EXPONENT }
void read_assignment(reader& r, const YAML::Node& node, documents_config& out) {
    if (!node.IsMap()) {
        if (!node.IsScalar() || node.Scalar() != "even")
            r.error_at(node, "'documents.clients' must be 'even' (blocks of equal size) or "
                             "{ zipf: EXPONENT } (popular documents draw more clients)");
        return;
    }
    mapping m(r, node, "'documents.clients'");
    if (auto zipf = m.required("zipf"); zipf.IsDefined()) {
        out.assign = documents_config::assignment::zipf;
        out.zipf_exponent =
            r.real_value(zipf, "documents.clients.zipf", 0.0, 10.0).value_or(out.zipf_exponent);
    }
    m.finish();
}

void read_host(reader& r, const YAML::Node& node, const topology_config& topology,
               documents_config& out) {
    const auto name = r.string_value(node, "host");
    if (!name)
        return;
    if (topology.servers == 0) {
        r.error_at(node, "'documents.host' names a server, but the topology is peer to peer "
                         "(servers: 0): each document lives on its clients");
        return;
    }
    const std::vector<std::string> names = node_names(topology);
    for (std::uint32_t s = 0; s < topology.servers; ++s)
        if (names[s] == *name) {
            out.host = *name;
            return;
        }
    r.error_at(node, "'documents.host' must name one server of the topology (server-0 to "
                     "server-" +
                         std::to_string(topology.servers - 1) + "), not '" + *name + "'");
}

} // namespace

void read_documents(reader& r, const YAML::Node& node, const topology_config& topology,
                    documents_config& out) {
    mapping m(r, node, "'documents'");
    const YAML::Node count = m.required("count");
    if (count.IsDefined())
        if (auto v = r.unsigned_value(count, "documents.count", 1, max_documents))
            out.count = static_cast<std::uint32_t>(*v);
    if (auto n = m.optional("clients"); n.IsDefined())
        read_assignment(r, n, out);
    if (auto n = m.optional("host"); n.IsDefined())
        read_host(r, n, topology, out);
    m.finish();
    if (out.assign == documents_config::assignment::even && out.count > topology.clients)
        r.error_at(count, "'documents.count' is " + std::to_string(out.count) + " but the " +
                              "topology has " + std::to_string(topology.clients) +
                              " clients: with 'clients: even' every document needs one "
                              "(at most " +
                              std::to_string(topology.clients) + ")");
}

} // namespace immersim::scenario_loading
