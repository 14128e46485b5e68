// How values become cells: CSV fields quoted by RFC 4180, numbers at full
// precision, and swept parameters as typed columns (a duration in milliseconds, a
// rate per second, a number, or text), so that a notebook reads them as numbers
// and sorts them right.
#pragma once

#include "immersim/report/report_output.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace immersim::report {

// A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a
// quote or a line break.
std::string csv_field(const std::string& text);

// The shortest text that reads back as exactly `x` (empty for NaN); the same on
// every platform.
std::string full_number(double x);

// One swept key as files show it.
struct swept_column {
    enum class type : std::uint8_t { number, duration, rate, text };
    std::string key;    // as the scenario writes it: topology.link.latency
    std::string column; // as files name it: topology.link.latency_ms
    type kind = type::text;
    std::string unit; // ms, 1/s, or empty
};

// The columns of the report's swept keys, typed by all the values each key takes.
std::vector<swept_column> swept_columns(const report& r);

// A swept value in its column: the number (ms for durations, per second for
// rates) or the text.
std::string csv_cell(const swept_column& c, const std::string& value);
nlohmann::ordered_json json_value(const swept_column& c, const std::string& value);

// The swept keys' values at a point, as leading CSV cells (",10,250"), and their
// header (",topology.clients,drain_ms").
std::string parameter_cells(const std::vector<swept_column>& columns, const report& r,
                            std::size_t point);
std::string parameter_header(const std::vector<swept_column>& columns);

} // namespace immersim::report
