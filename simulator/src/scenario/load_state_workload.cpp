// The state and workload sections of a scenario.
#include "loader_parts.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace immersim::scenario_loading {

namespace {

constexpr int max_value_depth = 64;

state::value plain_scalar(const std::string& text) {
    if (text == "null" || text == "~" || text.empty())
        return {};
    if (text == "true")
        return true;
    if (text == "false")
        return false;
    std::int64_t i = 0;
    if (auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
        ec == std::errc{} && end == text.data() + text.size())
        return i;
    double d = 0.0;
    if (auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
        ec == std::errc{} && end == text.data() + text.size() && std::isfinite(d))
        return d;
    return text;
}

// Values counted so far in one document, as if every generated map were written out:
// sharing keeps the memory small, but a deep copy (sharing: off) and every traversal
// pay the full size.
struct value_count {
    std::uint64_t values = 0;
    bool reported = false;

    // Adds n values; false (and one diagnostic) once the document is too large.
    bool add(reader& r, const YAML::Node& node, std::uint64_t n) {
        if (n <= max_document_values - std::min(values, max_document_values)) {
            values += n;
            return true;
        }
        values = max_document_values + 1;
        if (!reported)
            r.error_at(node, "the document holds more than " + std::to_string(max_document_values) +
                                 " values once generated maps are counted in full");
        reported = true;
        return false;
    }
};

std::optional<state::value> read_counted_value(reader& r, const YAML::Node& node, int depth,
                                               value_count& count);

std::optional<state::value> generated(reader& r, const YAML::Node& node, int depth,
                                      value_count& total) {
    mapping m(r, node, "a generated map");
    const auto count =
        r.unsigned_value(m.required("generate"), "generate", 0, max_generated_entries);
    const YAML::Node tmpl = m.required("template");
    value_count per_item;
    std::optional<state::value> item =
        tmpl.IsDefined() ? read_counted_value(r, tmpl, depth + 1, per_item) : std::nullopt;
    m.finish();
    if (!count || !item)
        return std::nullopt;
    const std::uint64_t each = std::max<std::uint64_t>(per_item.values, 1);
    const bool fits = *count <= (max_document_values + 1) / each;
    if (!total.add(r, node, fits ? *count * each : max_document_values + 1))
        return std::nullopt;
    generated_map_memo* memo = generated_map_memo::current();
    if (const state::value* built = memo != nullptr ? memo->find(*count, *item) : nullptr)
        return *built;
    // Every entry shares the template's node: structural sharing from the start.
    state::value out = state::value::empty_map();
    for (std::uint64_t i = 0; i < *count; ++i)
        out = out.set(std::to_string(i), *item);
    if (memo != nullptr)
        memo->remember(*count, *item, out);
    return out;
}

std::optional<state::value> read_counted_value(reader& r, const YAML::Node& node, int depth,
                                               value_count& count) {
    if (depth > max_value_depth) {
        r.error_at(node, "the state is nested too deeply (more than 64 levels)");
        return std::nullopt;
    }
    const YAML::Node& as_const = node; // a non-const lookup could add the key
    if (node.IsMap() && as_const["generate"].IsDefined())
        return generated(r, node, depth, count);
    if (!count.add(r, node, 1))
        return std::nullopt;
    if (node.IsNull())
        return state::value();
    if (node.IsScalar())
        return node.Tag() == "!" ? state::value(node.Scalar()) : plain_scalar(node.Scalar());
    if (node.IsSequence()) {
        state::value list = state::value::empty_list();
        for (const auto& item : node) {
            auto v = read_counted_value(r, item, depth + 1, count);
            if (!v)
                return std::nullopt;
            list = list.push_back(*v);
        }
        return list;
    }
    state::value map = state::value::empty_map();
    bool ok = true;
    for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
            r.error_at(entry.first, "keys of the state must be strings");
            ok = false;
            continue;
        }
        if (map.contains(entry.first.Scalar()))
            r.error_at(entry.first, "duplicate key '" + entry.first.Scalar() + "' in the state");
        auto v = read_counted_value(r, entry.second, depth + 1, count);
        if (v)
            map = map.set(entry.first.Scalar(), *v);
        ok = ok && v.has_value();
    }
    return ok ? std::optional<state::value>(map) : std::nullopt;
}

