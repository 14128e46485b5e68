#include "chart_kit.hpp"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
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

QChart* fresh_chart(QChartView* view, const QString& title) {
    QChart* chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
    {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setTitle(title);
    return chart;
}

} // namespace

void draw_bars(QChartView* view, const QString& title, const QVector<bar_with_interval>& bars) {
    QChart* chart = fresh_chart(view, title);
    chart->legend()->hide();
    auto* set = new QBarSet("mean");
    QStringList labels;
    double top = 0.0, bottom = 0.0;
    for (const bar_with_interval& b : bars) {
        *set << b.mean;
        labels << b.label;
        top = std::max(top, b.mean + b.half_width);
        bottom = std::min(bottom, b.mean - b.half_width);
    }
    auto* series = new QBarSeries();
    series->append(set);
    chart->addSeries(series);
    auto* categories = new QBarCategoryAxis();
    categories->append(labels);
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    auto* values = new QValueAxis();
    values->setRange(bottom, top > bottom ? top * 1.1 : bottom + 1.0);
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    // Error bars: vertical segments with caps, on a hidden x axis whose units are
    // the bar categories (bar i is centred at x = i).
    auto* positions = new QValueAxis();
    positions->setRange(-0.5, static_cast<double>(bars.size()) - 0.5);
    positions->hide();
    chart->addAxis(positions, Qt::AlignTop);
    for (int i = 0; i < bars.size(); ++i) {
        if (bars[i].half_width <= 0.0)
            continue;
        const double lo = bars[i].mean - bars[i].half_width, hi = bars[i].mean + bars[i].half_width;
        auto* whisker = new QLineSeries();
        whisker->setName("95% CI");
        whisker->append({{i - 0.12, lo}, {i + 0.12, lo}, {i + 0.0, lo}, {i + 0.0, hi}, {i - 0.12, hi}, {i + 0.12, hi}});
        whisker->setPen(QPen(Qt::black, 2));
        chart->addSeries(whisker);
        whisker->attachAxis(positions);
        whisker->attachAxis(values);
    }
}

void draw_lines(QChartView* view, const QString& title, const QString& x_title,
                const QVector<line_series>& lines, const QVector<shaded_band>& bands,
                double cursor_x) {
    QChart* chart = fresh_chart(view, title);
    chart->legend()->show();
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
    auto* y_axis = new QValueAxis();
    y_axis->setRange(0.0, y_max * 1.1);
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);
    for (const shaded_band& band : bands) {
        // A QAreaSeries does not own its boundary: parent it to the area.
        auto* area = new QAreaSeries();
        auto* upper = new QLineSeries(area);
        upper->append(band.from, y_max * 1.1);
        upper->append(band.until, y_max * 1.1);
        area->setUpperSeries(upper);
        area->setName("partition / fault");
        area->setBrush(QColor(200, 200, 200, 110));
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
        area->attachAxis(x_axis);
        area->attachAxis(y_axis);
    }
    for (const line_series& l : lines) {
        auto* series = new QLineSeries();
        series->setName(l.name);
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
        cursor->append(cursor_x, y_max * 1.1);
        cursor->setPen(QPen(Qt::red, 1, Qt::DashLine));
        chart->addSeries(cursor);
        cursor->attachAxis(x_axis);
        cursor->attachAxis(y_axis);
    }
}

} // namespace immersim::gui
