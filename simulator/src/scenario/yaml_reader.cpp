#include "yaml_reader.hpp"

#include "immersim/support/assert.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace immersim::yaml_input {

namespace {
std::string quoted(const std::string& key) { return "'" + key + "'"; }

bool is_scalar(const YAML::Node& node) { return node.IsDefined() && node.IsScalar(); }
} // namespace

void reader::error_at(const YAML::Mark& mark, std::string message) {
    const bool known = mark.line >= 0 && mark.column >= 0;
    errors_.push_back(
        {file_, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0, std::move(message)});
}

namespace {

// Whether `node` is `root` or lies under it (keys included).
bool within(const YAML::Node& root, const YAML::Node& node) {
    if (root.is(node))
        return true;
    if (root.IsSequence()) {
        for (const auto& item : root)
            if (within(item, node))
                return true;
    } else if (root.IsMap()) {
        for (const auto& entry : root)
            if (within(entry.first, node) || within(entry.second, node))
                return true;
    }
    return false;
}

} // namespace

void reader::error_at(const YAML::Node& node, std::string message) {
    // An absent value has no place of its own. Its mapping has already reported the
    // missing key with the mapping's place; a second message about it adds nothing.
    if (!node.IsDefined() && !errors_.empty())
        return;
    if (node.IsDefined())
        for (const origin& o : origins_) {
            if (o.file_mark && o.root.is(node)) {
                error_at(*o.file_mark, std::move(message));
                return;
            }
            if (!o.file_mark && within(o.root, node)) {
                const int offset = o.marked && node.Mark().pos >= 0 ? node.Mark().pos : 0;
                errors_.push_back({o.label, 0, o.first_column + offset, std::move(message)});
                return;
            }
        }
    error_at(node.Mark(), std::move(message));
}

void reader::add_origin(YAML::Node root, std::string label, int first_column, bool marked) {
    origins_.push_back({std::move(root), std::move(label), first_column, marked, std::nullopt});
}

void reader::add_origin(YAML::Node node, const YAML::Mark& mark) {
    origins_.push_back({std::move(node), {}, 0, false, mark});
}

std::optional<std::string> reader::string_value(const YAML::Node& node, const std::string& key) {
    if (!is_scalar(node)) {
        error_at(node, quoted(key) + " must be a string");
        return std::nullopt;
    }
    return node.Scalar();
}

namespace {

// A whole number of type T in [min, max] from a scalar, or an error naming the key.
template <typename T>
std::optional<T> whole_number(reader& r, const YAML::Node& node, const std::string& key, T min,
                              T max) {
    const std::string expected = quoted(key) + " must be a whole number from " +
                                 std::to_string(min) + " to " + std::to_string(max);
    if (!is_scalar(node)) {
        r.error_at(node, expected);
        return std::nullopt;
    }
    const std::string& text = node.Scalar();
    T value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
        r.error_at(node, expected + ", got '" + text + "'");
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<std::uint64_t> reader::unsigned_value(const YAML::Node& node,
                                                    const std::string& key, std::uint64_t min,
                                                    std::uint64_t max) {
    return whole_number(*this, node, key, min, max);
}

std::optional<std::int64_t> reader::integer_value(const YAML::Node& node, const std::string& key,
                                                 std::int64_t min, std::int64_t max) {
    return whole_number(*this, node, key, min, max);
}

std::optional<double> reader::real_value(const YAML::Node& node, const std::string& key,
                                         double min, double max) {
    const auto bound = [](double x) {
        std::ostringstream text;
        if (x == std::floor(x) && std::fabs(x) < 1e15)
            text << static_cast<long long>(x);
        else
            text << x;
        return text.str();
    };
    std::ostringstream expected;
    expected << quoted(key) << " must be a number from " << bound(min) << " to " << bound(max);
    if (!is_scalar(node)) {
        error_at(node, expected.str());
        return std::nullopt;
    }
    const std::string& text = node.Scalar();
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) ||
        value < min || value > max) {
        error_at(node, expected.str() + ", got '" + text + "'");
        return std::nullopt;
    }
    return value;
}

std::optional<bool> reader::bool_value(const YAML::Node& node, const std::string& key) {
    if (is_scalar(node)) {
        const std::string& t = node.Scalar();
        if (t == "true" || t == "on" || t == "yes")
            return true;
        if (t == "false" || t == "off" || t == "no")
            return false;
    }
    error_at(node, quoted(key) + " must be true or false (or on/off)" +
                       (is_scalar(node) ? ", got '" + node.Scalar() + "'" : std::string()));
    return std::nullopt;
}

std::optional<std::string> reader::choice_value(const YAML::Node& node, const std::string& key,
                                                const std::vector<std::string>& choices) {
    std::string listed;
    for (const std::string& c : choices)
        listed += (listed.empty() ? "" : ", ") + c;
    if (is_scalar(node))
        for (const std::string& c : choices)
            if (node.Scalar() == c)
                return c;
    error_at(node, quoted(key) + " must be one of: " + listed +
                       (is_scalar(node) ? ", got '" + node.Scalar() + "'" : std::string()));
    return std::nullopt;
}

