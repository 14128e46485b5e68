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
    if (auto n = m.optional("invariants"); n.IsDefined())
        read_invariants(r, n, out.invariants);
    if (auto compare = m.required("compare"); compare.IsDefined())
        read_compare(r, compare, names, out.compare);
    m.optional("sweep"); // expanded by load_study_*, before this point
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


// Parses the text; a syntax error becomes a diagnostic.
std::optional<YAML::Node> parse(std::string_view text, reader& r) {
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        r.error_at(e.mark, "YAML syntax: " + e.msg);
        return std::nullopt;
    }
}

// The value of a --set or a sweep point as a YAML node. Lists and maps are parsed;
// plain values stay scalars without a position, so that an error about them is
// reported against the override rather than a line of the file.
YAML::Node override_node(const std::string& value) {
    if (!value.empty() && (value.front() == '[' || value.front() == '{'))
        return YAML::Load(value);
    return YAML::Node(value);
}

bool apply_override(reader& r, YAML::Node& root, const parameter& p) {
    std::vector<std::string> keys;
    std::string key;
    for (char c : p.key + ".") {
        if (c != '.') {
            key += c;
        } else if (key.empty()) {
            r.error_at(YAML::Mark::null_mark(), "'" + p.key + "' is not a dotted key such as topology.clients");
            return false;
        } else {
            keys.push_back(key);
            key.clear();
        }
    }
    // yaml-cpp's Node::operator= writes through the handle; reset() rebinds it.
    YAML::Node at;
    at.reset(root);
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
        YAML::Node next = at[keys[i]];
        if (!next.IsDefined() || next.IsNull())
            at[keys[i]] = YAML::Node(YAML::NodeType::Map);
        else if (!next.IsMap()) {
            r.error_at(YAML::Mark::null_mark(), "cannot set '" + p.key + "': '" + keys[i] +
                                                    "' is not a mapping in the scenario");
            return false;
        }
        YAML::Node child = at[keys[i]];
        at.reset(child);
    }
    try {
        at[keys.back()] = override_node(p.value);
    } catch (const YAML::Exception& e) {
        r.error_at(YAML::Mark::null_mark(), "the value of '" + p.key + "' is not valid YAML: " + e.msg);
        return false;
    }
    return true;
}

// Reads one scenario from a parsed tree (already overridden). Diagnostics without a
// position come from overridden values; they are attributed to `overrides_from`.
scenario_load_result read_tree(const YAML::Node& root, const std::string& file_name,
                               const std::string& overrides_from) {
    scenario_load_result result;
    reader r(file_name);
    scenario s;
    if (root.IsNull() || !root.IsDefined())
        r.error_at(YAML::Mark(), "the scenario is empty: expected a mapping with at least "
                                 "name, duration, topology, workload and compare");
    else
        read_scenario(r, root, s);
    result.errors = r.take_errors();
    sort_by_position(result.errors);
    for (diagnostic& d : result.errors)
        if (d.line == 0)
            d.file = overrides_from;
    if (result.errors.empty())
        result.value = std::move(s);
    return result;
}

std::optional<std::string> read_file_text(const std::filesystem::path& path) {
    std::error_code ec;
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path, ec) || !in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

diagnostics cannot_open(const std::filesystem::path& path) {
    return {{path.string(), 0, 0, "cannot open the scenario file"}};
}

// The sweep section: dotted keys and their values, in the order written.
std::vector<std::pair<std::string, std::vector<std::string>>> read_sweep(reader& r,
                                                                          const YAML::Node& root) {
    std::vector<std::pair<std::string, std::vector<std::string>>> axes;
    if (!root.IsMap())
        return axes;
    const YAML::Node& as_const = root;
    const YAML::Node sweep = as_const["sweep"];
    if (!sweep.IsDefined())
        return axes;
    if (!sweep.IsMap() || sweep.size() == 0) {
        r.error_at(sweep, "'sweep' must map dotted keys to lists of values, e.g. "
                          "{ topology.clients: [10, 100, 1000] }");
        return axes;
    }
    for (const auto& entry : sweep) {
        const YAML::Node values = entry.second;
        if (!values.IsSequence() || values.size() == 0) {
            r.error_at(values, "the values of '" + entry.first.Scalar() +
                                   "' must be a non-empty list of plain values");
            continue;
        }
        std::vector<std::string> texts;
        for (const auto& v : values) {
            if (!v.IsScalar())
                r.error_at(v, "sweep values must be plain values (numbers, durations, names)");
            else
                texts.push_back(v.Scalar());
        }
        axes.emplace_back(entry.first.Scalar(), std::move(texts));
    }
    return axes;
}

