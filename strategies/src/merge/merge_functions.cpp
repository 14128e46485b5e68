#include "immersim/strategies/merge_functions.hpp"

#include "immersim/scenario/strategy_config.hpp"
#include "immersim/support/assert.hpp"

#include <algorithm>
#include <sstream>

namespace immersim::strategies {

using state::value;
using state::value_type;

namespace {

bool same(const value* a, const value* b) {
    if (a == nullptr || b == nullptr)
        return a == b;
    return *a == *b;
}

std::optional<value> copy_of(const value* v) {
    return v != nullptr ? std::optional<value>(*v) : std::nullopt;
}

merge_output last_writer_wins(const merge_input& in) {
    merge_output out;
    if (same(in.theirs, in.base)) { // theirs changed nothing here: ours stands
        out.merged = copy_of(in.ours);
        return out;
    }
    out.merged = copy_of(in.theirs);
    // Ours is lost when it had changed the place to something else.
    out.overwritten = !same(in.ours, in.base) && !same(in.ours, in.theirs) ? 1 : 0;
    return out;
}

bool numeric_or_absent(const value* v) {
    return v == nullptr || v->type() == value_type::integer || v->type() == value_type::real;
}

bool all_integers(const merge_input& in) {
    for (const value* v : {in.base, in.ours, in.theirs})
        if (v != nullptr && v->type() != value_type::integer)
            return false;
    return true;
}

merge_output sum(const merge_input& in) {
    if (!numeric_or_absent(in.base) || !numeric_or_absent(in.ours) ||
        !numeric_or_absent(in.theirs))
        return last_writer_wins(in);
    merge_output out;
    if (all_integers(in)) {
        const auto get = [](const value* v) { return v != nullptr ? v->as_int() : 0; };
        out.merged = value(get(in.ours) + get(in.theirs) - get(in.base));
    } else {
        const auto get = [](const value* v) { return v != nullptr ? v->as_double() : 0.0; };
        out.merged = value(get(in.ours) + get(in.theirs) - get(in.base));
    }
    return out;
}

merge_output extreme(const merge_input& in, bool largest) {
    if (!numeric_or_absent(in.ours) || !numeric_or_absent(in.theirs))
        return last_writer_wins(in);
    merge_output out;
    if (in.ours == nullptr || in.theirs == nullptr) {
        out.merged = copy_of(in.ours != nullptr ? in.ours : in.theirs);
        return out;
    }
    const bool ours_larger = in.ours->as_double() >= in.theirs->as_double();
    out.merged = (ours_larger == largest) ? *in.ours : *in.theirs;
    return out;
}

std::vector<value> items(const value* v) {
    std::vector<value> result;
    if (v != nullptr && v->is_list())
        for (std::size_t i = 0; i < v->size(); ++i)
            result.push_back(v->at(i));
    return result;
}

bool contains(const std::vector<value>& list, const value& x) {
    return std::any_of(list.begin(), list.end(), [&](const value& y) { return y == x; });
}

value list_of(const std::vector<value>& elements) {
    value list = value::empty_list();
    for (const value& e : elements)
        list = list.push_back(e);
    return list;
}

bool list_or_absent(const value* v) { return v == nullptr || v->is_list(); }

merge_output set_union(const merge_input& in) {
    if (!list_or_absent(in.base) || !list_or_absent(in.ours) || !list_or_absent(in.theirs))
        return last_writer_wins(in);
    const std::vector<value> base = items(in.base);
    const std::vector<value> ours = items(in.ours);
    const std::vector<value> theirs = items(in.theirs);
    std::vector<value> merged;
    // An element of the base survives only if neither side removed it; an element
    // either side added survives.
    for (const value& x : ours)
        if ((!contains(base, x) || contains(theirs, x)) && !contains(merged, x))
            merged.push_back(x);
    for (const value& x : theirs)
        if (!contains(base, x) && !contains(merged, x))
            merged.push_back(x);
    merge_output out;
    out.merged = list_of(merged);
    return out;
}

const value* element_id(const value& element) {
    return element.is_map() ? element.find("id") : nullptr;
}

const value* find_by_id(const std::vector<value>& list, const value& id) {
    for (const value& e : list)
        if (const value* other = element_id(e); other != nullptr && *other == id)
            return &e;
    return nullptr;
}

merge_output list_by_id(const merge_input& in) {
    if (!list_or_absent(in.base) || !list_or_absent(in.ours) || !list_or_absent(in.theirs))
        return last_writer_wins(in);
    const std::vector<value> base = items(in.base);
    const std::vector<value> ours = items(in.ours);
    const std::vector<value> theirs = items(in.theirs);
    merge_output out;
    std::vector<value> merged;
    for (const value& element : ours) {
        const value* id = element_id(element);
        if (id == nullptr) { // no id: keep as it is
            merged.push_back(element);
            continue;
        }
        const value* in_base = find_by_id(base, *id);
        const value* in_theirs = find_by_id(theirs, *id);
        if (in_base != nullptr && in_theirs == nullptr)
            continue; // theirs removed it: removal wins
        if (in_theirs == nullptr) {
            merged.push_back(element); // ours added it
            continue;
        }
        const merge_output one =
            last_writer_wins({in_base, &element, in_theirs, in.where});
        out.overwritten += one.overwritten;
        merged.push_back(*one.merged);
    }
    for (const value& element : theirs) {
        const value* id = element_id(element);
        if (id != nullptr && find_by_id(base, *id) == nullptr && find_by_id(ours, *id) == nullptr)
            merged.push_back(element); // theirs added it
    }
    out.merged = list_of(merged);
    return out;
}

merge_output keep_both(const merge_input& in) {
    merge_output out;
    if (same(in.ours, in.base) || same(in.ours, in.theirs)) {
        out.merged = copy_of(in.theirs);
        return out;
    }
    if (same(in.theirs, in.base)) {
        out.merged = copy_of(in.ours);
        return out;
    }
    out.merged = list_of({in.ours != nullptr ? *in.ours : value(),
                          in.theirs != nullptr ? *in.theirs : value()});
    out.kept_both = 1;
    return out;
}

std::vector<std::string> split(const std::string& pattern) {
    std::vector<std::string> segments;
    std::string segment;
    std::istringstream in(pattern);
    while (std::getline(in, segment, '/'))
        segments.push_back(segment);
    return segments;
}

std::string segment_text(const state::path_element& element) {
    if (const auto* index = std::get_if<std::size_t>(&element))
        return std::to_string(*index);
    return std::get<std::string>(element);
}

} // namespace

merge_registry::merge_registry() {
    functions_["sum"] = sum;
    functions_["max"] = [](const merge_input& in) { return extreme(in, true); };
    functions_["min"] = [](const merge_input& in) { return extreme(in, false); };
    functions_["union"] = set_union;
    functions_["list-by-id"] = list_by_id;
    functions_["keep-both"] = keep_both;
    functions_["lww"] = last_writer_wins;
}

void merge_registry::add(const std::string& name, merge_function f) {
    IMMERSIM_ASSERT(static_cast<bool>(f));
    functions_[name] = std::move(f);
}

const merge_function* merge_registry::find(const std::string& name) const {
    const auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : &it->second;
}

std::vector<std::string> merge_registry::names() const {
    std::vector<std::string> result;
    for (const auto& [name, f] : functions_)
        result.push_back(name);
    return result;
}

namespace {
merge_registry& runs_registry() {
    static merge_registry registry;
    return registry;
}
} // namespace

const merge_registry& merge_functions_for_runs() { return runs_registry(); }

void register_merge_function(const std::string& name, merge_function f) {
    runs_registry().add(name, std::move(f));
    add_known_merge_function(name);
}

merge_policy::merge_policy(merge_function fallback, std::string fallback_name)
    : fallback_(std::move(fallback)), fallback_name_(std::move(fallback_name)) {
}

void merge_policy::set(const std::string& pattern, merge_function f, std::string name) {
    rules_.push_back({split(pattern), pattern == "*", std::move(f), pattern, std::move(name)});
    // Most specific first: more segments, then fewer wildcards; stable keeps the
    // declaration order among equals.
    std::stable_sort(rules_.begin(), rules_.end(), [](const rule& a, const rule& b) {
        if (a.matches_all != b.matches_all)
            return !a.matches_all;
        if (a.segments.size() != b.segments.size())
            return a.segments.size() > b.segments.size();
        const auto wildcards = [](const rule& r) {
            return std::count(r.segments.begin(), r.segments.end(), "*");
        };
        return wildcards(a) < wildcards(b);
    });
}

namespace {
bool segments_match(const std::vector<std::string>& segments, const state::path& where) {
    if (segments.size() != where.size())
        return false;
    for (std::size_t i = 0; i < where.size(); ++i)
        if (segments[i] != "*" && segments[i] != segment_text(where[i]))
            return false;
    return true;
}
} // namespace

const merge_function& merge_policy::function_for(const state::path& where) const {
    for (const rule& r : rules_)
        if (r.matches_all || segments_match(r.segments, where))
            return r.f;
    return fallback_;
}

std::string merge_policy::describe(const state::path& where) const {
    for (const rule& r : rules_)
        if (r.matches_all || segments_match(r.segments, where))
            return (r.name.empty() ? "a function" : r.name) + " (pattern " + r.pattern + ")";
    return fallback_name_ + " (no pattern names it)";
}

bool merge_policy::names(const state::path& where) const {
    for (const rule& r : rules_)
        if (!r.matches_all && segments_match(r.segments, where))
            return true;
    return false;
}

} // namespace immersim::strategies
