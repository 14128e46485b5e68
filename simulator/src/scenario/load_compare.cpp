// The `compare:` section (the strategies to run side by side) and the checks that
// span sections.
#include "immersim/scenario/strategy_catalogue.hpp"
#include "loader_parts.hpp"

#include <fmt/format.h>
#include <set>

namespace immersim::scenario_loading {

namespace {

void read_name(reader& r, mapping& m, strategy_config& out) {
    if (auto n = m.optional("name"); n.IsDefined())
        out.name = r.string_value(n, "name").value_or("");
}

void read_merge(reader& r, const YAML::Node& node, strategy_config& out) {
    mapping m(r, node, "'merge'");
    read_name(r, m, out);
    const std::vector<std::string> merge_function_names = known_merge_functions();
    if (auto paths = m.optional("paths"); paths.IsDefined()) {
        if (!paths.IsMap())
            r.error_at(paths, "'paths' must map path patterns to merge functions, e.g. "
                              "{ likes: sum, \"*\": lww }");
        else
            for (const auto& entry : paths)
                if (auto fn = r.choice_value(entry.second, "merge function", merge_function_names))
                    out.merge_paths.emplace_back(entry.first.Scalar(), *fn);
    }
    m.finish();
}

void read_resolver(reader& r, const YAML::Node& node, const net::topology& names,
                   strategy_config& out) {
    mapping m(r, node, "'resolver'");
    read_name(r, m, out);
    if (auto n = m.optional("rule"); n.IsDefined())
        if (auto rule = r.choice_value(n, "rule", names_in(resolver_rule_table())))
            out.rule = *parse_in(resolver_rule_table(), *rule);
    if (auto n = m.optional("clock"); n.IsDefined())
        if (auto clock = r.choice_value(n, "clock", names_in(timestamp_clock_table())))
            out.clock = *parse_in(timestamp_clock_table(), *clock);
    const YAML::Node favour = m.optional("favour"), ranking = m.optional("ranking");
    if (favour.IsDefined())
        if (auto who = r.string_value(favour, "favour"); who && check_nodes(r, favour, names, *who))
            out.ranking.push_back(*who);
    if (ranking.IsDefined()) {
        if (!ranking.IsSequence() || favour.IsDefined())
            r.error_at(ranking, "'ranking' must be a list of node names, most favoured first "
                                "(and not given together with 'favour')");
        else
            for (const auto& item : ranking)
                if (auto who = r.string_value(item, "ranking"); who && check_nodes(r, item, names, *who))
                    out.ranking.push_back(*who);
    }
    if (out.rule == resolver_rule::priority && !favour.IsDefined() && !ranking.IsDefined())
        r.error_at(node, "rule 'priority' needs 'favour: NODE' or 'ranking: [NODES]'");
    if (out.rule != resolver_rule::priority && (favour.IsDefined() || ranking.IsDefined()))
        r.error_at(node, "'favour' and 'ranking' belong to rule 'priority'");
    m.finish();
}

void read_occ(reader& r, const YAML::Node& node, strategy_config& out) {
    mapping m(r, node, "'occ'");
    read_name(r, m, out);
    if (auto n = m.optional("validate"); n.IsDefined())
        out.validate_paths = r.choice_value(n, "validate", {"version", "path"}) == "path";
    if (auto n = m.optional("on_conflict"); n.IsDefined())
        out.retry = r.choice_value(n, "on_conflict", {"retry", "notify"}) != "notify";
    if (auto n = m.optional("max_retries"); n.IsDefined()) {
        out.max_retries = static_cast<std::uint32_t>(r.unsigned_value(n, "max_retries", 0, 1000).value_or(5));
        if (!out.retry)
            r.error_at(n, "'max_retries' belongs to on_conflict: retry");
    }
    if (auto n = m.optional("backoff"); n.IsDefined())
        out.backoff_ns = r.duration_value(n, "backoff").value_or(out.backoff_ns);
    if (auto n = m.optional("backoff_max"); n.IsDefined())
        out.backoff_max_ns = r.duration_value(n, "backoff_max").value_or(out.backoff_max_ns);
    m.finish();
}

// One option of a registered strategy, checked by its schema; the value as the
// strategy reads it (strategy_config::options).
std::optional<std::string> read_option(reader& r, const YAML::Node& n, const option_spec& spec) {
    using type = option_spec::type;
    switch (spec.kind) {
    case type::choice:
        return r.choice_value(n, spec.key, spec.choices);
    case type::whole: {
        const auto v = r.integer_value(n, spec.key, static_cast<std::int64_t>(spec.min),
                                       static_cast<std::int64_t>(spec.max));
        return v ? std::optional(std::to_string(*v)) : std::nullopt;
    }
    case type::number: {
        const auto v = r.real_value(n, spec.key, spec.min, spec.max);
        return v ? std::optional(fmt::format("{}", *v)) : std::nullopt;
    }
    case type::duration: {
        const auto v = r.duration_value(n, spec.key);
        return v ? std::optional(std::to_string(*v)) : std::nullopt;
    }
    case type::flag: {
        const auto v = r.bool_value(n, spec.key);
        return v ? std::optional(std::string(*v ? "true" : "false")) : std::nullopt;
    }
    }
    return std::nullopt;
}

// A strategy a program registered: its options by the schema it declared. A
// default is read like a value written in the file, so it is stored the same way.
void read_registered(reader& r, const YAML::Node& node, const YAML::Node& options,
                     const strategy_descriptor& d, strategy_config& out) {
    out.kind = strategy_kind::registered;
    out.registered = d.name;
    std::optional<mapping> m;
    if (!options.IsNull())
        m.emplace(r, options, "'" + d.name + "'");
    if (m)
        read_name(r, *m, out);
    for (const option_spec& spec : d.options) {
        // YAML::Node() would be a defined null: only a lookup gives an undefined node.
        const YAML::Node given = m ? m->optional(spec.key) : YAML::Node();
        if (m && given.IsDefined()) {
            if (auto v = read_option(r, given, spec))
                out.options[spec.key] = *v;
        } else if (spec.default_value.empty()) {
            r.error_at(node, "'" + d.name + "' needs the option '" + spec.key + "' (" +
                                 spec.description + ")");
        } else {
            const YAML::Node fallback(spec.default_value);
            if (auto v = read_option(r, fallback, spec))
                out.options[spec.key] = *v;
        }
    }
    if (m)
        m->finish();
}

// The names `compare:` accepts: the built-ins, then those a program registered.
std::vector<std::string> strategy_names() {
    std::vector<std::string> names;
    for (const enum_row<strategy_kind>& row : strategy_kind_table())
        if (row.value != strategy_kind::registered)
            names.emplace_back(row.name);
    for (std::string& name : known_strategy_names())
        names.push_back(std::move(name));
    return names;
}

void read_strategy(reader& r, const YAML::Node& node, const net::topology& names,
                   strategy_config& out) {
    if (node.IsScalar()) {
        if (auto name = r.choice_value(node, "strategy", strategy_names())) {
            if (auto d = known_strategy(*name); d && !parse_in(strategy_kind_table(), *name))
                read_registered(r, node, YAML::Node(YAML::NodeType::Null), *d, out);
            else
                out.kind = *parse_in(strategy_kind_table(), *name);
        }
        return;
    }
    if (!node.IsMap() || node.size() != 1) {
        r.error_at(node, "each strategy is a name (none, crdt) or one key with its options, "
                         "e.g. { occ: { validate: path, on_conflict: retry } }");
        return;
    }
    const auto entry = *node.begin();
    const auto name = r.choice_value(entry.first, "strategy", strategy_names());
    if (!name)
        return;
    const YAML::Node options = entry.second;
    if (!parse_in(strategy_kind_table(), *name)) {
        read_registered(r, node, options, *known_strategy(*name), out);
        return;
    }
    out.kind = *parse_in(strategy_kind_table(), *name);
    if (options.IsNull())
        return;
    switch (out.kind) {
    case strategy_kind::merge: read_merge(r, options, out); break;
    case strategy_kind::resolver: read_resolver(r, options, names, out); break;
    case strategy_kind::occ: read_occ(r, options, out); break;
    default: {
        mapping m(r, options, "'" + *name + "'");
        read_name(r, m, out);
        m.finish();
    }
    }
}

} // namespace

void read_compare(reader& r, const YAML::Node& node, const net::topology& names,
                  std::vector<strategy_config>& out) {
    if (!node.IsSequence() || node.size() == 0) {
        r.error_at(node, "'compare' must be a non-empty list of strategies, e.g. "
                         "[ merge, { resolver: { rule: lww, clock: hlc } }, occ, none, crdt ]");
        return;
    }
    for (const auto& item : node) {
        strategy_config config;
        read_strategy(r, item, names, config);
        for (const strategy_config& earlier : out)
            if (earlier.label() == config.label())
                r.error_at(item, "two strategies are both called '" + config.label() +
                                     "': give one a 'name' to tell them apart in the results");
        out.push_back(std::move(config));
    }
}

namespace {

bool is_sequence_edit(workload::op_kind k) {
    return k == workload::op_kind::insert || k == workload::op_kind::remove_at;
}

bool is_set_edit(workload::op_kind k) {
    return k == workload::op_kind::add_member || k == workload::op_kind::remove_member;
}

// Under `crdt` a list is an OR-set (add/remove) or a sequence (insert/remove_at):
// the two keep different metadata, so one path cannot be both.
void check_list_roles(reader& r, const YAML::Node& at, const workload::workload_spec& w) {
    std::set<std::vector<std::string>> as_set, as_sequence;
    const auto note = [&](const workload::op_spec& op) {
        if (is_set_edit(op.kind))
            as_set.insert(op.path);
        if (is_sequence_edit(op.kind))
            as_sequence.insert(op.path);
    };
    for (const workload::op_spec& op : w.ops) {
        note(op);
        for (const workload::op_spec& part : op.parts)
            note(part);
    }
    for (const std::vector<std::string>& path : as_set)
        if (as_sequence.contains(path)) {
            std::string shown;
            for (const std::string& segment : path)
                shown += (shown.empty() ? "" : "/") + segment;
            r.error_at(at,
                       "'crdt' keeps the list '" + shown +
                           "' either as a set (add/remove) "
                           "or as a sequence (insert/remove_at); the workload edits it both ways");
        }
}

} // namespace

void check_combinations(reader& r, const YAML::Node& root, const scenario& s) {
    const YAML::Node& as_const = root;
    const YAML::Node compare = as_const["compare"];
    if (!compare.IsDefined() || !compare.IsSequence())
        return;
    for (std::size_t i = 0; i < s.compare.size() && i < compare.size(); ++i) {
        const strategy_config& c = s.compare[i];
        const bool registered_needs_server = c.kind == strategy_kind::registered &&
                                             known_strategy(c.registered) &&
                                             known_strategy(c.registered)->needs_authority;
        const bool needs_server =
            c.kind == strategy_kind::merge || c.kind == strategy_kind::occ ||
            (c.kind == strategy_kind::resolver && c.rule != resolver_rule::lww) ||
            registered_needs_server;
        if (needs_server && s.topology.servers == 0)
            r.error_at(compare[i], "'" + c.label() + "' needs an authoritative server, but the "
                                   "topology is peer to peer (servers: 0)");
        if (c.kind == strategy_kind::crdt)
            check_list_roles(r, compare[i], s.workload);
    }
}

} // namespace immersim::scenario_loading