// Every combination of the axes' values, the last axis varying fastest.
std::vector<std::vector<parameter>> product(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& axes) {
    std::vector<std::vector<parameter>> points{{}};
    for (const auto& [key, values] : axes) {
        std::vector<std::vector<parameter>> next;
        for (const auto& point : points)
            for (const std::string& v : values) {
                next.push_back(point);
                next.back().push_back({key, v});
            }
        points = std::move(next);
    }
    return points;
}

void add_unique(diagnostics& all, const diagnostics& more) {
    for (const diagnostic& d : more) {
        const bool seen = std::any_of(all.begin(), all.end(), [&](const diagnostic& e) {
            return e.line == d.line && e.column == d.column && e.message == d.message;
        });
        if (!seen)
            all.push_back(d);
    }
}

// One scenario from the text, with a sweep point's values and then the command
// line's overrides applied to the tree before it is read; every error collected.
scenario_load_result load_point(std::string_view text, const std::string& file_name,
                                const std::vector<parameter>& point,
                                const std::vector<parameter>& overrides) {
    scenario_load_result result;
    reader syntax(file_name);
    std::optional<YAML::Node> tree = parse(text, syntax);
    if (!tree) {
        result.errors = syntax.take_errors();
        return result;
    }
    reader from_sweep("sweep");
    for (const parameter& p : point)
        apply_override(from_sweep, *tree, p);
    reader from_command_line("--set"); // last, so the command line has the last word
    for (const parameter& p : overrides)
        apply_override(from_command_line, *tree, p);
    result = read_tree(*tree, file_name,
                       overrides.empty() ? "sweep" : point.empty() ? "--set" : "--set or sweep");
    add_unique(result.errors, from_sweep.take_errors());
    add_unique(result.errors, from_command_line.take_errors());
    if (!result.errors.empty())
        result.value.reset();
    sort_by_position(result.errors);
    return result;
}

template <typename Result, typename Load>
Result from_file(const std::filesystem::path& path, const std::vector<parameter>& overrides,
                 Load load) {
    const auto text = read_file_text(path);
    if (!text) {
        Result failed;
        failed.errors = cannot_open(path);
        return failed;
    }
    return load(*text, path.string(), overrides);
}

} // namespace

scenario_load_result load_scenario_text(std::string_view text, const std::string& file_name,
                                        const std::vector<parameter>& overrides) {
    scenario_load_result result = load_point(text, file_name, {}, overrides);
    reader r(file_name);
    if (const auto root = parse(text, r); root && root->IsMap())
        read_sweep(r, *root); // the sweep is checked even where it is not expanded
    add_unique(result.errors, r.take_errors());
    if (!result.errors.empty())
        result.value.reset();
    sort_by_position(result.errors);
    return result;
}

scenario_load_result load_scenario_file(const std::filesystem::path& path,
                                        const std::vector<parameter>& overrides) {
    return from_file<scenario_load_result>(path, overrides, load_scenario_text);
}

study_load_result load_study_text(std::string_view text, const std::string& file_name,
                                  const std::vector<parameter>& overrides) {
    study_load_result study;
    reader r(file_name);
    const std::optional<YAML::Node> root = parse(text, r);
    const auto axes = root ? read_sweep(r, *root) : decltype(read_sweep(r, YAML::Node())){};
    if (!r.ok() || !root) {
        study.errors = r.take_errors();
        return study;
    }
    for (const auto& [key, values] : axes)
        study.swept_keys.push_back(key);
    for (const std::vector<parameter>& point : product(axes)) {
        // Each point is read from the text again: a YAML::Clone would drop the marks,
        // and every error must keep its line and column.
        scenario_load_result loaded = load_point(text, file_name, point, overrides);
        add_unique(study.errors, loaded.errors);
        if (loaded.value)
            study.points.push_back({point, std::make_shared<const scenario>(std::move(*loaded.value))});
    }
    if (!study.errors.empty())
        study.points.clear();
    sort_by_position(study.errors);
    return study;
}

study_load_result load_study_file(const std::filesystem::path& path,
                                  const std::vector<parameter>& overrides) {
    return from_file<study_load_result>(path, overrides, load_study_text);
}

} // namespace immersim
