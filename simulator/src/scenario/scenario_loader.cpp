// Turns a YAML scenario into a validated `scenario`, collecting every problem.
#include "immersim/metrics/metric_catalogue.hpp"
#include "loader_parts.hpp"
#include "tree_edit.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace immersim {

namespace {

using namespace scenario_loading;

// Node names only (no links): what patterns in faults and strategies are checked
// against. Names do not depend on the topology's kind.
net::topology named_nodes(const topology_config& t) {
    net::topology names;
    const std::vector<std::string> all = node_names(t);
    for (std::size_t i = 0; i < all.size(); ++i)
        names.add_node(all[i], i < t.servers ? net::node_role::server : net::node_role::client);
    return names;
}

} // namespace

std::vector<std::string> node_names(const topology_config& t) {
    std::vector<std::string> names;
    if (!t.file_nodes.empty()) {
        for (const topology_config::file_node& n : t.file_nodes)
            names.push_back(n.name);
        return names;
    }
    for (std::uint32_t i = 0; i < t.servers; ++i)
        names.push_back("server-" + std::to_string(i));
    for (std::uint32_t i = 0; i < t.clients; ++i)
        names.push_back("client-" + std::to_string(i));
    return names;
}

namespace {

// ci_halfwidth: "5%" (of the mean's magnitude) or a number in the metric's unit.
void read_halfwidth(reader& r, const YAML::Node& node, stopping_rule& rule) {
    const std::string text = node.IsScalar() ? node.Scalar() : std::string();
    const bool percent = !text.empty() && text.back() == '%';
    double value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size() - (percent ? 1 : 0);
    const auto [end, ec] = std::from_chars(first, last, value);
    if (text.empty() || ec != std::errc{} || end != last || !(value > 0) || !std::isfinite(value) ||
        (percent && value >= 100)) {
        r.error_at(node, "'ci_halfwidth' must be a percentage of the mean above 0% and below "
                         "100% (e.g. 5%) or a positive number in the metric's unit (e.g. 0.01)");
        return;
    }
    rule.relative = percent;
    rule.halfwidth = percent ? value / 100 : value;
}

// seeds: { until: { metric: NAME, ci_halfwidth: 5% | 0.01 }, batch: 5, max: 200 }
void read_stopping_rule(reader& r, const YAML::Node& node, scenario& out) {
    mapping m(r, node, "seeds");
    stopping_rule rule;
    if (auto until = m.required("until"); until.IsDefined()) {
        mapping u(r, until, "seeds.until");
        if (auto metric = u.required("metric"); metric.IsDefined())
            if (auto name = r.string_value(metric, "metric")) {
                if (metrics::metric_named(*name))
                    rule.metric = *name;
                else
                    r.error_at(metric, "unknown metric '" + *name +
                                           "' (expected a name from docs/metrics.md, e.g. "
                                           "conflict_rate)");
            }
        if (auto width = u.required("ci_halfwidth"); width.IsDefined())
            read_halfwidth(r, width, rule);
        u.finish();
    }
    bool batch_ok = true;
    if (auto batch = m.optional("batch"); batch.IsDefined()) {
        const auto v = r.unsigned_value(batch, "batch", 2, max_seeds);
        batch_ok = v.has_value();
        rule.batch = static_cast<std::uint32_t>(v.value_or(rule.batch));
    }
    if (auto most = m.required("max"); most.IsDefined())
        if (auto v = r.unsigned_value(most, "max", 2, max_seeds)) {
            out.seeds = static_cast<std::uint32_t>(*v);
            if (batch_ok && out.seeds < rule.batch)
                r.error_at(most, "'max' must be at least 'batch' (" + std::to_string(rule.batch) +
                                     "), the seeds of the first batch");
        }
    m.finish();
    out.until = rule;
}

void read_run_keys(reader& r, mapping& m, scenario& out) {
    if (auto name = m.required("name"); name.IsDefined())
        if (auto v = r.string_value(name, "name"))
            out.name = *v;
    if (auto n = m.optional("description"); n.IsDefined())
        out.description = r.string_value(n, "description").value_or("");
    if (auto n = m.optional("lesson"); n.IsDefined())
        out.lesson = r.string_value(n, "lesson").value_or("");
    const YAML::Node seed = m.optional("seed");
    if (seed.IsDefined())
        if (auto v = r.unsigned_value(seed, "seed", 0, UINT64_MAX))
            out.seed = *v;
    if (auto seeds = m.optional("seeds"); seeds.IsDefined()) {
        if (seeds.IsMap())
            read_stopping_rule(r, seeds, out);
        else if (auto v = r.unsigned_value(seeds, "seeds", 1, max_seeds))
            out.seeds = static_cast<std::uint32_t>(*v);
    }
    // Run i uses seed + i: the last seed must not wrap around to 0.
    if (out.seed > UINT64_MAX - (out.seeds - 1))
        r.error_at(seed,
                   "'seed' plus 'seeds' runs past the largest seed " + std::to_string(UINT64_MAX) +
                       ": with seeds: " + std::to_string(out.seeds) + ", 'seed' must be at most " +
                       std::to_string(UINT64_MAX - (out.seeds - 1)));
    if (auto duration = m.required("duration"); duration.IsDefined())
        if (auto v = r.duration_value(duration, "duration"))
            out.duration_ns = *v;
    if (auto n = m.optional("drain"); n.IsDefined())
        out.drain_ns = r.duration_value(n, "drain").value_or(out.drain_ns);
    if (auto n = m.optional("sample_interval"); n.IsDefined())
        out.sample_interval_ns =
            r.interval_value(n, "sample_interval").value_or(out.sample_interval_ns);
    if (auto budget = m.optional("max_events"); budget.IsDefined())
        if (auto v = r.unsigned_value(budget, "max_events", 1, UINT64_MAX))
            out.max_events = *v;
}

void read_scenario(reader& r, const YAML::Node& root, scenario& out) {
    mapping m(r, root, "the scenario");
    read_run_keys(r, m, out);
    if (auto topology = m.required("topology"); topology.IsDefined())
        read_topology(r, topology, out.topology);
    const net::topology names = named_nodes(out.topology);
    if (auto n = m.optional("documents"); n.IsDefined())
        read_documents(r, n, out.topology, out.documents);
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

// Counts the nodes of a parsed tree as the loader will visit them, an alias once per
// use, stopping at the first node past either limit. False (and a diagnostic at that
// node) when the tree is too large or too deep. A collection seen before (an alias
// of it) is counted from what its first visit found, unless it would cross a limit:
// then it is walked again, so the diagnostic names the same node as a full walk
// would (nested aliases otherwise cost a million visits: a second under sanitizers).
class tree_size_check {
public:
    explicit tree_size_check(reader& r) : reader_(r) {}

    bool visit(const YAML::Node& node, int depth) {
        const bool collection = node.IsSequence() || node.IsMap();
        if (const extent* e = collection ? known(node) : nullptr;
            e && nodes_ + e->nodes <= max_yaml_nodes && depth + e->height <= max_yaml_depth) {
            nodes_ += e->nodes;
            height_ = e->height;
            return true;
        }
        const std::size_t before = nodes_;
        if (++nodes_ > max_yaml_nodes) {
            reader_.error_at(node, "the file expands to more than " +
                                       std::to_string(max_yaml_nodes) +
                                       " YAML values (are aliases (*name) nested in each other?)");
            return false;
        }
        if (depth > max_yaml_depth) {
            reader_.error_at(node, "the file nests values more than " +
                                       std::to_string(max_yaml_depth) + " levels deep");
            return false;
        }
        int height = 0;
        const auto child = [&](const YAML::Node& c) {
            if (!visit(c, depth + 1))
                return false;
            height = std::max(height, height_ + 1);
            return true;
        };
        if (node.IsSequence()) {
            for (const auto& item : node)
                if (!child(item))
                    return false;
        } else if (node.IsMap()) {
            for (const auto& entry : node)
                if (!child(entry.first) || !child(entry.second))
                    return false;
        }
        height_ = height;
        if (collection)
            seen_[node.Mark().pos].push_back({node, {nodes_ - before, height}});
        return true;
    }

private:
    struct extent {
        std::size_t nodes = 0; // in the subtree, aliases expanded
        int height = 0;        // levels below its root
    };
    // What a visit of this very node (not an equal one) found, if it was visited.
    const extent* known(const YAML::Node& node) const {
        const auto at = seen_.find(node.Mark().pos);
        if (at == seen_.end())
            return nullptr;
        for (const auto& [other, e] : at->second)
            if (other.is(node))
                return &e;
        return nullptr;
    }

    reader& reader_;
    std::size_t nodes_ = 0;
    int height_ = 0;                                                 // of the subtree visited last
    std::map<int, std::vector<std::pair<YAML::Node, extent>>> seen_; // by source position
};

// Parses the text; a syntax error, or a tree past the size limits, becomes a diagnostic.
std::optional<YAML::Node> parse(std::string_view text, reader& r) {
    if (text.size() > max_scenario_file_bytes) {
        r.error_at(YAML::Mark(), "the file is " + std::to_string(text.size()) +
                                     " bytes; a scenario may be at most " +
                                     std::to_string(max_scenario_file_bytes) + " bytes");
        return std::nullopt;
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::DeepRecursion& e) {
        r.error_at(e.mark, "the file nests values too deeply for the YAML reader");
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        r.error_at(e.mark, "YAML syntax: " + e.msg);
        return std::nullopt;
    }
    if (!tree_size_check(r).visit(root, 0))
        return std::nullopt;
    return root;
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

// A dotted key split at its dots; nothing when a segment is empty.
std::optional<std::vector<std::string>> split_key(const std::string& dotted) {
    std::vector<std::string> keys;
    std::string key;
    for (char c : dotted + ".") {
        if (c != '.') {
            key += c;
        } else if (key.empty()) {
            return std::nullopt;
        } else {
            keys.push_back(key);
            key.clear();
        }
    }
    return keys;
}

// One --set, prepared once for every point: its path, its value as a node, and where
// its errors are reported ("--set KEY=VALUE: col N").
struct prepared_override {
    std::vector<std::string> keys;
    YAML::Node value;
    std::string label;
    int first_column = 1; // of the value in KEY=VALUE
    bool marked = false;  // parsed from the text (a list or a map)
};

std::vector<prepared_override> prepare_overrides(const std::vector<parameter>& overrides,
                                                 diagnostics& errors) {
    std::vector<prepared_override> out;
    for (const parameter& p : overrides) {
        prepared_override o;
        o.label = "--set " + p.key + "=" + p.value;
        o.first_column = static_cast<int>(p.key.size()) + 2;
        const auto keys = split_key(p.key);
        if (!keys) {
            errors.push_back(
                {o.label, 0, 1, "'" + p.key + "' is not a dotted key such as topology.clients"});
            continue;
        }
        o.keys = *keys;
        // Lists and maps are parsed; a plain value stays the scalar it was typed as.
        o.marked = !p.value.empty() && (p.value.front() == '[' || p.value.front() == '{');
        try {
            o.value.reset(o.marked ? YAML::Load(p.value) : YAML::Node(p.value));
        } catch (const YAML::Exception& e) {
            errors.push_back({o.label, 0, o.first_column + std::max(e.mark.pos, 0),
                              "the value is not valid YAML: " + e.msg});
            continue;
        }
        out.push_back(std::move(o));
    }
    return out;
}

// One axis of a sweep: a dotted key and its values, the nodes of the file.
struct sweep_axis {
    std::string key;
    std::vector<std::string> keys;
    YAML::Node key_node;
    std::vector<YAML::Node> values;
};

// The sweep section, in the order written.
std::vector<sweep_axis> read_sweep(reader& r, const YAML::Node& root) {
    std::vector<sweep_axis> axes;
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
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
        const auto keys = split_key(key);
        if (!keys) {
            r.error_at(entry.first, "'" + key + "' is not a dotted key such as topology.clients");
            continue;
        }
        const YAML::Node values = entry.second;
        if (!values.IsSequence() || values.size() == 0) {
            r.error_at(values,
                       "the values of '" + key + "' must be a non-empty list of plain values");
            continue;
        }
        sweep_axis axis{key, *keys, entry.first, {}};
        for (const auto& v : values) {
            if (!v.IsScalar())
                r.error_at(v, "sweep values must be plain values (numbers, durations, names)");
            else
                axis.values.push_back(v);
        }
        axes.push_back(std::move(axis));
    }
    return axes;
}

// How many points the axes make, or max_sweep_points + 1 when more.
std::size_t point_count(const std::vector<sweep_axis>& axes) {
    std::size_t count = 1;
    for (const sweep_axis& axis : axes) {
        if (axis.values.empty())
            return 0;
        if (count > (max_sweep_points + 1) / axis.values.size())
            return max_sweep_points + 1;
        count *= axis.values.size();
    }
    return std::min(count, max_sweep_points + 1);
}

// The value index of each axis at point `index`, the last axis varying fastest.
std::vector<std::size_t> point_indices(const std::vector<sweep_axis>& axes, std::size_t index) {
    std::vector<std::size_t> at(axes.size());
    for (std::size_t i = axes.size(); i-- > 0;) {
        at[i] = index % axes[i].values.size();
        index /= axes[i].values.size();
    }
    return at;
}

// The first point, then each other sweep value once with the other axes at their
// first value. A value that is bad on its own is bad at every point, so a study
// with one is refused after these reads: reading every combination of a
// 10,000-point sweep would only repeat the same errors.
std::vector<std::vector<std::size_t>> each_value_once(const std::vector<sweep_axis>& axes) {
    std::vector<std::vector<std::size_t>> points{std::vector<std::size_t>(axes.size(), 0)};
    for (std::size_t a = 0; a < axes.size(); ++a)
        for (std::size_t v = 1; v < axes[a].values.size(); ++v) {
            std::vector<std::size_t> at(axes.size(), 0);
            at[a] = v;
            points.push_back(std::move(at));
        }
    return points;
}

// Appends the diagnostics of `more` that `all` does not hold yet (the same message at
// the same place), in linear time.
class diagnostic_set {
public:
    void add(const diagnostics& more) {
        for (const diagnostic& d : more)
            if (seen_.insert({d.file, d.line, d.column, d.message}).second)
                all_.push_back(d);
    }
    diagnostics take() {
        sort_by_position(all_);
        return std::move(all_);
    }

private:
    std::set<std::tuple<std::string, int, int, std::string>> seen_;
    diagnostics all_;
};

// Reads one scenario from the tree with a sweep point's values and then the command
// line's overrides put in place (the command line has the last word); the tree is
// as parsed again afterwards.
scenario_load_result read_point(const YAML::Node& root, const std::string& file_name,
                                const std::vector<sweep_axis>& axes,
                                const std::vector<std::size_t>& at,
                                const std::vector<prepared_override>& overrides) {
    tree_edit edit(root);
    reader r(file_name);
    std::string why;
    std::vector<YAML::Node> created;
    for (std::size_t i = 0; i < axes.size(); ++i) {
        created.clear();
        if (!edit.set(axes[i].keys, axes[i].values[at[i]], why, created))
            r.error_at(axes[i].key_node, "cannot sweep '" + axes[i].key + "': " + why);
        for (const YAML::Node& made : created) // reported at the sweep's key
            r.add_origin(made, axes[i].key_node.Mark());
    }
    diagnostics errors;
    for (const prepared_override& o : overrides) {
        r.add_origin(o.value, o.label, o.first_column, o.marked);
        created.clear();
        if (!edit.set(o.keys, o.value, why, created))
            errors.push_back({o.label, 0, 1, "cannot set '" + o.keys.back() + "': " + why});
        for (const YAML::Node& made : created) // reported at the --set, its key's column
            r.add_origin(made, o.label, 1, false);
    }
    scenario_load_result result;
    scenario s;
    if (root.IsNull() || !root.IsDefined())
        r.error_at(YAML::Mark(), "the scenario is empty: expected a mapping with at least "
                                 "name, duration, topology, workload and compare");
    else
        read_scenario(r, root, s);
    result.errors = r.take_errors();
    result.errors.insert(result.errors.end(), errors.begin(), errors.end());
    sort_by_position(result.errors);
    if (result.errors.empty())
        result.value = std::move(s);
    return result;
}

template <typename Result, typename Load>
Result from_file(const std::filesystem::path& path, const std::vector<parameter>& overrides,
                 Load load) {
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(path, ec);
        !ec && size > max_scenario_file_bytes) {
        Result failed;
        failed.errors = {{path.string(), 0, 0,
                          "the file is " + std::to_string(size) +
                              " bytes; a scenario may be at most " +
                              std::to_string(max_scenario_file_bytes) + " bytes"}};
        return failed;
    }
    const auto text = read_file_text(path);
    if (!text) {
        Result failed;
        failed.errors = cannot_open(path);
        return failed;
    }
    return load(*text, path.string(), overrides);
}

// The parsed file and its sweep, or the errors that stop it from being read.
struct parsed_study {
    std::optional<YAML::Node> root;
    std::vector<sweep_axis> axes;
    std::vector<prepared_override> overrides;
    diagnostic_set errors;
    bool readable = false; // parsed, and its sweep can be expanded
};

// A --set on a key the file sweeps would run every point at that one value while
// the results still name the swept values: mislabelled numbers. It is refused, and
// left out so that the rest of the study is still read for its own errors.
void drop_swept_overrides(std::vector<prepared_override>& overrides,
                          const std::vector<sweep_axis>& axes, diagnostics& errors) {
    std::erase_if(overrides, [&](const prepared_override& o) {
        for (const sweep_axis& axis : axes)
            if (o.keys == axis.keys) {
                errors.push_back(
                    {o.label, 0, 1,
                     "'" + axis.key + "' is swept by the file (line " +
                         std::to_string(axis.key_node.Mark().line + 1) +
                         "): a --set would run every point at one value while the results "
                         "still name the swept ones; change the values under 'sweep:', or "
                         "remove the key from it"});
                return true;
            }
        return false;
    });
}

parsed_study parse_study(std::string_view text, const std::string& file_name,
                         const std::vector<parameter>& overrides) {
    parsed_study study;
    reader r(file_name);
    study.root = parse(text, r);
    if (study.root)
        study.axes = read_sweep(r, *study.root);
    if (study.root && point_count(study.axes) > max_sweep_points) {
        const YAML::Node& as_const = *study.root;
        r.error_at(as_const["sweep"], "the sweep has more than " +
                                          std::to_string(max_sweep_points) +
                                          " points (the product of its lists' lengths); "
                                          "sweep fewer values, or split the study");
    }
    diagnostics override_errors;
    study.overrides = prepare_overrides(overrides, override_errors);
    drop_swept_overrides(study.overrides, study.axes, override_errors);
    study.readable = study.root && r.ok();
    study.errors.add(r.take_errors());
    study.errors.add(override_errors);
    return study;
}

// Reads each sweep value once (each_value_once) and adds what is wrong; false when
// anything is.
bool every_value_reads(parsed_study& study, const std::string& file_name) {
    bool ok = true;
    for (const std::vector<std::size_t>& at : each_value_once(study.axes)) {
        diagnostics errors =
            read_point(*study.root, file_name, study.axes, at, study.overrides).errors;
        ok = ok && errors.empty();
        study.errors.add(errors);
    }
    return ok;
}

} // namespace

