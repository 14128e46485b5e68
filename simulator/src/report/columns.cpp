#include "columns.hpp"

#include "immersim/engine/time.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace immersim::report {

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char ch : text) {
        if (ch == '"')
            quoted += '"';
        quoted += ch;
    }
    return quoted + "\"";
}

std::string full_number(double x) {
    if (std::isnan(x))
        return "";
    return fmt::format("{}", x); // shortest round trip
}

namespace {

std::optional<double> as_number(const std::string& text) {
    double x = 0;
    const char* end = text.data() + text.size();
    const auto [last, ec] = std::from_chars(text.data(), end, x);
    if (ec != std::errc{} || last != end || !std::isfinite(x))
        return std::nullopt;
    return x;
}

std::optional<double> as_milliseconds(const std::string& text) {
    const std::optional<time_ns> t = parse_duration(text);
    if (!t)
        return std::nullopt;
    return static_cast<double>(*t) / static_cast<double>(ns_per_ms);
}

// "10/s", "3/m", "1/8760h": events per second.
std::optional<double> as_rate(const std::string& text) {
    const std::optional<rate_text> rate = parse_rate(text);
    if (!rate || rate->per_ns <= 0)
        return std::nullopt;
    return rate->per_second();
}

std::optional<double> typed(swept_column::type kind, const std::string& text) {
    switch (kind) {
    case swept_column::type::number:
        return as_number(text);
    case swept_column::type::duration:
        return as_milliseconds(text);
    case swept_column::type::rate:
        return as_rate(text);
    case swept_column::type::text:
        break;
    }
    return std::nullopt;
}

} // namespace

std::vector<swept_column> swept_columns(const report& r) {
    std::vector<swept_column> columns;
    for (std::size_t k = 0; k < r.swept_keys.size(); ++k) {
        const std::string& key = r.swept_keys[k];
        // The first type every value reads as; text when none fits them all.
        swept_column c{key, key, swept_column::type::text, ""};
        for (const auto kind :
             {swept_column::type::number, swept_column::type::duration, swept_column::type::rate}) {
            bool all = true;
            for (const study_point& p : r.points)
                all = all && k < p.parameters.size() && typed(kind, p.parameters[k].value);
            if (all) {
                c.kind = kind;
                break;
            }
        }
        if (c.kind == swept_column::type::duration) {
            c.column += "_ms";
            c.unit = "ms";
        } else if (c.kind == swept_column::type::rate) {
            c.column += "_per_s";
            c.unit = "1/s";
        }
        columns.push_back(std::move(c));
    }
    return columns;
}

std::string csv_cell(const swept_column& c, const std::string& value) {
    if (const std::optional<double> x = typed(c.kind, value))
        return full_number(*x);
    return csv_field(value);
}

nlohmann::ordered_json json_value(const swept_column& c, const std::string& value) {
    const std::optional<double> x = typed(c.kind, value);
    if (!x)
        return value;
    if (*x == std::floor(*x) && std::fabs(*x) < 9e15)
        return static_cast<std::int64_t>(*x); // 10 clients, not 10.0
    return *x;
}

// The swept keys' values of a run, as leading CSV cells.
std::string parameter_cells(const std::vector<swept_column>& columns, const report& r,
                            std::size_t point) {
    std::string cells;
    const std::vector<parameter>& values = r.points[point].parameters;
    for (std::size_t k = 0; k < columns.size() && k < values.size(); ++k)
        cells += "," + csv_cell(columns[k], values[k].value);
    return cells;
}

std::string parameter_header(const std::vector<swept_column>& columns) {
    std::string header;
    for (const swept_column& c : columns)
        header += "," + csv_field(c.column);
    return header;
}

} // namespace immersim::report
