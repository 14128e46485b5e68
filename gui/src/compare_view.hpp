// Compare view: for the chosen metric, one bar per strategy (mean over seeds) with
// its 95% confidence interval, from the same summaries the CLI prints.
#pragma once

#include "chart_kit.hpp"
#include "study_runner.hpp"

#include <QWidget>

class QComboBox;
class QChartView;

namespace immersim::gui {

class compare_view : public QWidget {
    Q_OBJECT
public:
    explicit compare_view(QWidget* parent = nullptr);
    void show_study(std::shared_ptr<const study_snapshot> study);
    void select_metric(metrics::metric m);
    const QVector<bar_with_interval>& bars() const { return bars_; }
    QChartView* chart() const { return chart_; }

    void redraw(); // draws again (after a change of presentation mode)

private:
    QComboBox* metric_ = nullptr;
    QComboBox* point_ = nullptr;
    QChartView* chart_ = nullptr;
    std::shared_ptr<const study_snapshot> study_;
    QVector<bar_with_interval> bars_;
};

} // namespace immersim::gui
