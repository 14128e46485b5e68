// Turns a YAML scenario into a validated `scenario`, collecting every problem.
#include "loader_parts.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace immersim {

namespace {

using namespace scenario_loading;

// Node names only (no links): what patterns in faults and strategies are checked
// against. Names do not depend on the topology's kind.
net::topology node_names(const topology_config& t) {
    net::topology names;
    for (std::uint32_t i = 0; i < t.servers; ++i)
        names.add_node("server-" + std::to_string(i), net::node_role::server);
    for (std::uint32_t i = 0; i < t.clients; ++i)
        names.add_node("client-" + std::to_string(i), net::node_role::client);
    return names;
}

void read_run_keys(reader& r, mapping& m, scenario& out) {
    if (auto name = m.required("name"); name.IsDefined())
        if (auto v = r.string_value(name, "name"))
            out.name = *v;
    if (auto n = m.optional("description"); n.IsDefined())
        out.description = r.string_value(n, "description").value_or("");
    if (auto n = m.optional("lesson"); n.IsDefined())
        out.lesson = r.string_value(n, "lesson").value_or("");
    if (auto seed = m.optional("seed"); seed.IsDefined())
        if (auto v = r.unsigned_value(seed, "seed", 0, UINT64_MAX))
            out.seed = *v;
    if (auto seeds = m.optional("seeds"); seeds.IsDefined())
        if (auto v = r.unsigned_value(seeds, "seeds", 1, 100'000))
            out.seeds = static_cast<std::uint32_t>(*v);
    if (auto duration = m.required("duration"); duration.IsDefined())
        if (auto v = r.duration_value(duration, "duration"))
            out.duration_ns = *v;
    if (auto n = m.optional("drain"); n.IsDefined())
        out.drain_ns = r.duration_value(n, "drain").value_or(out.drain_ns);
    if (auto n = m.optional("sample_interval"); n.IsDefined()) {
        const auto v = r.duration_value(n, "sample_interval");
        if (v && *v < ns_per_ms)
            r.error_at(n, "'sample_interval' must be at least 1ms");
        else if (v)
            out.sample_interval_ns = *v;
    }
    if (auto budget = m.optional("max_events"); budget.IsDefined())
        if (auto v = r.unsigned_value(budget, "max_events", 1, UINT64_MAX))
            out.max_events = *v;
}

void read_scenario(reader& r, const YAML::Node& root, scenario& out) {
    mapping m(r, root, "the scenario");
    read_run_keys(r, m, out);
    if (auto topology = m.required("topology"); topology.IsDefined())
        read_topology(r, topology, out.topology);
    const net::topology names = node_names(out.topology);
    if (auto n = m.optional("clocks"); n.IsDefined())
        read_clocks(r, n, names, out.clocks);
    if (auto n = m.optional("faults"); n.IsDefined())
        read_faults(r, n, names, out.faults);
    if (auto n = m.optional("nemesis"); n.IsDefined())
        read_nemesis(r, n, out.nemesis);
    if (auto n = m.optional("state"); n.IsDefined())
        read_state(r, n, out.state);
    if (auto workload = m.required("workload"); workload.IsDefined())
        read_workload(r, workload, names, out.workload);
    if (auto compare = m.required("compare"); compare.IsDefined())
        read_compare(r, compare, names, out.compare);
    m.finish();
    if (r.ok())
        check_combinations(r, root, out);
}

// Diagnostics in file order, so the first message is the first mistake.
void sort_by_position(diagnostics& errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const diagnostic& a, const diagnostic& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
}

} // namespace

scenario_load_result load_scenario_text(std::string_view text, const std::string& file_name) {
    scenario_load_result result;
    reader r(file_name);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        r.error_at(e.mark, "YAML syntax: " + e.msg);
        result.errors = r.take_errors();
        return result;
    }
    scenario s;
    if (root.IsNull() || !root.IsDefined())
        r.error_at(YAML::Mark(), "the scenario is empty: expected a mapping with at least "
                                 "name, duration, topology, workload and compare");
    else
        read_scenario(r, root, s);
    result.errors = r.take_errors();
    sort_by_position(result.errors);
    if (result.errors.empty())
        result.value = std::move(s);
    return result;
}

scenario_load_result load_scenario_file(const std::filesystem::path& path) {
    std::error_code ec;
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path, ec) || !in) {
        scenario_load_result result;
        result.errors.push_back({path.string(), 0, 0, "cannot open the scenario file"});
        return result;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return load_scenario_text(text.str(), path.string());
}

} // namespace immersim