std::optional<time_ns> reader::duration_value(const YAML::Node& node, const std::string& key,
                                              time_ns max) {
    if (!is_scalar(node)) {
        error_at(node, quoted(key) + " must be a duration such as 250us, 5ms, 1.5s or 2m");
        return std::nullopt;
    }
    std::string why;
    const auto value = parse_duration(node.Scalar(), &why);
    if (!value) {
        error_at(node, quoted(key) + ": " + why + ", got '" + node.Scalar() + "'");
        return std::nullopt;
    }
    if (*value > max) {
        error_at(node, quoted(key) + " must be at most " + format_duration(max) + ", got '" +
                           node.Scalar() + "'");
        return std::nullopt;
    }
    return value;
}

std::optional<time_ns> reader::interval_value(const YAML::Node& node, const std::string& key) {
    const auto value = duration_value(node, key);
    if (value && *value < ns_per_ms) {
        error_at(node, quoted(key) + " must be at least 1ms");
        return std::nullopt;
    }
    return value;
}

std::optional<time_ns> reader::signed_duration_value(const YAML::Node& node, const std::string& key,
                                                     time_ns max_abs) {
    const std::string expected = quoted(key) + " must be a duration from -" +
                                 format_duration(max_abs) + " to " + format_duration(max_abs) +
                                 " such as -400ms or 2s";
    if (!is_scalar(node)) {
        error_at(node, expected);
        return std::nullopt;
    }
    const std::string& text = node.Scalar();
    const bool behind = !text.empty() && text.front() == '-';
    std::string why;
    const auto magnitude = parse_duration(std::string_view(text).substr(behind ? 1 : 0), &why);
    if (!magnitude) {
        error_at(node, quoted(key) + ": " + why + ", got '" + text + "'");
        return std::nullopt;
    }
    if (*magnitude > max_abs) {
        error_at(node, expected + ", got '" + text + "'");
        return std::nullopt;
    }
    return behind ? -*magnitude : *magnitude;
}

std::optional<double> reader::rate_per_s_value(const YAML::Node& node, const std::string& key) {
    const std::string expected =
        quoted(key) + " must be a positive rate such as 10/s, 0.5/s or 300/m";
    if (!is_scalar(node)) {
        error_at(node, expected);
        return std::nullopt;
    }
    const std::string& text = node.Scalar();
    const std::optional<rate_text> parsed = parse_rate(text);
    if (!parsed) {
        error_at(node, expected + ", got '" + text + "'");
        return std::nullopt;
    }
    const double count = parsed->count;
    const double per_ns = static_cast<double>(parsed->per_ns);
    const double rate = count * static_cast<double>(ns_per_s) / per_ns;
    // Bounds keep the mean gap between arrivals (per / count) from 1 ns to 365 days;
    // compared without dividing, so that "1/8760h" is exactly the slowest.
    if (!(count * static_cast<double>(user_duration_max) >= per_ns && count <= per_ns)) {
        error_at(node, quoted(key) + " must be from one per " + format_duration(user_duration_max) +
                           " to 1000000000/s, got '" + text + "'");
        return std::nullopt;
    }
    return rate;
}

mapping::mapping(reader& r, const YAML::Node& node, std::string where)
    : reader_(r), node_(node), where_(std::move(where)) {
    valid_ = node.IsDefined() && node.IsMap();
    if (!valid_)
        reader_.error_at(node, where_ + " must be a mapping of keys to values");
}

mapping::~mapping() { IMMERSIM_ASSERT(finished_); }

YAML::Node mapping::optional(const std::string& key) {
    accepted_.push_back(key);
    if (!valid_)
        return YAML::Node(YAML::NodeType::Undefined);
    // Looked up by hand: operator[] on a const node would not tell a null value from
    // a missing key, and a missing key has no mark of its own.
    for (const auto& entry : node_)
        if (entry.first.IsScalar() && entry.first.Scalar() == key)
            return entry.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node mapping::required(const std::string& key) {
    YAML::Node value = optional(key);
    if (valid_ && !value.IsDefined())
        reader_.error_at(node_, where_ + " is missing the required key " + quoted(key));
    return value;
}

void mapping::finish() {
    finished_ = true;
    if (!valid_)
        return;
    std::string accepted;
    for (const std::string& key : accepted_)
        accepted += (accepted.empty() ? "" : ", ") + key;
    std::set<std::string> seen; // a set: a file of 20,000 keys must not take quadratic time
    for (const auto& entry : node_) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
        if (!seen.insert(key).second)
            reader_.error_at(entry.first, "duplicate key " + quoted(key) + " in " + where_);
        if (std::find(accepted_.begin(), accepted_.end(), key) == accepted_.end())
            reader_.error_at(entry.first, "unknown key " + quoted(key) + " in " + where_ +
                                              " (expected one of: " + accepted + ")");
    }
}

} // namespace immersim::yaml_input
