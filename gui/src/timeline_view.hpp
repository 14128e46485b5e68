// Timeline view: a time series of the first seed's run for every strategy (one
// line each), faults as shaded bands, and the playback cursor.
#pragma once

#include "chart_kit.hpp"
#include "study_runner.hpp"

#include <QWidget>

#include <cmath>

class QComboBox;
class QChartView;

namespace immersim::gui {

class timeline_view : public QWidget {
    Q_OBJECT
public:
    static const QStringList series_names; // the time-series columns, as in timeseries.csv

    explicit timeline_view(QWidget* parent = nullptr);
    void show_study(std::shared_ptr<const study_snapshot> study);
    void set_cursor(time_ns t);
    void select_series(int index);
    QString series_name() const; // the series shown
    const QVector<line_series>& lines() const { return lines_; }
    const QVector<shaded_band>& bands() const { return bands_; }
    QChartView* chart() const { return chart_; }

    void redraw(); // draws again (after a change of presentation mode)

private:
    QComboBox* series_ = nullptr;
    QChartView* chart_ = nullptr;
    std::shared_ptr<const study_snapshot> study_;
    QVector<line_series> lines_;
    QVector<shaded_band> bands_;
    double cursor_s_ = std::nan("");
};

} // namespace immersim::gui
