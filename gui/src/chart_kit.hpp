// The one place that touches Qt Charts (superseded by Qt Graphs in Qt 6.10+): the
// views describe what to draw in these plain structures, and only this file knows
// how Qt Charts draws it.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <limits>

class QChartView;
class QWidget;

namespace immersim::gui {

struct bar_with_interval {
    QString label;
    double mean = 0.0;
    double half_width = 0.0; // of the 95% interval; 0 draws no error bar
    bool missing = false;    // the metric has no value for it (OCC's latency under crdt)
};

struct line_series {
    QString name;
    QVector<double> x;
    QVector<double> y;
    // The 95% interval at each x, drawn as a translucent band in the line's colour;
    // empty: no band.
    QVector<double> low;
    QVector<double> high;
};

struct shaded_band {
    double from = 0.0;
    double until = 0.0;
    QString label = "partition / fault";
};

struct line_chart {
    QString title;
    QString x_title;
    QString y_title;
    QVector<line_series> lines;
    QVector<shaded_band> bands;                                 // behind the lines, full height
    double cursor_x = std::numeric_limits<double>::quiet_NaN(); // NaN: no cursor
    bool whole_numbers = false; // counts: whole ticks on the value axis
    // Non-empty: x runs over 0..n-1 and is labelled with these (a swept value that is
    // text, not a number).
    QStringList x_categories;
};

QChartView* make_chart_view(QWidget* parent);

// Presentation mode: charts drawn from now on get larger titles, axis text and
// lines (factor 1: the normal size).
void set_chart_scale(double factor);
double chart_scale();

// Bars with 95% confidence-interval error bars, one per strategy, each with its
// value written on it; `value_title` names the value axis with its unit; whole
// numbers (counts) get whole ticks.
void draw_bars(QChartView* view, const QString& title, const QString& value_title,
               const QVector<bar_with_interval>& bars, bool whole_numbers);

// Lines over x, each in its own colour (series_colour) with its interval band if it
// has one, shaded bands (faults) behind them, and an optional vertical cursor.
void draw_lines(QChartView* view, const line_chart& spec);

// Moves the cursor line of a chart draw_lines drew to `x`, leaving everything else
// as it is (rebuilding the chart on every cursor move cost 130-290 ms). False when
// the chart has no cursor line: then draw it anew.
bool move_cursor(QChartView* view, double x);

// The colour of series `index`: ten that stay apart, then again.
QColor series_colour(int index);

} // namespace immersim::gui
