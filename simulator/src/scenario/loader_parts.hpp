// The sections of a scenario file, each read by its own function into the
// scenario structures, all reporting into one reader so that every error is
// collected. Shared only by the loader's source files.
#pragma once

#include "yaml_reader.hpp"

#include "immersim/scenario/scenario.hpp"

namespace immersim::scenario_loading {

using yaml_input::mapping;
using yaml_input::reader;

// What a distribution's parameters may be: durations (in ns) or plain numbers, and
// the largest magnitude of a location or scale parameter (a mean, a bound, a value).
struct distribution_bounds {
    bool durations = true;
    double max_abs = static_cast<double>(user_duration_max);
};

// A distribution: a scalar (a duration or number: constant) or a mapping
// {dist: kind, ...parameters}, each parameter checked against `bounds`.
void read_distribution(reader& r, const YAML::Node& node, const std::string& key,
                       const distribution_bounds& bounds, distribution_spec& out);

void read_topology(reader& r, const YAML::Node& node, topology_config& out);
void read_link(reader& r, const YAML::Node& node, net::link_config& out);
// `topology: { file: F }`: the nodes and links of F (relative to the scenario's
// folder), each edge's link keys over `out.link`; errors positioned in F.
void read_topology_file(reader& r, const YAML::Node& file, topology_config& out);
// `documents:` over the topology read before it (its servers and clients).
void read_documents(reader& r, const YAML::Node& node, const topology_config& topology,
                    documents_config& out);
void read_clocks(reader& r, const YAML::Node& node, const net::topology& names, clock_config& out);
void read_faults(reader& r, const YAML::Node& node, const net::topology& names,
                 std::vector<fault_config>& out);
void read_nemesis(reader& r, const YAML::Node& node, net::nemesis_config& out);
void read_state(reader& r, const YAML::Node& node, state_config& out);
void read_workload(reader& r, const YAML::Node& node, const net::topology& names,
                   workload::workload_spec& out);
void read_invariants(reader& r, const YAML::Node& node, std::vector<invariant_config>& out);
void read_compare(reader& r, const YAML::Node& node, const net::topology& names,
                  std::vector<strategy_config>& out);

// Checks across sections: strategies that need a server in a peer-to-peer
// topology, workloads a strategy cannot model.
void check_combinations(reader& r, const YAML::Node& root, const scenario& s);

// Checks a node pattern ("client-3", "client-0..4", "servers", "all").
bool check_nodes(reader& r, const YAML::Node& node, const net::topology& names,
                 const std::string& pattern);

// A YAML value as a state value: plain scalars become null, booleans, integers or
// doubles when they read as such, quoted scalars stay strings; a mapping
// {generate: N, template: T} becomes a map of N entries "0".."N-1", all T. The value
// may hold at most max_document_values values, each generated entry counted.
std::optional<state::value> read_value(reader& r, const YAML::Node& node);

// While one exists on this thread, a generated map is built once per (count,
// template) and reused: a study reads its state at every sweep point, and a map of
// a million entries costs a second or more to build. The points then share it.
class generated_map_memo {
public:
    generated_map_memo();
    ~generated_map_memo();
    generated_map_memo(const generated_map_memo&) = delete;
    generated_map_memo& operator=(const generated_map_memo&) = delete;

    // The memo in force on this thread, or null.
    static generated_map_memo* current();
    const state::value* find(std::uint64_t count, const state::value& item) const;
    void remember(std::uint64_t count, const state::value& item, const state::value& map);

private:
    struct entry {
        std::uint64_t count;
        state::value item;
        state::value map;
    };
    std::vector<entry> entries_;
    generated_map_memo* previous_;
};

} // namespace immersim::scenario_loading
