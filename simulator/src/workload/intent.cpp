#include "immersim/workload/intent.hpp"

#include "immersim/support/assert.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace immersim::workload {

namespace {

constexpr enum_row<op_kind> op_rows[] = {
    {op_kind::set, "set", "a path gets a value"},
    {op_kind::increment, "increment", "a counter grows by an amount"},
    {op_kind::add_member, "add", "a list used as a set gains a member"},
    {op_kind::remove_member, "remove", "a list used as a set loses a member"},
    {op_kind::insert, "insert", "a list gains an element at a random index"},
    {op_kind::remove_at, "remove_at", "a list loses the element at a random index"},
    {op_kind::transaction, "transaction", "several operations, all or nothing, in one change"},
};
static_assert(follows_enum(op_rows));

} // namespace

std::span<const enum_row<op_kind>> op_kind_table() {
    return op_rows;
}

// The names are string literals, so their data is null-terminated.
const char* to_string(op_kind kind) {
    return name_in(op_kind_table(), kind).data();
}

namespace {

constexpr std::array<const char*, 16> words = {
    "apple", "birch", "cloud", "delta", "ember", "fjord", "grove", "harbor",
    "iris",  "jade",  "kite",  "lumen", "maple", "nectar", "orbit", "prism"};

bool is_placeholder(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::optional<std::size_t> as_index(const std::string& segment) {
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), index);
    if (ec != std::errc() || end != segment.data() + segment.size())
        return std::nullopt;
    return index;
}

// The draft at `p`, stepping into maps by key and into lists by numeric segment;
// nothing when a step does not exist.
std::optional<state::draft> walk(const state::draft& root, const state::path& p,
                                 std::size_t steps) {
    std::optional<state::draft> at(root);
    for (std::size_t i = 0; i < steps; ++i) {
        const std::string& key = std::get<std::string>(p[i]);
        const state::value here = at->get();
        if (here.is_map()) {
            if (!at->contains(key))
                return std::nullopt;
            at.emplace((*at)[key]);
        } else if (here.is_list()) {
            const auto index = as_index(key);
            if (!index || *index >= here.size())
                return std::nullopt;
            at.emplace((*at)[*index]);
        } else {
            return std::nullopt;
        }
    }
    return at;
}

bool set_leaf(const intent& what, const state::draft& parent, const std::string& key) {
    const state::value container = parent.get();
    std::optional<state::draft> place;
    if (container.is_map()) {
        place.emplace(parent[key]);
    } else if (container.is_list()) {
        const auto index = as_index(key);
        if (!index || *index >= container.size())
            return false;
        place.emplace(parent[*index]);
    } else {
        return false;
    }
    const state::value current = place->exists() ? place->get() : state::value();
    switch (what.kind) {
    case op_kind::set:
        if (what.source == value_source::toggle)
            *place = !(current.type() == state::value_type::boolean && current.as_bool());
        else
            *place = what.val;
        return true;
    case op_kind::increment:
        if (!current.is_null() && current.type() != state::value_type::integer)
            return false;
        *place = (current.is_null() ? 0 : current.as_int()) + what.amount;
        return true;
    default: return false;
    }
}

bool edit_list(const intent& what, const state::draft& list) {
    const state::value current = list.get();
    if (!current.is_list())
        return false;
    const std::size_t size = current.size();
    switch (what.kind) {
    case op_kind::add_member:
        for (std::size_t i = 0; i < size; ++i)
            if (current.at(i) == what.val)
                return true; // already a member: nothing to change
        list.push_back(what.val);
        return true;
    case op_kind::remove_member:
        for (std::size_t i = size; i-- > 0;)
            if (current.at(i) == what.val)
                list.erase(i);
        return true;
    case op_kind::insert:
        list.insert(what.position % (size + 1), what.val);
        return true;
    case op_kind::remove_at:
        if (size > 0)
            list.erase(what.position % size);
        return true;
    default: return false;
    }
}

} // namespace

intent_source::intent_source(const workload_spec& spec) : spec_(spec) {
    double total = 0.0;
    for (const op_spec& op : spec.ops) {
        total += op.weight;
        cumulative_weights_.push_back(total);
        constants_.push_back(op.constant.own_copy());
        auto& parts = part_constants_.emplace_back();
        for (const op_spec& part : op.parts)
            parts.push_back(part.constant.own_copy());
    }
    for (const auto& [name, key] : spec.keys)
        if (key.dist == key_distribution::zipf)
            zipf_[name] = std::make_shared<const zipf_table>(key.n, key.s);
}

