// Turns a YAML scenario into a validated `scenario`, collecting every problem.
#include "immersim/scenario/scenario.hpp"

#include "yaml_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace immersim {

namespace {

using yaml_input::mapping;
using yaml_input::reader;

void read_topology(reader& r, const YAML::Node& node, topology_config& out) {
    mapping m(r, node, "'topology'");
    if (auto kind = m.optional("kind"); kind.IsDefined()) {
        if (auto text = r.string_value(kind, "kind")) {
            if (*text == "star")
                out.kind = *text;
            else
                r.error_at(kind, "'kind' must be one of: star, got '" + *text + "'");
        }
    }
    if (auto clients = m.required("clients"); clients.IsDefined())
        if (auto v = r.unsigned_value(clients, "clients", 1, 1'000'000))
            out.clients = static_cast<std::uint32_t>(*v);
    if (auto servers = m.optional("servers"); servers.IsDefined())
        if (auto v = r.unsigned_value(servers, "servers", 1, 1'000))
            out.servers = static_cast<std::uint32_t>(*v);
    m.finish();
}

void read_workload(reader& r, const YAML::Node& node, workload_config& out) {
    mapping m(r, node, "'workload'");
    if (auto rate = m.required("rate_per_client"); rate.IsDefined())
        if (auto v = r.rate_per_s_value(rate, "rate_per_client"))
            out.operations_per_s_per_client = *v;
    m.finish();
}

void read_scenario(reader& r, const YAML::Node& root, scenario& out) {
    mapping m(r, root, "the scenario");
    if (auto name = m.required("name"); name.IsDefined())
        if (auto v = r.string_value(name, "name"))
            out.name = *v;
    if (auto description = m.optional("description"); description.IsDefined())
        if (auto v = r.string_value(description, "description"))
            out.description = *v;
    if (auto seed = m.optional("seed"); seed.IsDefined())
        if (auto v = r.unsigned_value(seed, "seed", 0, UINT64_MAX))
            out.seed = *v;
    if (auto seeds = m.optional("seeds"); seeds.IsDefined())
        if (auto v = r.unsigned_value(seeds, "seeds", 1, 100'000))
            out.seeds = static_cast<std::uint32_t>(*v);
    if (auto duration = m.required("duration"); duration.IsDefined())
        if (auto v = r.duration_value(duration, "duration"))
            out.duration_ns = *v;
    if (auto budget = m.optional("max_events"); budget.IsDefined())
        if (auto v = r.unsigned_value(budget, "max_events", 1, UINT64_MAX))
            out.max_events = *v;
    if (auto topology = m.required("topology"); topology.IsDefined())
        read_topology(r, topology, out.topology);
    if (auto workload = m.required("workload"); workload.IsDefined())
        read_workload(r, workload, out.workload);
    m.finish();
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
        r.error_at(YAML::Mark(), "the scenario is empty: expected a mapping with at "
                                        "least name, duration, topology and workload");
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

std::vector<run_spec> expand_runs(const scenario& s, std::optional<std::uint64_t> seed_override) {
    const std::uint64_t base_seed = seed_override.value_or(s.seed);
    std::vector<run_spec> runs;
    for (std::uint32_t i = 0; i < s.seeds; ++i) {
        run_spec spec;
        spec.scenario_name = s.name;
        spec.seed = base_seed + i;
        spec.clients = s.topology.clients;
        spec.servers = s.topology.servers;
        spec.duration_ns = s.duration_ns;
        spec.operations_per_s_per_client = s.workload.operations_per_s_per_client;
        spec.max_events = s.max_events;
        runs.push_back(spec);
    }
    return runs;
}

} // namespace immersim
