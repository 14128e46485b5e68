#include "immersim/state/json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

namespace immersim::state {

namespace {

nlohmann::ordered_json to_document(const value& v) {
    switch (v.type()) {
    case value_type::null:
        return nullptr;
    case value_type::boolean:
        return v.as_bool();
    case value_type::integer:
        return v.as_int();
    case value_type::real:
        return v.as_double();
    case value_type::string:
        return std::string(v.as_string());
    case value_type::list: {
        auto array = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < v.size(); ++i)
            array.push_back(to_document(v.at(i)));
        return array;
    }
    case value_type::map: {
        std::vector<std::pair<std::string_view, const value*>> entries;
        v.for_each_entry([&](std::string_view k, const value& child) {
            entries.emplace_back(k, &child);
        });
        std::sort(entries.begin(), entries.end());
        auto object = nlohmann::ordered_json::object();
        for (const auto& [k, child] : entries)
            object[std::string(k)] = to_document(*child);
        return object;
    }
    }
    return nullptr;
}

struct conversion_error {
    std::string message;
};

value from_document(const nlohmann::json& doc, int depth, int max_depth) {
    if (depth > max_depth)
        throw conversion_error{"nesting deeper than " + std::to_string(max_depth) + " levels"};
    switch (doc.type()) {
    case nlohmann::json::value_t::null:
        return value();
    case nlohmann::json::value_t::boolean:
        return value(doc.get<bool>());
    case nlohmann::json::value_t::number_integer:
        return value(doc.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = doc.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(INT64_MAX))
            throw conversion_error{"integer " + std::to_string(u) + " does not fit in 64 bits"};
        return value(static_cast<std::int64_t>(u));
    }
    case nlohmann::json::value_t::number_float:
        return value(doc.get<double>());
    case nlohmann::json::value_t::string:
        return value(doc.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
        value list = value::empty_list();
        std::vector<value> items;
        for (const auto& item : doc)
            list = list.push_back(from_document(item, depth + 1, max_depth));
        return list;
    }
    case nlohmann::json::value_t::object: {
        value map = value::empty_map();
        for (const auto& [k, item] : doc.items())
            map = map.set(k, from_document(item, depth + 1, max_depth));
        return map;
    }
    default:
        throw conversion_error{"unsupported JSON value"};
    }
}

} // namespace

std::string to_json(const value& v, int indent) { return to_document(v).dump(indent); }

json_parse_result from_json(std::string_view text, int max_depth) {
    json_parse_result result;
    try {
        // nlohmann's own depth is bounded by its recursion; the check below bounds ours.
        const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end());
        result.state = from_document(doc, 0, max_depth);
    } catch (const nlohmann::json::parse_error& e) {
        // Turn the byte offset into a line and column for the user.
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        result.error = "line " + std::to_string(line) + ", column " + std::to_string(column) +
                       ": invalid JSON";
    } catch (const conversion_error& e) {
        result.error = e.message;
    }
    return result;
}

} // namespace immersim::state
