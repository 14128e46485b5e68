// Splitting the world's nodes into documents, and finding a node's replicas.
#include "immersim/run/document_plan.hpp"

#include "immersim/random/distributions.hpp"
#include "immersim/random/generator.hpp"
#include "immersim/support/assert.hpp"

#include <algorithm>

namespace immersim {

namespace {

std::uint32_t server_count(const topology_config& t) {
    if (t.file_nodes.empty())
        return t.servers;
    return static_cast<std::uint32_t>(
        std::count_if(t.file_nodes.begin(), t.file_nodes.end(),
                      [](const topology_config::file_node& n) { return n.server; }));
}

// The server hosting document d: the one named, or d mod servers.
net::node_id host_of(const scenario& s, std::uint32_t servers, std::uint32_t d) {
    if (s.documents.host.empty())
        return d % servers;
    const std::vector<std::string> names = node_names(s.topology);
    const auto it = std::find(names.begin(), names.begin() + servers, s.documents.host);
    IMMERSIM_ASSERT(it != names.begin() + servers); // the loader checked the name
    return static_cast<net::node_id>(it - names.begin());
}

// The document each client edits, by client number.
std::vector<std::uint32_t> assign_clients(const documents_config& docs, std::uint32_t clients,
                                          std::uint64_t seed) {
    std::vector<std::uint32_t> doc_of(clients);
    if (docs.assign == documents_config::assignment::even) {
        for (std::uint32_t i = 0; i < clients; ++i)
            doc_of[i] = static_cast<std::uint32_t>(std::uint64_t{i} * docs.count / clients);
        return doc_of;
    }
    const zipf_table popularity(docs.count, docs.zipf_exponent);
    generator g = generator::stream(seed, stream_purpose::documents, 0);
    for (std::uint32_t& d : doc_of)
        d = static_cast<std::uint32_t>(popularity.sample(g));
    return doc_of;
}

} // namespace

std::uint32_t document_plan::clients(std::size_t document) const {
    const auto& m = members[document];
    return m.empty() ? 0 : static_cast<std::uint32_t>(m.size() - servers_per_document);
}

document_plan plan_documents(const scenario& s, std::uint64_t seed) {
    document_plan plan;
    const std::uint32_t servers = server_count(s.topology);
    const std::size_t nodes = node_names(s.topology).size();
    plan.nodes = nodes;
    if (!s.documents.present()) {
        plan.servers_per_document = servers;
        plan.members.emplace_back(nodes);
        for (std::size_t n = 0; n < nodes; ++n)
            plan.members[0][n] = static_cast<net::node_id>(n);
        return plan;
    }
    const std::uint32_t count = s.documents.count;
    const auto clients = static_cast<std::uint32_t>(nodes - servers);
    plan.members.resize(count);
    plan.servers_per_document = servers > 0 ? 1 : 0;
    if (servers > 0)
        for (std::uint32_t d = 0; d < count; ++d)
            plan.members[d].push_back(host_of(s, servers, d));
    const std::vector<std::uint32_t> doc_of = assign_clients(s.documents, clients, seed);
    for (std::uint32_t i = 0; i < clients; ++i)
        plan.members[doc_of[i]].push_back(servers + i);
    for (auto& members : plan.members) // no one edits it: it has no replicas at all
        if (members.size() == plan.servers_per_document)
            members.clear();
    return plan;
}

node_places::node_places(const document_plan& plan) : begin_(plan.nodes + 1, 0) {
    for (const auto& members : plan.members)
        for (net::node_id n : members)
            ++begin_[n + 1];
    for (std::size_t n = 0; n < plan.nodes; ++n)
        begin_[n + 1] += begin_[n];
    places_.resize(begin_.back());
    std::vector<std::uint32_t> next(begin_.begin(), begin_.end() - 1);
    for (std::uint32_t d = 0; d < plan.members.size(); ++d)
        for (std::uint32_t local = 0; local < plan.members[d].size(); ++local)
            places_[next[plan.members[d][local]]++] = {d, local};
    first_.resize(plan.nodes, place{~std::uint32_t{0}, 0});
    for (std::size_t n = 0; n < plan.nodes; ++n)
        if (begin_[n] != begin_[n + 1])
            first_[n] = places_[begin_[n]];
}

std::uint32_t node_places::local_beyond_first(net::node_id n, std::uint32_t document) const {
    const std::span<const place> mine = of(n);
    const auto it =
        std::lower_bound(mine.begin(), mine.end(), document,
                         [](const place& p, std::uint32_t d) { return p.document < d; });
    IMMERSIM_ASSERT(it != mine.end() && it->document == document);
    return it->local;
}

} // namespace immersim
