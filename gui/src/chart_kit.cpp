#include "chart_kit.hpp"

#include <QFont>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>

namespace immersim::gui {

QChartView* make_chart_view(QWidget* parent) {
    auto* view = new QChartView(new QChart(), parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->chart()->setAnimationOptions(QChart::NoAnimation);
    return view;
}

namespace {

double scale = 1.0; // the UI thread's alone: charts are drawn there

QFont scaled(QFont font) {
    font.setPointSizeF(font.pointSizeF() * scale);
    return font;
}

// Titles and axis text at the presentation scale.
void scale_text(QChart* chart) {
    if (scale == 1.0)
        return;
    chart->setTitleFont(scaled(chart->titleFont()));
    chart->legend()->setFont(scaled(chart->legend()->font()));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(scaled(axis->labelsFont()));
        axis->setTitleFont(scaled(axis->titleFont()));
    }
}

} // namespace

void set_chart_scale(double factor) {
    scale = factor;
}
double chart_scale() {
    return scale;
}

namespace {

// A new chart for every drawing: removing series and axes from a chart in place
// left the old axes' labels drawn under the new ones.
QChart* fresh_chart(QChartView* view, const QString& title) {
    QChart* old = view->chart();
    auto* chart = new QChart();
    chart->setAnimationOptions(QChart::NoAnimation);
    view->setChart(chart); // the view does not delete the chart it had
    delete old;
    chart->setTitle(title);
    return chart;
}

} // namespace

// Ten colours that stay apart on screen and projector (Tableau 10), by series index.
QColor series_colour(int index) {
    static const QColor colours[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                     QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2),
                                     QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                     QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7),
                                     QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac)};
    return colours[index % 10];
}

// Horizontal bars: strategy names stand whole on the left, however long.
void draw_bars(QChartView* view, const QString& title, const QString& value_title,
               const QVector<bar_with_interval>& bars, bool whole_numbers) {
    QChart* chart = fresh_chart(view, title);
    chart->legend()->hide();
    auto* set = new QBarSet("mean");
    QStringList labels;
    double top = 0.0, bottom = 0.0;
    // Qt draws the first category at the bottom: in reverse, the list reads top down
    // in the scenario's order.
    for (int i = static_cast<int>(bars.size()) - 1; i >= 0; --i) {
        const bar_with_interval& b = bars[i];
        *set << b.mean;
        // The value stands in the name, so that a bar of zero, which draws
        // nothing, still reads "0" rather than "no data".
        labels << b.label + ": " +
                      (b.missing
                           ? QString("no value")
                           : QString::number(b.mean, 'g', 6) +
                                 (b.half_width > 0 ? QString(" ±%1").arg(b.half_width, 0, 'g', 3)
                                                   : QString()));
        top = std::max(top, b.mean + b.half_width);
        bottom = std::min(bottom, b.mean - b.half_width);
    }
    auto* series = new QHorizontalBarSeries();
    series->append(set);
    chart->addSeries(series);
    auto* categories = new QBarCategoryAxis();
    categories->append(labels);
    chart->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto* values = new QValueAxis();
    values->setTitleText(value_title);
    values->setRange(bottom, top > bottom ? top * 1.15 : bottom + 1.0);
    values->applyNiceNumbers(); // round ticks: 0, 0.1, 0.2 rather than 0, 0.11, 0.22
    if (whole_numbers)
        values->setLabelFormat("%d");
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    // Error bars: horizontal segments with caps, on a hidden y axis whose units are
    // the bar categories (the bar drawn at position p is centred at y = p).
    auto* positions = new QValueAxis();
    positions->setRange(-0.5, static_cast<double>(bars.size()) - 0.5);
    positions->hide();
    chart->addAxis(positions, Qt::AlignRight);
    for (int i = 0; i < bars.size(); ++i) {
        if (bars[i].half_width <= 0.0)
            continue;
        const double y = static_cast<double>(bars.size() - 1 - i);
        const double lo = bars[i].mean - bars[i].half_width, hi = bars[i].mean + bars[i].half_width;
        auto* whisker = new QLineSeries();
        whisker->setName("95% CI");
        whisker->append(
            {{lo, y - 0.12}, {lo, y + 0.12}, {lo, y}, {hi, y}, {hi, y - 0.12}, {hi, y + 0.12}});
        whisker->setPen(QPen(Qt::black, 2 * scale));
        chart->addSeries(whisker);
        whisker->attachAxis(values);
        whisker->attachAxis(positions);
    }
    scale_text(chart);
}

