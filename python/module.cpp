// _immersim: the C++ half of the Python module. It runs studies through the same
// run layer and writes the same bytes as the CLI (same loader, same run order,
// same report writers); immersim/__init__.py turns them into Python objects.
#include "immersim/random/generator.hpp"
#include "immersim/report/report_output.hpp"
#include "immersim/run/run_pool.hpp"
#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"
#include "immersim/version.hpp"

#include <fstream>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <sstream>

namespace py = pybind11;
using namespace immersim;

namespace {

using overrides = std::vector<std::pair<std::string, std::string>>;

std::vector<parameter> to_parameters(const overrides& sets) {
    std::vector<parameter> out;
    for (const auto& [key, value] : sets)
        out.push_back({key, value});
    return out;
}

py::list diagnostics_list(const diagnostics& errors) {
    py::list out;
    for (const diagnostic& d : errors) {
        py::dict entry;
        entry["file"] = d.file;
        entry["line"] = d.line;
        entry["column"] = d.column;
        entry["message"] = d.message;
        entry["text"] = format_diagnostic(d);
        out.append(entry);
    }
    return out;
}

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A finished study: the report every writer reads.
struct study {
    report::report results;
};

// Runs a study as `immersim run FILE [--set K=V]... [--seed S] --jobs J` does;
// returns (study, []) or (None, errors).
py::tuple run_study_file(const std::string& path, const overrides& sets,
                         std::optional<std::uint64_t> seed, unsigned jobs) {
    const std::vector<parameter> parameters = to_parameters(sets);
    study_load_result loaded = load_study_file(path, parameters);
    if (loaded.points.empty())
        return py::make_tuple(py::none(), diagnostics_list(loaded.errors));
    if (const auto error = seed_range_error(loaded.points, seed))
        return py::make_tuple(py::none(), diagnostics_list({{"seed", 0, 0, *error}}));
    auto done = std::make_unique<study>();
    report::report& r = done->results;
    const std::string text = file_text(path);
    r.origin = {path, format_digest(hash_bytes(text)),
                seed.value_or(loaded.points.front().world->seed), parameters, text};
    r.points = loaded.points;
    r.swept_keys = loaded.swept_keys;
    {
        py::gil_scoped_release unlocked; // runs take seconds; let other Python threads go on
        r.runs = immersim::run_study(study_job(r.points, seed), r.points, std::max(1u, jobs), {});
    }
    r.digest = combine_digests(r.runs);
    return py::make_tuple(py::cast(std::move(done)), py::list());
}

py::list validate_file(const std::string& path, const overrides& sets) {
    return diagnostics_list(load_study_file(path, to_parameters(sets)).errors);
}

py::list validate_text(const std::string& text, const std::string& name) {
    return diagnostics_list(load_study_text(text, name, {}).errors);
}

// The table `immersim run` prints; `names` picks its rows (empty: the default ones).
std::string table(const study& s, const std::vector<std::string>& names) {
    std::vector<metrics::metric> rows = report::default_table_metrics();
    if (!names.empty())
        rows.clear();
    for (const std::string& name : names) {
        const auto m = metrics::metric_named(name);
        if (!m)
            throw py::value_error("unknown metric '" + name + "' (see immersim.metrics())");
        rows.push_back(*m);
    }
    std::ostringstream out;
    report::write_table(out, s.results, false, rows);
    return out.str();
}

void write_folder(const study& s, const std::string& dir) {
    std::string error;
    if (!report::write_study_folder(dir, s.results, error))
        throw std::runtime_error(error);
}

} // namespace

PYBIND11_MODULE(_immersim, m) {
    m.doc() = "immersim's C++ core; use the immersim package, not this module";
    m.attr("version") = immersim::version;
    py::class_<study>(m, "Study")
        .def_property_readonly("digest",
                               [](const study& s) { return format_digest(s.results.digest); })
        .def("json", [](const study& s) { return report::json_document(s.results, false); })
        .def("table", &table, py::arg("metrics"))
        .def("runs_csv", [](const study& s) { return report::runs_csv(s.results); })
        .def("summary_csv", [](const study& s) { return report::summary_csv(s.results); })
        .def("timeseries_csv", [](const study& s) { return report::timeseries_csv(s.results); })
        .def("documents_csv", [](const study& s) { return report::documents_csv(s.results); })
        .def("write", &write_folder, py::arg("dir"));
    m.def("run_study", &run_study_file, py::arg("path"), py::arg("sets"), py::arg("seed"),
          py::arg("jobs"));
    m.def("validate_file", &validate_file, py::arg("path"), py::arg("sets"));
    m.def("validate_text", &validate_text, py::arg("text"), py::arg("name"));
    m.def("metrics", [] {
        py::list out;
        for (std::size_t k = 0; k < metrics::metric_count; ++k) {
            const auto metric = static_cast<metrics::metric>(k);
            py::dict entry;
            entry["name"] = std::string(metrics::name_of(metric));
            entry["unit"] = std::string(metrics::unit_of(metric));
            entry["lower_is_better"] = metrics::lower_is_better(metric);
            out.append(entry);
        }
        return out;
    });
}