namespace {

// An error when the study plans more than max_study_runs runs (every point's
// strategies times its seeds), reported at the top of the file.
diagnostics check_planned_runs(const YAML::Node& root, const std::string& file_name,
                               const std::vector<study_point>& points) {
    std::uint64_t runs = 0;
    for (const study_point& p : points)
        runs += static_cast<std::uint64_t>(p.world->compare.size()) * p.world->seeds;
    reader r(file_name);
    if (runs > max_study_runs)
        r.error_at(root, "the study plans " + std::to_string(runs) +
                             " runs (sweep points x strategies x seeds); at most " +
                             std::to_string(max_study_runs) +
                             ": use fewer seeds, strategies or sweep values");
    return r.take_errors();
}

} // namespace

scenario_load_result load_scenario_text(std::string_view text, const std::string& file_name,
                                        const std::vector<parameter>& overrides) {
    const generated_map_memo memo;
    parsed_study parsed = parse_study(text, file_name, overrides);
    scenario_load_result result;
    if (parsed.root) {
        // The sweep is checked even where it is not expanded.
        result = read_point(*parsed.root, file_name, {}, {}, parsed.overrides);
        parsed.errors.add(result.errors);
        if (result.value) {
            const std::vector<study_point> one{
                {{}, std::make_shared<const scenario>(*result.value)}};
            parsed.errors.add(check_planned_runs(*parsed.root, file_name, one));
        }
        // The sweep's values must read too, though only the unswept scenario is
        // returned: each value once is enough to reject the file or let it through.
        if (parsed.readable && !parsed.axes.empty())
            every_value_reads(parsed, file_name);
    }
    result.errors = parsed.errors.take();
    if (!result.errors.empty())
        result.value.reset();
    return result;
}

