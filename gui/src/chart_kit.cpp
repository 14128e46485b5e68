#include "chart_kit.hpp"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QHorizontalBarSeries>
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
        labels << b.label + ": " + QString::number(b.mean, 'g', 6) +
                      (b.half_width > 0 ? QString(" ±%1").arg(b.half_width, 0, 'g', 3) : QString());
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
    if (whole_numbers) {
        values->setLabelFormat("%d");
        values->applyNiceNumbers();
    }
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
        whisker->setPen(QPen(Qt::black, 2));
        chart->addSeries(whisker);
        whisker->attachAxis(values);
        whisker->attachAxis(positions);
    }
}

void draw_lines(QChartView* view, const QString& title, const QString& x_title,
                const QString& y_title, const QVector<line_series>& lines,
                const QVector<shaded_band>& bands, double cursor_x, bool whole_numbers) {
    QChart* chart = fresh_chart(view, title);
    chart->legend()->show();
    chart->legend()->setAlignment(Qt::AlignRight); // room for whole strategy names
    double x_max = 1.0, y_max = 1.0;
    for (const line_series& l : lines) {
        for (double x : l.x)
            x_max = std::max(x_max, x);
        for (double y : l.y)
            y_max = std::max(y_max, y);
    }
    auto* x_axis = new QValueAxis();
    x_axis->setTitleText(x_title);
    x_axis->setRange(0.0, x_max);
    // Ticks at round steps from 0 (0, 10, 20 s), the axis ending with the data.
    const double step = std::pow(10.0, std::floor(std::log10(x_max / 6.0)));
    const double nice = x_max / step > 30 ? 5 * step : x_max / step > 12 ? 2 * step : step;
    x_axis->setTickType(QValueAxis::TicksDynamic);
    x_axis->setTickAnchor(0.0);
    x_axis->setTickInterval(nice);
    x_axis->setLabelFormat(nice >= 1.0 ? "%.0f" : "%.1f");
    auto* y_axis = new QValueAxis();
    y_axis->setTitleText(y_title);
    y_axis->setRange(0.0, y_max * 1.1);
    if (whole_numbers) { // counts: whole ticks
        y_axis->setLabelFormat("%d");
        y_axis->applyNiceNumbers();
    }
    const double y_top = y_axis->max(); // bands and the cursor reach the top
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);
    for (const shaded_band& band : bands) {
        // A QAreaSeries does not own its boundary: parent it to the area.
        auto* area = new QAreaSeries();
        auto* upper = new QLineSeries(area);
        upper->append(band.from, y_top);
        upper->append(band.until, y_top);
        area->setUpperSeries(upper);
        area->setName("partition / fault");
        area->setBrush(QColor(200, 200, 200, 110));
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
        area->attachAxis(x_axis);
        area->attachAxis(y_axis);
    }
    for (int k = 0; k < lines.size(); ++k) {
        const line_series& l = lines[k];
        auto* series = new QLineSeries();
        series->setName(l.name);
        series->setPen(QPen(series_colour(k), 2));
        for (int i = 0; i < l.x.size(); ++i)
            series->append(l.x[i], l.y[i]);
        chart->addSeries(series);
        series->attachAxis(x_axis);
        series->attachAxis(y_axis);
    }
    if (!std::isnan(cursor_x)) {
        auto* cursor = new QLineSeries();
        cursor->setName("now");
        cursor->append(cursor_x, 0.0);
        cursor->append(cursor_x, y_top);
        cursor->setPen(QPen(Qt::red, 1, Qt::DashLine));
        chart->addSeries(cursor);
        cursor->attachAxis(x_axis);
        cursor->attachAxis(y_axis);
    }
}

} // namespace immersim::gui
