// The world sections of a scenario: topology and links, clocks, faults, nemesis.
#include "immersim/net/clocks.hpp"
#include "loader_parts.hpp"

namespace immersim::scenario_loading {

namespace {

// One parameter of a distribution. `non_negative` for spreads and means of
// distributions that only take positive values.
double param(reader& r, mapping& m, const std::string& key, const distribution_bounds& bounds,
             bool non_negative = false) {
    const YAML::Node node = m.required(key);
    if (!node.IsDefined())
        return 0.0;
    if (bounds.durations) {
        const auto v = r.duration_value(node, key, static_cast<time_ns>(bounds.max_abs));
        return v ? static_cast<double>(*v) : 0.0;
    }
    return r.real_value(node, key, non_negative ? 0.0 : -bounds.max_abs, bounds.max_abs)
        .value_or(0.0);
}

// A bare value: the constant distribution.
void read_constant(reader& r, const YAML::Node& node, const std::string& key,
                   const distribution_bounds& bounds, distribution_spec& out) {
    if (bounds.durations) {
        if (const auto v = r.duration_value(node, key, static_cast<time_ns>(bounds.max_abs)))
            out = distribution_spec::constant(static_cast<double>(*v));
    } else if (const auto v = r.real_value(node, key, -bounds.max_abs, bounds.max_abs)) {
        out = distribution_spec::constant(*v);
    }
}

} // namespace

void read_link(reader& r, const YAML::Node& node, net::link_config& out) {
    mapping m(r, node, "'link'");
    if (auto n = m.optional("latency"); n.IsDefined())
        read_distribution(r, n, "latency", {}, out.latency.spec);
    if (auto n = m.optional("jitter"); n.IsDefined())
        out.jitter_ns = r.duration_value(n, "jitter").value_or(0);
    if (auto n = m.optional("loss"); n.IsDefined())
        out.loss = r.real_value(n, "loss", 0.0, 0.99).value_or(0.0);
    if (auto n = m.optional("duplicate"); n.IsDefined())
        out.duplicate = r.real_value(n, "duplicate", 0.0, 1.0).value_or(0.0);
    if (auto n = m.optional("fifo"); n.IsDefined())
        out.fifo = r.bool_value(n, "fifo").value_or(true);
    if (auto n = m.optional("bandwidth_bytes_per_s"); n.IsDefined()) {
        // 0 means unlimited; below one byte a second a message would take centuries.
        out.bandwidth_bytes_per_s = r.real_value(n, "bandwidth_bytes_per_s", 0.0, 1e15).value_or(0);
        if (out.bandwidth_bytes_per_s > 0.0 && out.bandwidth_bytes_per_s < 1.0) {
            r.error_at(n, "'bandwidth_bytes_per_s' must be 0 (unlimited) or from 1 to "
                          "1000000000000000, got '" +
                              n.Scalar() + "'");
            out.bandwidth_bytes_per_s = 0.0;
        }
    }
    m.finish();
}

void read_distribution(reader& r, const YAML::Node& node, const std::string& key,
                       const distribution_bounds& bounds, distribution_spec& out) {
    if (node.IsScalar()) {
        read_constant(r, node, key, bounds, out);
        return;
    }
    mapping m(r, node, "'" + key + "'");
    const auto kind = r.choice_value(m.required("dist"), "dist",
                                     {"constant", "uniform", "normal", "lognormal", "exponential",
                                      "pareto", "empirical"});
    if (!kind) {
        m.abandon();
        return;
    }
    if (*kind == "constant")
        out = distribution_spec::constant(param(r, m, "value", bounds));
    else if (*kind == "uniform") {
        const double lo = param(r, m, "min", bounds), hi = param(r, m, "max", bounds);
        if (hi < lo)
            r.error_at(node, "'" + key + "': 'max' must not be below 'min'");
        else
            out = distribution_spec::uniform(lo, hi);
    } else if (*kind == "normal") {
        const double mean = param(r, m, "mean", bounds);
        out = distribution_spec::normal(mean, param(r, m, "stddev", bounds, true));
    } else if (*kind == "lognormal") {
        const double median = param(r, m, "median", bounds, true);
        const YAML::Node sigma = m.required("sigma");
        out = distribution_spec::lognormal(
            median, sigma.IsDefined() ? r.real_value(sigma, "sigma", 0.0, 10.0).value_or(0.0) : 0.0);
    } else if (*kind == "exponential") {
        out = distribution_spec::exponential(param(r, m, "mean", bounds, true));
    } else if (*kind == "pareto") {
        const double scale = param(r, m, "scale", bounds, true);
        const YAML::Node shape = m.required("shape");
        out = distribution_spec::pareto(
            scale, shape.IsDefined() ? r.real_value(shape, "shape", 0.01, 100.0).value_or(1.0) : 1.0);
    } else {
        const YAML::Node values = m.required("values");
        std::vector<double> parsed;
        if (values.IsDefined() && values.IsSequence() && values.size() > 0) {
            for (const auto& v : values) {
                distribution_spec one;
                read_constant(r, v, "values", bounds, one);
                parsed.push_back(one.a);
            }
            out = distribution_spec::empirical(parsed);
        } else if (values.IsDefined()) {
            r.error_at(values, "'values' must be a non-empty list");
        }
    }
    m.finish();
}

namespace {

// With a topology file, the keys that generate a graph have nothing to say.
void refuse_generator_keys(reader& r, mapping& m) {
    for (const char* key : {"kind", "clients", "servers", "arity", "edge_probability", "neighbours",
                            "rewire_probability"})
        if (auto n = m.optional(key); n.IsDefined())
            r.error_at(n, std::string("'") + key +
                              "' comes from the topology file (its nodes and edges): remove it, "
                              "or remove 'file'");
}

// The keys of a generated graph: its kind, node counts and shape parameters.
void read_generated(reader& r, mapping& m, topology_config& out) {
    if (auto kind = m.optional("kind"); kind.IsDefined())
        if (auto v = r.choice_value(kind, "kind", names_in(net::topology_kind_table())))
            out.kind = *parse_in(net::topology_kind_table(), *v);
    if (auto clients = m.required("clients"); clients.IsDefined())
        if (auto v = r.unsigned_value(clients, "clients", 1, 1'000'000))
            out.clients = static_cast<std::uint32_t>(*v);
    if (auto servers = m.optional("servers"); servers.IsDefined())
        if (auto v = r.unsigned_value(servers, "servers", 0, 1'000)) {
            out.servers = static_cast<std::uint32_t>(*v);
            if (*v == 0 && (out.kind == net::topology_kind::star || out.kind == net::topology_kind::tree))
                r.error_at(servers, "'servers' must be at least 1 for a star or tree topology "
                                    "(use kind: mesh, ring or a random graph for peer to peer)");
        }
    if (auto n = m.optional("arity"); n.IsDefined())
        out.tree_arity = static_cast<unsigned>(r.unsigned_value(n, "arity", 1, 1000).value_or(2));
    if (auto n = m.optional("edge_probability"); n.IsDefined())
        out.random.edge_probability = r.real_value(n, "edge_probability", 0.0, 1.0).value_or(0.1);
    if (auto n = m.optional("neighbours"); n.IsDefined())
        out.random.neighbours =
            static_cast<unsigned>(r.unsigned_value(n, "neighbours", 1, 1000).value_or(4));
    if (auto n = m.optional("rewire_probability"); n.IsDefined())
        out.random.rewire_probability =
            r.real_value(n, "rewire_probability", 0.0, 1.0).value_or(0.1);
}

} // namespace

void read_topology(reader& r, const YAML::Node& node, topology_config& out) {
    mapping m(r, node, "'topology'");
    if (auto link = m.optional("link"); link.IsDefined())
        read_link(r, link, out.link); // for a file: the edges' defaults, read before the edges
    if (auto file = m.optional("file"); file.IsDefined()) {
        refuse_generator_keys(r, m);
        read_topology_file(r, file, out);
    } else {
        read_generated(r, m, out);
    }
    if (auto n = m.optional("replication"); n.IsDefined()) {
        out.gossip = r.choice_value(n, "replication", {"broadcast", "gossip"}) == "gossip";
        if (out.gossip && out.servers > 0)
            r.error_at(n, "'replication: gossip' is for peer-to-peer topologies (servers: 0); "
                          "with a server, clients sync through it");
    }
    if (auto n = m.optional("gossip_interval"); n.IsDefined())
        out.gossip_interval_ns =
            r.interval_value(n, "gossip_interval").value_or(out.gossip_interval_ns);
    m.finish();
}

bool check_nodes(reader& r, const YAML::Node& node, const net::topology& names,
                 const std::string& pattern) {
    std::string error;
    if (names.select(pattern, error))
        return true;
    std::uint32_t servers = 0, clients = 0;
    for (net::node_id n = 0; n < names.node_count(); ++n)
        (names.role(n) == net::node_role::server ? servers : clients)++;
    const auto range = [](const char* prefix, std::uint32_t count) {
        return count == 0   ? std::string()
               : count == 1 ? std::string(prefix) + "-0"
                            : std::string(prefix) + "-0.." + std::to_string(count - 1);
    };
    std::string known = range("server", servers);
    if (clients > 0)
        known += (known.empty() ? "" : ", ") + range("client", clients);
    r.error_at(node, "'" + pattern + "' names no node of this topology (it has " + known +
                         "; also 'servers', 'clients', 'all')");
    return false;
}

namespace {

std::vector<std::string> read_node_list(reader& r, const YAML::Node& node, const std::string& key,
                                        const net::topology& names) {
    std::vector<std::string> out;
    if (node.IsScalar()) {
        if (check_nodes(r, node, names, node.Scalar()))
            out.push_back(node.Scalar());
    } else if (node.IsSequence() && node.size() > 0) {
        for (const auto& item : node)
            if (auto s = r.string_value(item, key); s && check_nodes(r, item, names, *s))
                out.push_back(*s);
    } else {
        r.error_at(node, "'" + key + "' must be a node name or a list of node names");
    }
    return out;
}

void read_fault(reader& r, const YAML::Node& node, const net::topology& names, fault_config& f) {
    mapping m(r, node, "a fault");
    if (auto at = m.required("at"); at.IsDefined())
        f.at_ns = r.duration_value(at, "at").value_or(0);
    const YAML::Node partition = m.optional("partition"), isolate = m.optional("isolate"),
                     crash = m.optional("crash"), cut = m.optional("cut");
    const YAML::Node heal = m.optional("heal"), restart = m.optional("restart");
    const int kinds = partition.IsDefined() + isolate.IsDefined() + crash.IsDefined() + cut.IsDefined();
    if (kinds != 1)
        r.error_at(node, "a fault needs exactly one of 'partition', 'isolate', 'crash' or 'cut'");
    if (partition.IsDefined()) {
        f.kind = net::fault_kind::partition;
        if (!partition.IsSequence() || partition.size() < 2)
            r.error_at(partition, "'partition' must be a list of at least two groups of nodes");
        else
            for (const auto& group : partition)
                f.groups.push_back(read_node_list(r, group, "partition", names));
    } else if (isolate.IsDefined()) {
        f.kind = net::fault_kind::isolate;
        f.nodes = read_node_list(r, isolate, "isolate", names);
    } else if (crash.IsDefined()) {
        f.kind = net::fault_kind::crash;
        f.nodes = read_node_list(r, crash, "crash", names);
    } else if (cut.IsDefined()) {
        f.kind = net::fault_kind::cut_one_way;
        mapping c(r, cut, "'cut'");
        if (auto from = c.required("from"); from.IsDefined())
            f.groups.push_back(read_node_list(r, from, "from", names));
        if (auto to = c.required("to"); to.IsDefined())
            f.groups.push_back(read_node_list(r, to, "to", names));
        c.finish();
    }
    if (heal.IsDefined()) {
        if (crash.IsDefined())
            r.error_at(heal, "a crash ends with 'restart', not 'heal'");
        else if (auto v = r.duration_value(heal, "heal"); v && *v <= f.at_ns)
            r.error_at(heal, "'heal' must come after 'at'");
        else
            f.heal_ns = v;
    }
    if (restart.IsDefined()) {
        if (!crash.IsDefined())
            r.error_at(restart, "'restart' belongs to a crash");
        else if (auto v = r.duration_value(restart, "restart"); v && *v <= f.at_ns)
            r.error_at(restart, "'restart' must come after 'at'");
        else
            f.restart_ns = v;
    }
    m.finish();
}

} // namespace

void read_faults(reader& r, const YAML::Node& node, const net::topology& names,
                 std::vector<fault_config>& out) {
    if (!node.IsSequence()) {
        r.error_at(node, "'faults' must be a list of faults such as "
                         "{ at: 20s, partition: [[client-0..4], [client-5..9]], heal: 35s }");
        return;
    }
    for (const auto& item : node) {
        fault_config f;
        read_fault(r, item, names, f);
        out.push_back(std::move(f));
    }
}

void read_clocks(reader& r, const YAML::Node& node, const net::topology& names, clock_config& out) {
    mapping m(r, node, "'clocks'");
    if (auto n = m.optional("offset"); n.IsDefined())
        read_distribution(r, n, "offset", {true, static_cast<double>(net::clock_offset_max_ns)},
                          out.offset_ns);
    if (auto n = m.optional("drift_ppm"); n.IsDefined())
        read_distribution(r, n, "drift_ppm", {false, net::clock_drift_max_ppm}, out.drift_ppm);
    if (auto n = m.optional("fixed_offsets"); n.IsDefined()) {
        if (!n.IsMap())
            r.error_at(n, "'fixed_offsets' must map node names to offsets, e.g. { client-3: 200ms }");
        else
            for (const auto& entry : n) {
                const std::string who = entry.first.Scalar();
                if (!check_nodes(r, entry.first, names, who))
                    continue;
                // An offset may be negative (a clock behind true time): "-400ms".
                if (const auto v = r.signed_duration_value(entry.second, "fixed_offsets",
                                                           net::clock_offset_max_ns))
                    out.fixed_offsets.emplace_back(who, *v);
            }
    }
    m.finish();
}

void read_nemesis(reader& r, const YAML::Node& node, net::nemesis_config& out) {
    mapping m(r, node, "'nemesis'");
    if (auto n = m.optional("partitions"); n.IsDefined())
        out.partitions = r.bool_value(n, "partitions").value_or(false);
    if (auto n = m.optional("crashes"); n.IsDefined())
        out.crashes = r.bool_value(n, "crashes").value_or(false);
    if (auto n = m.optional("mean_interval"); n.IsDefined())
        out.mean_interval_ns = r.interval_value(n, "mean_interval").value_or(out.mean_interval_ns);
    if (auto n = m.optional("mean_duration"); n.IsDefined())
        out.mean_duration_ns = r.duration_value(n, "mean_duration").value_or(out.mean_duration_ns);
    if (auto n = m.required("until"); n.IsDefined())
        out.until_ns = r.duration_value(n, "until").value_or(0);
    m.finish();
}

} // namespace immersim::scenario_loading
