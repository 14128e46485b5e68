#include "plot_charts.hpp"

#include "chart_kit.hpp"

#include <QApplication>
#include <QFile>
#include <QPainter>
#include <QSvgGenerator>
#include <QtCharts/QChartView>
#include <fmt/format.h>
#include <memory>
#include <set>

namespace immersim::plot {

namespace {

using gui::bar_with_interval;
using gui::line_chart;
using gui::line_series;
using gui::shaded_band;

constexpr int width = 1200, height = 675; // 16:9, readable when projected

// A file name from any text: letters, digits, '.', '-' and '_' stay.
std::string file_stem(const std::string& text) {
    std::string stem;
    for (char c : text)
        stem += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    return stem;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

bool save(QChartView* view, const plot_options& options, const std::string& stem,
          std::string& error) {
    const QString base = q((options.to / stem).string());
    QApplication::processEvents(); // let the chart lay itself out at its size
    if (options.png && !view->grab().save(base + ".png", "PNG")) {
        error = "cannot write " + (base + ".png").toStdString();
        return false;
    }
    if (options.svg) {
        QSvgGenerator svg;
        svg.setFileName(base + ".svg");
        svg.setSize(view->size());
        svg.setViewBox(QRect(QPoint(0, 0), view->size()));
        svg.setTitle(view->chart()->title());
        QPainter painter(&svg);
        view->render(&painter);
        if (!painter.end() || !QFile::exists(base + ".svg")) {
            error = "cannot write " + (base + ".svg").toStdString();
            return false;
        }
    }
    return true;
}

std::string unit_suffix(const study_folder& study, const std::string& metric) {
    const auto it = study.units.find(metric);
    return it == study.units.end() || it->second.empty() ? "" : " (" + it->second + ")";
}

bool whole(const study_folder& study, const std::string& metric) {
    const auto it = study.units.find(metric);
    return it != study.units.end() && it->second == "count";
}

std::string column_title(const swept& c) {
    return c.key + (c.unit.empty() ? "" : " (" + c.unit + ")");
}

std::string seeds_text(const study_folder& study) {
    if (study.seeds < 2)
        return "one seed: no interval";
    if (study.seeds_most != study.seeds)
        return fmt::format("mean and 95% interval over {} to {} seeds", study.seeds,
                           study.seeds_most);
    return fmt::format("mean and 95% interval over {} seeds", study.seeds);
}

class painter_session {
public:
    painter_session() : view_(gui::make_chart_view(nullptr)) {
        // Never shown: grab() and render() lay out a hidden widget at its size.
        view_->resize(width, height);
    }
    QChartView* view() const { return view_.get(); }

private:
    std::unique_ptr<QChartView> view_;
};

bool comparison_bars(const study_folder& study, const plot_options& options,
                     const std::string& metric, std::vector<figure>& figures, std::string& error) {
    QVector<bar_with_interval> bars;
    const auto& estimates = study.points.front().metrics.at(metric);
    bool any = false;
    for (std::size_t s = 0; s < study.strategies.size(); ++s) {
        any = any || estimates[s].has_value();
        bars.push_back(estimates[s] ? bar_with_interval{q(study.strategies[s]), estimates[s]->mean,
                                                        estimates[s]->half_width}
                                    : bar_with_interval{q(study.strategies[s]), 0.0, 0.0, true});
    }
    if (!any)
        return true; // applies to no strategy here (commit latency peer to peer)
    painter_session session;
    gui::draw_bars(session.view(), q(metric + ": " + seeds_text(study)),
                   q(metric + unit_suffix(study, metric)), bars, whole(study, metric));
    figures.push_back({"Comparison", file_stem(metric), metric + unit_suffix(study, metric)});
    return save(session.view(), options, figures.back().stem, error);
}

// One line per strategy of `metric` against column `k`, over the points whose other
// swept values are those of `group`.
line_chart sweep_chart(const study_folder& study, const std::string& metric, std::size_t k,
                       const std::vector<std::size_t>& group) {
    line_chart spec;
    spec.x_title = q(column_title(study.columns[k]));
    spec.y_title = q(metric + unit_suffix(study, metric));
    spec.whole_numbers = whole(study, metric);
    if (!study.columns[k].numeric)
        for (std::size_t p : group)
            spec.x_categories << q(value_text(study.points[p].values[k]));
    for (std::size_t s = 0; s < study.strategies.size(); ++s) {
        std::vector<std::pair<double, estimate>> sorted;
        for (std::size_t i = 0; i < group.size(); ++i) {
            const study_point& p = study.points[group[i]];
            const double x =
                study.columns[k].numeric ? p.values[k].get<double>() : static_cast<double>(i);
            if (const auto& e = p.metrics.at(metric)[s])
                sorted.push_back({x, *e});
        }
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        line_series line{q(study.strategies[s]), {}, {}, {}, {}};
        for (const auto& [x, e] : sorted) {
            line.x << x;
            line.y << e.mean;
            line.low << e.mean - e.half_width;
            line.high << e.mean + e.half_width;
        }
        spec.lines << line;
    }
    return spec;
}

bool sweep_lines(const study_folder& study, const plot_options& options, const std::string& metric,
                 std::vector<figure>& figures, std::string& error) {
    for (std::size_t k = 0; k < study.columns.size(); ++k) {
        // Points that differ only in column k form one picture.
        std::map<std::string, std::vector<std::size_t>> groups;
        std::vector<std::string> order;
        for (std::size_t p = 0; p < study.points.size(); ++p) {
            const std::string label = point_label(study, study.points[p], k);
            if (!groups.contains(label))
                order.push_back(label);
            groups[label].push_back(p);
        }
        for (const std::string& label : order) {
            if (groups[label].size() < 2)
                continue; // one value: nothing to draw a line through
            line_chart spec = sweep_chart(study, metric, k, groups[label]);
            spec.title = q(metric + " against " + study.columns[k].key +
                           (label.empty() ? "" : " at " + label) + ": " + seeds_text(study));
            painter_session session;
            gui::draw_lines(session.view(), spec);
            figures.push_back({"Sweep",
                               file_stem(metric + "-vs-" + study.columns[k].column +
                                         (label.empty() ? "" : "-" + label)),
                               metric + " against " + column_title(study.columns[k]) +
                                   (label.empty() ? "" : " at " + label)});
            if (!save(session.view(), options, figures.back().stem, error))
                return false;
        }
    }
    return true;
}

QVector<shaded_band> fault_bands(const study_point& p, double end_s) {
    QVector<shaded_band> bands;
    for (const fault_span& f : p.faults)
        bands.push_back({f.from_ms / 1000.0, f.until_ms ? *f.until_ms / 1000.0 : end_s, q(f.kind)});
    return bands;
}

bool time_series(const study_folder& study, const plot_options& options, std::size_t point,
                 const std::string& name, std::vector<figure>& figures, std::string& error) {
    const study_point& p = study.points[point];
    line_chart spec;
    double end_s = 0;
    for (std::size_t s = 0; s < study.strategies.size(); ++s) {
        line_series line{q(study.strategies[s]), {}, {}, {}, {}};
        for (const auto& [t, mean] : p.series.at(name)[s]) {
            line.x << t / 1000.0;
            line.y << mean;
            end_s = std::max(end_s, t / 1000.0);
        }
        spec.lines << line;
    }
    const std::string where = point_label(study, p, study.columns.size());
    const std::string seeds = study.seeds_most != study.seeds
                                  ? fmt::format("{} to {}", study.seeds, study.seeds_most)
                                  : std::to_string(study.seeds);
    spec.title = q(name + " over simulated time, mean of " + seeds + " seed" +
                   (study.seeds_most == 1 ? "" : "s") + (where.empty() ? "" : " at " + where) +
                   (p.random_faults ? " (random faults differ per seed: not shaded)" : ""));
    spec.x_title = "simulated time (s)";
    spec.y_title = q(name + (name.ends_with("bytes") ? " (bytes)" : " (count)"));
    spec.bands = fault_bands(p, end_s);
    spec.whole_numbers = !name.ends_with("bytes");
    painter_session session;
    gui::draw_lines(session.view(), spec);
    const std::string suffix = study.points.size() > 1 ? fmt::format("-point{}", point + 1) : "";
    figures.push_back({"Time series", file_stem("timeseries-" + name + suffix),
                       name + " over simulated time" + (where.empty() ? "" : " at " + where)});
    return save(session.view(), options, figures.back().stem, error);
}

} // namespace

bool draw_figures(const study_folder& study, const plot_options& options,
                  std::vector<figure>& figures, std::string& error) {
    for (metrics::metric m : options.metrics) {
        const std::string metric(metrics::name_of(m));
        if (!study.points.front().metrics.contains(metric))
            continue;
        const bool ok = study.columns.empty()
                            ? comparison_bars(study, options, metric, figures, error)
                            : sweep_lines(study, options, metric, figures, error);
        if (!ok)
            return false;
    }
    for (std::size_t point = 0; point < study.points.size(); ++point)
        for (const std::string& name : study.series_names)
            if (!time_series(study, options, point, name, figures, error))
                return false;
    return true;
}

} // namespace immersim::plot