namespace {

struct extent {
    double x_min = 0.0, x_max = 1.0, y_min = 0.0, y_max = 1.0;
};

// From 0 (or below, for negative data) to the largest value, lines and bands alike.
extent extent_of(const line_chart& spec) {
    extent e;
    for (const line_series& l : spec.lines) {
        for (double x : l.x) {
            e.x_min = std::min(e.x_min, x);
            e.x_max = std::max(e.x_max, x);
        }
        for (const QVector<double>* ys : {&l.y, &l.low, &l.high})
            for (double y : *ys) {
                e.y_min = std::min(e.y_min, y);
                e.y_max = std::max(e.y_max, y);
            }
    }
    return e;
}

QAbstractAxis* make_x_axis(const line_chart& spec, const extent& e) {
    if (!spec.x_categories.isEmpty()) {
        auto* axis = new QCategoryAxis();
        for (int i = 0; i < spec.x_categories.size(); ++i)
            axis->append(spec.x_categories[i], i + 0.5);
        axis->setRange(-0.5, static_cast<double>(spec.x_categories.size()) - 0.5);
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
        axis->setTitleText(spec.x_title);
        return axis;
    }
    auto* axis = new QValueAxis();
    axis->setTitleText(spec.x_title);
    axis->setRange(e.x_min, e.x_max > e.x_min ? e.x_max : e.x_min + 1.0);
    // Ticks at round steps from 0 (0, 10, 20 s), the axis ending with the data.
    const double span = axis->max() - axis->min();
    const double step = std::pow(10.0, std::floor(std::log10(span / 6.0)));
    const double nice = span / step > 30 ? 5 * step : span / step > 12 ? 2 * step : step;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(nice);
    axis->setLabelFormat(nice >= 1.0 ? "%.0f" : nice >= 0.1 ? "%.1f" : "%g");
    return axis;
}

QValueAxis* make_y_axis(const line_chart& spec, const extent& e) {
    auto* axis = new QValueAxis();
    axis->setTitleText(spec.y_title);
    axis->setRange(e.y_min < 0 ? e.y_min * 1.1 : 0.0, e.y_max > 0 ? e.y_max * 1.1 : 1.0);
    axis->applyNiceNumbers(); // round ticks
    if (spec.whole_numbers)   // counts: whole ticks
        axis->setLabelFormat("%d");
    return axis;
}

// A QAreaSeries does not own its boundaries: parent them to the area.
QAreaSeries* add_area(QChart* chart, QAbstractAxis* x, QAbstractAxis* y,
                      const QVector<QPointF>& top, const QVector<QPointF>& bottom) {
    auto* area = new QAreaSeries();
    auto* upper = new QLineSeries(area);
    upper->append(QList<QPointF>(top.begin(), top.end()));
    area->setUpperSeries(upper);
    if (!bottom.isEmpty()) {
        auto* lower = new QLineSeries(area);
        lower->append(QList<QPointF>(bottom.begin(), bottom.end()));
        area->setLowerSeries(lower);
    }
    area->setPen(Qt::NoPen);
    chart->addSeries(area);
    area->attachAxis(x);
    area->attachAxis(y);
    return area;
}

void hide_from_legend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* marker : chart->legend()->markers(series))
        marker->setVisible(false);
}

void add_fault_bands(QChart* chart, QAbstractAxis* x, QValueAxis* y, const line_chart& spec) {
    QStringList shown; // one legend entry per kind of band
    for (const shaded_band& band : spec.bands) {
        QAreaSeries* area = add_area(chart, x, y, {{band.from, y->max()}, {band.until, y->max()}},
                                     {{band.from, y->min()}, {band.until, y->min()}});
        area->setName(band.label);
        area->setBrush(QColor(200, 200, 200, 110));
        if (shown.contains(band.label))
            hide_from_legend(chart, area);
        shown << band.label;
    }
}

void add_line(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, const line_series& l,
              QColor colour) {
    if (!l.low.isEmpty() && l.low.size() == l.x.size() && l.high.size() == l.x.size()) {
        QVector<QPointF> top, bottom;
        for (int i = 0; i < l.x.size(); ++i) {
            top.push_back({l.x[i], l.high[i]});
            bottom.push_back({l.x[i], l.low[i]});
        }
        QAreaSeries* band = add_area(chart, x, y, top, bottom);
        QColor fill = colour;
        fill.setAlpha(50);
        band->setBrush(fill);
        hide_from_legend(chart, band);
    }
    auto* series = new QLineSeries();
    series->setName(l.name);
    series->setPen(QPen(colour, 2 * scale));
    series->setPointsVisible(l.x.size() < 30); // a sweep's few points stand out
    for (int i = 0; i < l.x.size(); ++i)
        series->append(l.x[i], l.y[i]);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace

void draw_lines(QChartView* view, const line_chart& spec) {
    QChart* chart = fresh_chart(view, spec.title);
    chart->legend()->show();
    chart->legend()->setAlignment(Qt::AlignRight); // room for whole strategy names
    const extent e = extent_of(spec);
    QAbstractAxis* x_axis = make_x_axis(spec, e);
    QValueAxis* y_axis = make_y_axis(spec, e);
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);
    add_fault_bands(chart, x_axis, y_axis, spec);
    for (int k = 0; k < spec.lines.size(); ++k)
        add_line(chart, x_axis, y_axis, spec.lines[k], series_colour(k));
    if (!std::isnan(spec.cursor_x)) {
        auto* cursor = new QLineSeries();
        cursor->setObjectName("cursor");
        cursor->setName("now");
        cursor->append(spec.cursor_x, y_axis->min());
        cursor->append(spec.cursor_x, y_axis->max());
        cursor->setPen(QPen(Qt::red, scale, Qt::DashLine));
        chart->addSeries(cursor);
        cursor->attachAxis(x_axis);
        cursor->attachAxis(y_axis);
    }
    scale_text(chart);
}

bool move_cursor(QChartView* view, double x) {
    for (QAbstractSeries* series : view->chart()->series())
        if (series->objectName() == "cursor") {
            auto* line = static_cast<QLineSeries*>(series);
            const QList<QPointF> ends = line->points();
            line->replace({{x, ends.front().y()}, {x, ends.back().y()}});
            return true;
        }
    return false;
}

} // namespace immersim::gui
