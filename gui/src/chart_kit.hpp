// The one place that touches Qt Charts (superseded by Qt Graphs in Qt 6.10+): the
// views describe what to draw in these plain structures, and only this file knows
// how Qt Charts draws it.
#pragma once

#include <QColor>
#include <QString>
#include <QVector>

class QChartView;
class QWidget;

namespace immersim::gui {

struct bar_with_interval {
    QString label;
    double mean = 0.0;
    double half_width = 0.0; // of the 95% interval; 0 draws no error bar
};

struct line_series {
    QString name;
    QVector<double> x;
    QVector<double> y;
};

struct shaded_band {
    double from = 0.0;
    double until = 0.0;
};

QChartView* make_chart_view(QWidget* parent);

// Bars with 95% confidence-interval error bars, one per strategy, each with its
// value written on it; `value_title` names the value axis with its unit; whole
// numbers (counts) get whole ticks.
void draw_bars(QChartView* view, const QString& title, const QString& value_title,
               const QVector<bar_with_interval>& bars, bool whole_numbers);

// Lines over x, shaded bands (partitions) behind them, and an optional vertical
// cursor at `cursor_x` (NaN: none).
// Each line has its own colour (series_colour).
void draw_lines(QChartView* view, const QString& title, const QString& x_title,
                const QString& y_title, const QVector<line_series>& lines,
                const QVector<shaded_band>& bands, double cursor_x, bool whole_numbers);

// The colour of series `index`: ten that stay apart, then again.
QColor series_colour(int index);

} // namespace immersim::gui
