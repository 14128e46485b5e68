#include "plot_page.hpp"

#include <fmt/format.h>

namespace immersim::plot {

namespace {

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string cell(const std::optional<estimate>& e) {
    if (!e)
        return "—";
    if (e->n < 2) // no interval from one value (docs/metrics.md)
        return fmt::format("{:.6g} <small>(n = {})</small>", e->mean, e->n);
    return fmt::format("{:.6g} ± {:.3g}", e->mean, e->half_width);
}

// One table per point: a row per metric, a column per strategy.
std::string summary_tables(const study_folder& study, const plot_options& options) {
    std::string html;
    for (const study_point& p : study.points) {
        if (!study.columns.empty())
            html += "<h3>" + escape(point_label(study, p, study.columns.size())) + "</h3>\n";
        html += "<table>\n<tr><th>metric</th>";
        for (const std::string& s : study.strategies)
            html += "<th>" + escape(s) + "</th>";
        html += "</tr>\n";
        for (metrics::metric m : options.metrics) {
            const std::string name(metrics::name_of(m));
            const auto it = p.metrics.find(name);
            if (it == p.metrics.end())
                continue;
            const auto unit = study.units.find(name);
            html += "<tr><td>" + escape(name) + " <small>" +
                    (unit == study.units.end() ? "" : escape(unit->second)) + "</small></td>";
            for (const auto& e : it->second)
                html += "<td>" + cell(e) + "</td>";
            html += "</tr>\n";
        }
        html += "</table>\n";
    }
    return html;
}

std::string figure_list(const std::vector<figure>& figures, const plot_options& options) {
    std::string html, section;
    const char* shown = options.png ? ".png" : ".svg";
    for (const figure& f : figures) {
        if (f.section != section) {
            section = f.section;
            html += "<h2>" + escape(section) + "</h2>\n";
        }
        html += fmt::format(
            "<figure><img src=\"{0}{1}\" alt=\"{2}\" width=\"900\">"
            "<figcaption>{2}{3}</figcaption></figure>\n",
            escape(f.stem), shown, escape(f.caption),
            options.png && options.svg ? " (<a href=\"" + escape(f.stem) + ".svg\">SVG</a>)" : "");
    }
    return html;
}

constexpr const char* style = R"(body { font-family: sans-serif; margin: 2em; max-width: 1000px; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: right; }
td:first-child, th:first-child { text-align: left; }
pre { background: #f4f4f4; padding: 1em; overflow-x: auto; }
figure { margin: 1em 0 2em 0; })";

} // namespace

std::string index_page(const study_folder& study, const plot_options& options,
                       const std::vector<figure>& figures) {
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<title>immersim: " + escape(study.scenario) + "</title>\n<style>\n" + style +
            "\n</style>\n</head>\n<body>\n";
    html += "<h1>" + escape(study.scenario) + "</h1>\n";
    const std::string seeds =
        study.sequential
            ? (study.seeds == study.seeds_most
                   ? std::to_string(study.seeds)
                   : fmt::format("{} to {}", study.seeds, study.seeds_most)) +
                  " seeds per strategy (sequential stopping: added in batches until the "
                  "intervals were narrow enough)"
            : fmt::format("{} seed{} per strategy", study.seeds, study.seeds == 1 ? "" : "s");
    html += fmt::format("<p>immersim {}, scenario digest <code>{}</code>, base seed {}, {}, "
                        "study digest <code>{}</code>. Intervals are 95% "
                        "(docs/metrics.md).</p>\n",
                        escape(study.version), escape(study.scenario_digest), study.base_seed,
                        seeds, escape(study.digest));
    html += "<h2>Summary</h2>\n" + summary_tables(study, options);
    html += figure_list(figures, options);
    html += "<h2>Scenario</h2>\n";
    html += study.scenario_text.empty() ? "<p>The folder holds no scenario.yaml.</p>\n"
                                        : "<pre>" + escape(study.scenario_text) + "</pre>\n";
    return html + "</body>\n</html>\n";
}

} // namespace immersim::plot
