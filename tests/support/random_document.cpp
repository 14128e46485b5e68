#include "random_document.hpp"

#include "immersim/random/distributions.hpp"
#include "immersim/state/json.hpp"

#include <algorithm>

namespace immersim::testing {

using state::value;

namespace {
const char* const keys[] = {"a", "b", "c", "d", "e", "f", "g", "h", "todo", "done", "x/y", "~"};
constexpr int key_count = sizeof(keys) / sizeof(keys[0]);

std::string random_key(generator& g) {
    return keys[uniform_int(g, 0, key_count - 1)];
}
} // namespace

value random_leaf(generator& g) {
    switch (uniform_int(g, 0, 7)) {
    case 0:
        return value();
    case 1:
        return value(bernoulli(g, 0.5));
    case 2:
        return value(uniform_int(g, -5, 5));
    case 3:
        return value(static_cast<double>(uniform_int(g, 0, 8)) / 4.0);
    case 4:
        return value(random_key(g));
    case 5:
        return value::empty_map().set(random_key(g), value(uniform_int(g, 0, 3)));
    case 6:
        // Numbers too large for the value handle, boxed in nodes: equal ones drawn
        // twice are equal without being the same node.
        return bernoulli(g, 0.5) ? value((std::int64_t{1} << 62) + uniform_int(g, 0, 2))
                                 : value(static_cast<double>(uniform_int(g, 1, 3)) / 10.0);
    default:
        return value::empty_list().push_back(value(uniform_int(g, 0, 3)));
    }
}

value random_document(generator& g, int depth) {
    if (depth == 0)
        return random_leaf(g);
    const auto kind = uniform_int(g, 0, 9);
    if (kind < 5) {
        value map = value::empty_map();
        for (std::int64_t i = 0, n = uniform_int(g, 0, 8); i < n; ++i)
            map = map.set(random_key(g), random_document(g, depth - 1));
        return map;
    }
    if (kind < 7) {
        value list = value::empty_list();
        for (std::int64_t i = 0, n = uniform_int(g, 0, 5); i < n; ++i)
            list = list.push_back(random_document(g, depth - 1));
        return list;
    }
    return random_leaf(g);
}

namespace {

// Picks a random existing place by walking down from the root, one step at a time.
struct place {
    state::path where;
};

place random_place(generator& g, const value& root) {
    place p;
    value current = root;
    while ((current.is_map() || current.is_list()) && current.size() > 0 && bernoulli(g, 0.7)) {
        if (current.is_list()) {
            const auto i =
                static_cast<std::size_t>(uniform_int(g, 0, (std::int64_t)current.size() - 1));
            p.where.emplace_back(i);
            current = current.at(i);
        } else {
            std::vector<std::string> names;
            current.for_each_entry(
                [&](std::string_view k, const value&) { names.emplace_back(k); });
            std::sort(names.begin(), names.end());
            const std::string& k =
                names[static_cast<std::size_t>(uniform_int(g, 0, (std::int64_t)names.size() - 1))];
            p.where.emplace_back(k);
            current = *current.find(k);
        }
    }
    return p;
}

state::draft at(const state::draft& from, const state::path& where, std::size_t depth = 0) {
    if (depth == where.size())
        return from;
    const auto& element = where[depth];
    if (const auto* key = std::get_if<std::string>(&element))
        return at(from[*key], where, depth + 1);
    return at(from[std::get<std::size_t>(element)], where, depth + 1);
}

} // namespace

void random_edits(generator& g, state::draft& root, const value& /*base*/, int edits,
                  std::vector<state::path>& written) {
    for (int i = 0; i < edits; ++i) {
        const value now = root.get();
        place p = random_place(g, now);
        const state::draft d = at(root, p.where);
        const value here = d.get();
        const auto action = uniform_int(g, 0, 5);
        if (here.is_map() && action < 3) {
            const std::string k = random_key(g);
            state::path w = p.where;
            w.emplace_back(k);
            if (action == 0)
                d.erase(k);
            else
                d[k] = random_leaf(g);
            written.push_back(std::move(w));
        } else if (here.is_list() && action < 3) {
            const auto n = static_cast<std::int64_t>(here.size());
            if (action == 0 && n > 0)
                d.erase(static_cast<std::size_t>(uniform_int(g, 0, n - 1)));
            else if (action == 1)
                d.insert(static_cast<std::size_t>(uniform_int(g, 0, n)), random_leaf(g));
            else
                d.push_back(random_leaf(g));
            written.push_back(p.where);
        } else if (here.type() == state::value_type::integer && action < 4) {
            d = d.as_int() + 1;
            written.push_back(p.where);
        } else {
            d = random_leaf(g);
            written.push_back(p.where);
        }
    }
}

namespace {

std::string pointer(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) {
        text += '/';
        for (char c : part)
            text += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    }
    return text;
}

void naive(const nlohmann::json& from, const nlohmann::json& to, std::vector<std::string>& where,
           std::vector<naive_change>& out) {
    if (from.is_object() && to.is_object()) {
        for (const auto& [k, v] : from.items()) {
            where.push_back(k);
            if (!to.contains(k))
                out.push_back({"remove", pointer(where), "null"});
            else
                naive(v, to.at(k), where, out);
            where.pop_back();
        }
        for (const auto& [k, v] : to.items()) {
            if (from.contains(k))
                continue;
            where.push_back(k);
            out.push_back({"add", pointer(where), v.dump()});
            where.pop_back();
        }
        return;
    }
    if (from.is_array() && to.is_array()) {
        const std::size_t common = std::min(from.size(), to.size());
        for (std::size_t i = 0; i < common; ++i) {
            where.push_back(std::to_string(i));
            naive(from[i], to[i], where, out);
            where.pop_back();
        }
        for (std::size_t i = common; i < to.size(); ++i) {
            where.push_back(std::to_string(i));
            out.push_back({"add", pointer(where), to[i].dump()});
            where.pop_back();
        }
        for (std::size_t i = common; i < from.size(); ++i) {
            where.push_back(std::to_string(i));
            out.push_back({"remove", pointer(where), "null"});
            where.pop_back();
        }
        return;
    }
    // Same rule as the library: 1 and 1.0 differ (int versus double).
    if (from != to || from.type() != to.type())
        out.push_back({"replace", pointer(where), to.dump()});
}

} // namespace

std::vector<naive_change> naive_diff(const nlohmann::json& from, const nlohmann::json& to) {
    std::vector<std::string> where;
    std::vector<naive_change> out;
    naive(from, to, where, out);
    std::sort(out.begin(), out.end());
    return out;
}

naive_change as_naive(const state::patch& p) {
    const std::string json = p.op == state::patch_op::remove
                                 ? "null"
                                 : nlohmann::json::parse(state::to_json(p.val)).dump();
    return {state::to_string(p.op), state::format_path(p.where), json};
}

} // namespace immersim::testing