thread_local generated_map_memo* memo_in_force = nullptr;

} // namespace

generated_map_memo::generated_map_memo() : previous_(memo_in_force) {
    memo_in_force = this;
}

generated_map_memo::~generated_map_memo() {
    memo_in_force = previous_;
}

generated_map_memo* generated_map_memo::current() {
    return memo_in_force;
}

const state::value* generated_map_memo::find(std::uint64_t count, const state::value& item) const {
    for (const entry& e : entries_)
        if (e.count == count && e.item == item)
            return &e.map;
    return nullptr;
}

void generated_map_memo::remember(std::uint64_t count, const state::value& item,
                                  const state::value& map) {
    // Only large maps are worth a slot; a bounded list keeps find() cheap.
    if (count >= 1'000 && entries_.size() < 64)
        entries_.push_back({count, item, map});
}

std::optional<state::value> read_value(reader& r, const YAML::Node& node) {
    value_count count;
    return read_counted_value(r, node, 0, count);
}

void read_state(reader& r, const YAML::Node& node, state_config& out) {
    mapping m(r, node, "'state'");
    if (auto n = m.optional("initial"); n.IsDefined()) {
        auto v = read_value(r, n);
        if (v && !v->is_map())
            r.error_at(n, "'initial' must be a mapping (the document's root is a map)");
        else if (v)
            out.initial = state::shared_value(*v);
    }
    if (auto n = m.optional("sharing"); n.IsDefined())
        out.sharing = r.bool_value(n, "sharing").value_or(true);
    m.finish();
}

namespace {

std::vector<std::string> split_path(const std::string& text) {
    std::vector<std::string> out;
    std::string segment;
    for (char ch : text) {
        if (ch == '/') {
            out.push_back(segment);
            segment.clear();
        } else {
            segment += ch;
        }
    }
    out.push_back(segment);
    return out;
}

void read_key_spec(reader& r, const YAML::Node& node, const std::string& name,
                   workload::key_spec& out) {
    mapping m(r, node, "key '" + name + "'");
    const auto dist = r.choice_value(m.required("dist"), "dist", {"uniform", "zipf", "hotspot"});
    if (auto n = m.required("n"); n.IsDefined())
        out.n = r.unsigned_value(n, "n", 1, 10'000'000).value_or(1);
    if (dist == "zipf") {
        out.dist = workload::key_distribution::zipf;
        if (auto n = m.optional("s"); n.IsDefined())
            out.s = r.real_value(n, "s", 0.0, 10.0).value_or(1.0);
    } else if (dist == "hotspot") {
        out.dist = workload::key_distribution::hotspot;
        if (auto n = m.optional("hot_fraction"); n.IsDefined())
            out.hot_fraction = r.real_value(n, "hot_fraction", 0.0, 1.0).value_or(0.1);
        if (auto n = m.optional("hot_probability"); n.IsDefined())
            out.hot_probability = r.real_value(n, "hot_probability", 0.0, 1.0).value_or(0.9);
    }
    m.finish();
}

void read_op_value(reader& r, mapping& m, const YAML::Node& node, workload::op_spec& op) {
    const YAML::Node value = m.optional("value");
    const YAML::Node members = m.optional("members");
    if (value.IsDefined() && op.kind == workload::op_kind::increment)
        r.error_at(value, "'increment' takes 'amount', not 'value'");
    if (value.IsDefined() && op.kind == workload::op_kind::remove_at)
        r.error_at(value, "'remove_at' takes no 'value'");
    if (value.IsDefined() && value.IsScalar() && value.Tag() != "!" &&
        op.kind == workload::op_kind::set) {
        const std::string& t = value.Scalar();
        if (t == "toggle")
            op.source = workload::value_source::toggle;
        else if (t == "random_int")
            op.source = workload::value_source::random_int;
        else if (t == "random_word")
            op.source = workload::value_source::random_word;
    }
    if (value.IsDefined() && op.source == workload::value_source::constant)
        op.constant = state::shared_value(read_value(r, value).value_or(state::value()));
    if (members.IsDefined()) {
        if (op.kind != workload::op_kind::add_member && op.kind != workload::op_kind::remove_member)
            r.error_at(members, "'members' belongs to 'add' and 'remove'");
        else
            op.members = r.unsigned_value(members, "members", 1, 1'000'000).value_or(1);
    }
    const bool needs_value = op.kind == workload::op_kind::set || op.kind == workload::op_kind::insert ||
                             ((op.kind == workload::op_kind::add_member ||
                               op.kind == workload::op_kind::remove_member) &&
                              !members.IsDefined());
    if (needs_value && !value.IsDefined())
        r.error_at(node, std::string("the operation '") + workload::to_string(op.kind) +
                             "' needs a 'value'" +
                             (op.kind == workload::op_kind::set ? "" : " (or 'members')"));
}

// One operation: its path key (set, increment, ...), its value keys. `in_transaction`
// forbids weights and nesting.
std::optional<workload::op_spec> read_one_op(reader& r, const YAML::Node& node,
                                             std::set<std::string>& placeholders,
                                             bool in_transaction);

void read_parts(reader& r, const YAML::Node& parts, workload::op_spec& op,
                std::set<std::string>& placeholders) {
    if (!parts.IsSequence() || parts.size() == 0) {
        r.error_at(parts, "'transaction' must be a non-empty list of operations, e.g. "
                          "[ { increment: likes }, { set: seen, value: true } ]");
        return;
    }
    for (const auto& part : parts)
        if (auto p = read_one_op(r, part, placeholders, true))
            op.parts.push_back(std::move(*p));
}

std::optional<workload::op_spec> read_one_op(reader& r, const YAML::Node& node,
                                             std::set<std::string>& placeholders,
                                             bool in_transaction) {
    mapping m(r, node, in_transaction ? "a transaction's operation" : "an operation");
    workload::op_spec op;
    if (!in_transaction)
        if (auto n = m.optional("weight"); n.IsDefined()) {
            op.weight = r.real_value(n, "weight", 0.0, 1e6).value_or(1.0);
            if (!(op.weight > 0.0)) {
                r.error_at(n, "'weight' must be above 0 (drop the operation to never issue it)");
                op.weight = 1.0;
            }
        }
    int found = 0;
    for (const enum_row<workload::op_kind>& row : workload::op_kind_table()) {
        if (row.value == workload::op_kind::transaction)
            continue; // its parts are read below
        const std::string key(row.name);
        const YAML::Node p = m.optional(key);
        if (!p.IsDefined())
            continue;
        ++found;
        op.kind = row.value;
        if (auto text = r.string_value(p, key)) {
            op.path = split_path(*text);
            for (const std::string& seg : op.path) {
                if (seg.empty())
                    r.error_at(p, "the path '" + *text + "' has an empty segment");
                else if (seg.front() == '{' && seg.back() == '}')
                    placeholders.insert(seg.substr(1, seg.size() - 2));
            }
        }
    }
    if (const YAML::Node parts = m.optional("transaction"); parts.IsDefined()) {
        if (in_transaction) {
            r.error_at(parts, "transactions do not nest: list the operations of the inner one "
                              "in the outer one");
            m.abandon();
            return std::nullopt;
        }
        ++found;
        op.kind = workload::op_kind::transaction;
        read_parts(r, parts, op, placeholders);
    }
    if (found != 1) {
        r.error_at(node, std::string("an operation needs exactly one of: set, increment, add, remove, "
                                     "insert, remove_at") +
                             (in_transaction ? "" : ", transaction") + " (what it does, and where)");
        m.abandon();
        return std::nullopt;
    }
    if (op.kind != workload::op_kind::transaction) {
        if (auto n = m.optional("amount"); n.IsDefined())
            op.amount = r.integer_value(n, "amount", -1'000'000'000, 1'000'000'000).value_or(1);
        if (auto n = m.optional("max"); n.IsDefined())
            op.random_max = r.integer_value(n, "max", 0, INT64_MAX).value_or(1000);
        read_op_value(r, m, node, op);
    }
    m.finish();
    return op;
}

void read_op(reader& r, const YAML::Node& node, workload::workload_spec& w,
             std::set<std::string>& placeholders) {
    if (auto op = read_one_op(r, node, placeholders, false))
        w.ops.push_back(std::move(*op));
}

} // namespace

void read_workload(reader& r, const YAML::Node& node, const net::topology& names,
                   workload::workload_spec& out) {
    mapping m(r, node, "'workload'");
    if (auto rate = m.required("rate_per_client"); rate.IsDefined())
        if (auto v = r.rate_per_s_value(rate, "rate_per_client"))
            out.rate_per_client = *v;
    std::set<std::string> placeholders;
    const YAML::Node ops = m.required("ops");
    if (ops.IsDefined() && (!ops.IsSequence() || ops.size() == 0))
        r.error_at(ops, "'ops' must be a non-empty list of operations such as "
                        "{ weight: 5, increment: likes }");
    else if (ops.IsDefined())
        for (const auto& op : ops)
            read_op(r, op, out, placeholders);
    if (auto keys = m.optional("keys"); keys.IsDefined()) {
        if (!keys.IsMap())
            r.error_at(keys, "'keys' must map placeholder names to distributions, e.g. "
                             "{ todo: { dist: zipf, s: 1.1, n: 100 } }");
        else
            for (const auto& entry : keys) {
                const std::string name = entry.first.Scalar();
                if (!placeholders.contains(name))
                    r.error_at(entry.first, "key '" + name + "' is not used by any operation path");
                read_key_spec(r, entry.second, name, out.keys[name]);
            }
    }
    for (const std::string& p : placeholders)
        if (!out.keys.contains(p))
            r.error_at(ops, "the placeholder {" + p + "} has no distribution under 'keys'");
    if (auto off = m.optional("offline"); off.IsDefined()) {
        if (!off.IsSequence())
            r.error_at(off, "'offline' must be a list of { clients, from, until }");
        else
            for (const auto& item : off) {
                mapping o(r, item, "an offline period");
                workload::offline_period p;
                if (auto c = o.required("clients"); c.IsDefined())
                    if (auto s = r.string_value(c, "clients"); s && check_nodes(r, c, names, *s))
                        p.clients = *s;
                if (auto f = o.required("from"); f.IsDefined())
                    p.from_ns = r.duration_value(f, "from").value_or(0);
                if (auto u = o.required("until"); u.IsDefined()) {
                    p.until_ns = r.duration_value(u, "until").value_or(0);
                    if (p.until_ns <= p.from_ns)
                        r.error_at(u, "'until' must come after 'from'");
                }
                o.finish();
                out.offline.push_back(p);
            }
    }
    m.finish();
}

void read_invariants(reader& r, const YAML::Node& node, std::vector<invariant_config>& out) {
    if (!node.IsSequence()) {
        r.error_at(node, "'invariants' must be a list such as [ { name: stock, path: stock, min: 0 } ]");
        return;
    }
    for (const auto& item : node) {
        mapping m(r, item, "an invariant");
        invariant_config inv;
        if (auto n = m.required("name"); n.IsDefined())
            inv.name = r.string_value(n, "name").value_or("");
        if (auto n = m.required("path"); n.IsDefined())
            if (auto text = r.string_value(n, "path"))
                inv.path = split_path(*text);
        if (auto n = m.optional("min"); n.IsDefined())
            inv.min = r.real_value(n, "min", -1e300, 1e300);
        if (auto n = m.optional("max"); n.IsDefined())
            inv.max = r.real_value(n, "max", -1e300, 1e300);
        if (auto n = m.optional("max_size"); n.IsDefined())
            inv.max_size = r.unsigned_value(n, "max_size", 0, UINT64_MAX);
        if (auto n = m.optional("exists"); n.IsDefined())
            inv.must_exist = r.bool_value(n, "exists").value_or(false);
        if (!inv.min && !inv.max && !inv.max_size && !inv.must_exist)
            r.error_at(item, "an invariant needs at least one of 'min', 'max', 'max_size' or 'exists: true'");
        m.finish();
        out.push_back(std::move(inv));
    }
}

} // namespace immersim::scenario_loading