scenario_load_result load_scenario_file(const std::filesystem::path& path,
                                        const std::vector<parameter>& overrides) {
    return from_file<scenario_load_result>(path, overrides, load_scenario_text);
}

study_load_result load_study_text(std::string_view text, const std::string& file_name,
                                  const std::vector<parameter>& overrides) {
    const generated_map_memo memo; // each point's generated maps are built once
    study_load_result study;
    parsed_study parsed = parse_study(text, file_name, overrides);
    if (!parsed.readable || !every_value_reads(parsed, file_name)) {
        study.errors = parsed.errors.take();
        return study;
    }
    const std::size_t points = point_count(parsed.axes);
    for (const sweep_axis& axis : parsed.axes)
        study.swept_keys.push_back(axis.key);
    for (std::size_t index = 0; index < points; ++index) {
        const std::vector<std::size_t> at = point_indices(parsed.axes, index);
        scenario_load_result loaded =
            read_point(*parsed.root, file_name, parsed.axes, at, parsed.overrides);
        parsed.errors.add(loaded.errors); // what only a combination of values breaks
        if (!loaded.value)
            continue;
        std::vector<parameter> point;
        for (std::size_t i = 0; i < parsed.axes.size(); ++i)
            point.push_back({parsed.axes[i].key, parsed.axes[i].values[at[i]].Scalar()});
        study.points.push_back(
            {std::move(point), std::make_shared<const scenario>(std::move(*loaded.value))});
    }
    parsed.errors.add(check_planned_runs(*parsed.root, file_name, study.points));
    study.errors = parsed.errors.take();
    if (!study.errors.empty())
        study.points.clear();
    return study;
}

study_load_result load_study_file(const std::filesystem::path& path,
                                  const std::vector<parameter>& overrides) {
    return from_file<study_load_result>(path, overrides, load_study_text);
}

} // namespace immersim