std::uint64_t intent_source::draw_key(const std::string& name, generator& g) const {
    const key_spec& key = spec_.keys.at(name);
    switch (key.dist) {
    case key_distribution::uniform:
        return static_cast<std::uint64_t>(uniform_int(g, 0, static_cast<std::int64_t>(key.n) - 1));
    case key_distribution::zipf: return zipf_.at(name)->sample(g);
    case key_distribution::hotspot: {
        const auto hot = std::max<std::uint64_t>(
            1, static_cast<std::uint64_t>(key.hot_fraction * static_cast<double>(key.n)));
        const bool pick_hot = uniform_unit(g) < key.hot_probability || hot >= key.n;
        if (pick_hot)
            return static_cast<std::uint64_t>(uniform_int(g, 0, static_cast<std::int64_t>(hot) - 1));
        return static_cast<std::uint64_t>(
            uniform_int(g, static_cast<std::int64_t>(hot), static_cast<std::int64_t>(key.n) - 1));
    }
    }
    return 0;
}

std::vector<const intent*> atoms_of(const intent& what) {
    std::vector<const intent*> atoms;
    if (what.kind != op_kind::transaction)
        atoms.push_back(&what);
    for (const intent& part : what.parts)
        atoms.push_back(&part);
    return atoms;
}

intent intent_source::draw(generator& g) const {
    IMMERSIM_ASSERT(!spec_.ops.empty());
    const double pick = uniform_unit(g) * cumulative_weights_.back();
    const auto chosen = static_cast<std::size_t>(
        std::upper_bound(cumulative_weights_.begin(), cumulative_weights_.end(), pick) -
        cumulative_weights_.begin());
    const std::size_t index = std::min(chosen, spec_.ops.size() - 1);
    const op_spec& op = spec_.ops[index];
    std::map<std::string, std::uint64_t> keys; // one value per placeholder per intent
    if (op.kind != op_kind::transaction)
        return draw_op(op, constants_[index], g, keys);
    intent out;
    out.kind = op_kind::transaction;
    for (std::size_t k = 0; k < op.parts.size(); ++k)
        out.parts.push_back(draw_op(op.parts[k], part_constants_[index][k], g, keys));
    return out;
}

intent intent_source::draw_op(const op_spec& op, const state::value& constant, generator& g,
                              std::map<std::string, std::uint64_t>& keys) const {
    intent out;
    out.kind = op.kind;
    out.source = op.source;
    out.amount = op.amount;
    for (const std::string& segment : op.path) {
        if (!is_placeholder(segment)) {
            out.where.emplace_back(segment);
            continue;
        }
        const std::string name = segment.substr(1, segment.size() - 2);
        auto [it, fresh] = keys.try_emplace(name, 0);
        if (fresh)
            it->second = draw_key(name, g);
        out.where.emplace_back(std::to_string(it->second));
    }
    switch (op.source) {
    case value_source::constant: out.val = constant; break;
    case value_source::toggle: break;
    case value_source::random_int: out.val = uniform_int(g, 0, op.random_max); break;
    case value_source::random_word:
        out.val = words[static_cast<std::size_t>(uniform_int(g, 0, words.size() - 1))];
        break;
    }
    if (op.members > 0 && op.constant.is_null())
        out.val = "m" + std::to_string(uniform_int(g, 0, static_cast<std::int64_t>(op.members) - 1));
    out.position = g.next();
    return out;
}

bool execute(const intent& what, const state::draft& root) {
    if (what.kind == op_kind::transaction) {
        for (const intent& part : what.parts)
            if (!execute(part, root))
                return false; // the caller discards the draft: all or nothing
        return !what.parts.empty();
    }
    const bool on_list = what.kind == op_kind::add_member || what.kind == op_kind::remove_member ||
                         what.kind == op_kind::insert || what.kind == op_kind::remove_at;
    if (on_list) {
        const auto list = walk(root, what.where, what.where.size());
        return list && edit_list(what, *list);
    }
    if (what.where.empty())
        return false;
    const auto parent = walk(root, what.where, what.where.size() - 1);
    return parent && set_leaf(what, *parent, std::get<std::string>(what.where.back()));
}

} // namespace immersim::workload
