// A scenario as the user wrote it, validated: the world (topology, links, clocks,
// faults, initial state), the workload, and the strategies to compare. The YAML
// library stays behind this header: nothing here mentions it.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/net/faults.hpp"
#include "immersim/net/topology.hpp"
#include "immersim/random/distribution_spec.hpp"
#include "immersim/scenario/strategy_config.hpp"
#include "immersim/state/shared_value.hpp"
#include "immersim/support/diagnostic.hpp"
#include "immersim/workload/workload_spec.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace immersim {

struct topology_config {
    net::topology_kind kind = net::topology_kind::star;
    std::uint32_t clients = 1;
    std::uint32_t servers = 1; // 0: peer to peer (every client a full replica)
    net::link_config link;     // every link, unless a link override says otherwise
    unsigned tree_arity = 2;
    net::random_graph_params random;
    std::string file;          // a DOT or GraphML file instead of a generated graph
    // What the loader read from `file`: nodes servers first (the numbering generated
    // topologies use: servers, then clients), links between node indices.
    struct file_node {
        std::string name;
        bool server = false;
    };
    struct file_link {
        std::uint32_t a = 0, b = 0;
        net::link_config config;
    };
    std::vector<file_node> file_nodes;
    std::vector<file_link> file_links;
    // Peer to peer: every change is sent to every peer at once (broadcast), or each
    // replica pushes what a random peer has not had from it yet, every interval
    // (gossip anti-entropy).
    bool gossip = false;
    time_ns gossip_interval_ns = ns_per_s;
};

// `documents:`: the shared state split into documents (a board, a file, a room),
// each a causal domain of its own: its clients and the server that hosts it hold
// replicas of it, and its changes travel only among them. Every document starts
// from `state:`. Without the section the whole world edits one document.
struct documents_config {
    enum class assignment {
        even, // client i edits document i * count / clients: blocks of equal size
        zipf, // each client draws its document, document k with weight 1/(k+1)^exponent
    };
    std::uint32_t count = 0; // 0: no `documents:` section (one document, every node)
    assignment assign = assignment::even;
    double zipf_exponent = 1.0;
    // The server hosting every document; empty: document d on server d mod servers.
    std::string host;

    bool present() const { return count > 0; }
};

struct clock_config {
    distribution_spec offset_ns = distribution_spec::constant(0);
    distribution_spec drift_ppm = distribution_spec::constant(0);
    // Per-node fixed offsets (ns) after the draw, for lessons: {client-3: 200ms}.
    std::vector<std::pair<std::string, time_ns>> fixed_offsets;
};

// A fault as written: node patterns are resolved against the topology at run time
// (the loader has checked that they name nodes).
struct fault_config {
    time_ns at_ns = 0;
    net::fault_kind kind = net::fault_kind::heal;
    std::vector<std::vector<std::string>> groups; // partition, cut_one_way
    std::vector<std::string> nodes;               // isolate, crash, restart
    std::optional<time_ns> heal_ns;               // partition/isolate/cut: when it heals
    std::optional<time_ns> restart_ns;            // crash: when the node comes back
};

// A property the final state must have, checked on the authority (or replica 0
// peer to peer) at the end of each run: `invariant_violations` counts those that
// fail. Path segments are map keys or list indices; "*" matches every one.
struct invariant_config {
    std::string name;
    std::vector<std::string> path;
    std::optional<double> min;           // every matched value is a number >= min
    std::optional<double> max;
    std::optional<std::uint64_t> max_size; // every matched value is a map or list this small
    bool must_exist = false;               // the path matches at least one value
};

struct state_config {
    // Shared by the runs on every worker thread: each run takes its own copy.
    state::shared_value initial{state::value::empty_map()};
    bool sharing = true; // off: every replica keeps deep copies (to measure the saving)
};

// The nodes' names by node index: those of the topology file, else server-0..,
// client-0.. (traces, the GUI's lanes and fault patterns use them).
std::vector<std::string> node_names(const topology_config& t);

// Sequential stopping (`seeds: { until: ..., batch: B, max: M }`): seeds are run in
// batches of B until the 95% confidence interval of `metric` is narrow enough for
// every strategy, or M seeds have run (then `scenario::seeds` is M).
struct stopping_rule {
    std::string metric;      // a metric's name (metric_catalogue.hpp)
    double halfwidth = 0.05; // the largest acceptable half-width of the 95% interval
    bool relative = true;    // of the mean's magnitude (`5%`), or in the metric's unit
    std::uint32_t batch = 5;
};

struct scenario {
    std::string name;
    std::string description;
    std::string lesson;
    std::uint64_t seed = 1;
    std::uint32_t seeds = 1; // runs per strategy (the most, with `until`); run i uses seed + i
    std::optional<stopping_rule> until;
    time_ns duration_ns = 0;   // workload time
    time_ns drain_ns = 30 * ns_per_s; // then at most this long to converge
    time_ns sample_interval_ns = ns_per_s;
    std::uint64_t max_events = 100'000'000;
    topology_config topology;
    documents_config documents;
    clock_config clocks;
    std::vector<fault_config> faults;
    net::nemesis_config nemesis;
    state_config state;
    workload::workload_spec workload;
    std::vector<strategy_config> compare;
    std::vector<invariant_config> invariants;
};

// Limits on what one file may ask for, so that no input can make the loader (or the
// runs it plans) exhaust memory or time. Each is reported as a positioned error and
// listed in docs/scenarios.md.
inline constexpr std::size_t max_scenario_file_bytes = 16 * 1024 * 1024;
// YAML nodes after expanding aliases: a few hundred bytes of nested aliases ("billion
// laughs") would otherwise expand to billions of nodes.
inline constexpr std::size_t max_yaml_nodes = 1'000'000;
inline constexpr int max_yaml_depth = 100;
inline constexpr std::uint32_t max_seeds = 100'000;
inline constexpr std::size_t max_sweep_points = 10'000;
// Runs in one study: sweep points x strategies x seeds.
inline constexpr std::uint64_t max_study_runs = 1'000'000;
// Entries one `generate:` may create, and values (maps, lists, scalars) one document
// may hold once every generated map is counted at its full size.
inline constexpr std::uint64_t max_generated_entries = 1'000'000;
inline constexpr std::uint64_t max_document_values = 10'000'000;
inline constexpr std::uint32_t max_documents = 1'000'000;

struct scenario_load_result {
    std::optional<scenario> value; // present exactly when there are no diagnostics
    diagnostics errors;
};

// One key set from outside the file: `--set topology.clients=100`, or one
// coordinate of a sweep point. `key` is a dotted path of map keys.
struct parameter {
    std::string key;
    std::string value;
};

// Reads and validates a scenario file; all problems are collected. `overrides`
// replace (or add) keys before validation. A `sweep` section is checked but not
// expanded: see load_study_file.
scenario_load_result load_scenario_file(const std::filesystem::path& path,
                                        const std::vector<parameter>& overrides = {});

// The same from text; `file_name` is used in diagnostics.
scenario_load_result load_scenario_text(std::string_view text, const std::string& file_name,
                                        const std::vector<parameter>& overrides = {});

// A study: the scenario at every point of its sweep (the Cartesian product of the
// `sweep` values, in the order written, the last key varying fastest), or the one
// scenario when there is no sweep.
struct study_point {
    std::vector<parameter> parameters; // the swept keys and their values here
    std::shared_ptr<const scenario> world;
};

struct study_load_result {
    std::vector<study_point> points; // empty exactly when there are diagnostics
    std::vector<std::string> swept_keys;
    diagnostics errors;
};

study_load_result load_study_file(const std::filesystem::path& path,
                                  const std::vector<parameter>& overrides = {});
study_load_result load_study_text(std::string_view text, const std::string& file_name,
                                  const std::vector<parameter>& overrides = {});

} // namespace immersim
