#include "compare_view.hpp"

#include <QComboBox>

#include <algorithm>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtCharts/QChartView>

namespace immersim::gui {

compare_view::compare_view(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout();
    metric_ = new QComboBox(this);
    for (std::size_t k = 0; k < metrics::metric_count; ++k)
        metric_->addItem(QString::fromStdString(std::string(metrics::name_of(static_cast<metrics::metric>(k)))));
    metric_->setCurrentText("lost_increments");
    point_ = new QComboBox(this);
    controls->addWidget(new QLabel("metric", this));
    controls->addWidget(metric_, 1);
    controls->addWidget(new QLabel("sweep point", this));
    controls->addWidget(point_, 1);
    layout->addLayout(controls);
    chart_ = make_chart_view(this);
    chart_->chart()->setTitle(
        "Press Run: each strategy's mean over the seeds, with its 95% interval, "
        "for the metric chosen above.");
    layout->addWidget(chart_, 1);
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(point_, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
}

void compare_view::show_study(std::shared_ptr<const study_snapshot> study) {
    study_ = std::move(study);
    point_->blockSignals(true);
    point_->clear();
    for (const study_point& p : study_->results.points) {
        QString label;
        for (const parameter& kv : p.parameters)
            label += QString::fromStdString(kv.key + "=" + kv.value + " ");
        point_->addItem(label.isEmpty() ? "(no sweep)" : label.trimmed());
    }
    point_->blockSignals(false);
    redraw();
    // Open on something to see: the first headline metric where strategies differ.
    const auto all_equal = [this] {
        return std::all_of(bars_.begin(), bars_.end(), [this](const bar_with_interval& b) { return b.mean == bars_.front().mean; });
    };
    for (metrics::metric m : {metrics::metric::lost_increments, metrics::metric::overwritten_writes,
                              metrics::metric::causality_violations, metrics::metric::lost_set_adds,
                              metrics::metric::aborted, metrics::metric::convergence_time_ms}) {
        if (!all_equal())
            break;
        select_metric(m);
    }
}

void compare_view::select_metric(metrics::metric m) {
    metric_->setCurrentIndex(static_cast<int>(m));
}

void compare_view::redraw() {
    bars_.clear();
    if (!study_)
        return;
    const auto m = static_cast<std::size_t>(std::max(0, metric_->currentIndex()));
    const auto point = static_cast<std::size_t>(std::max(0, point_->currentIndex()));
    const auto summaries = report::summarize_point(study_->results, point);
    const scenario& s = study_->results.base();
    std::size_t fewest_seeds = SIZE_MAX;
    for (std::size_t k = 0; k < summaries.size(); ++k) {
        const auto& over = summaries[k][m].over_seeds;
        const bool spread = over && over->n >= 2;
        bars_.push_back({QString::fromStdString(s.compare[k].label()), over ? over->mean : 0.0,
                         spread ? over->ci95_half : 0.0, !over});
        if (over) // a strategy without a value (no commits, no latency) says so on its bar
            fewest_seeds = std::min<std::size_t>(fewest_seeds, over->n);
    }
    const auto metric = static_cast<metrics::metric>(m);
    const QString unit = QString::fromStdString(std::string(metrics::unit_of(metric)));
    // One seed has no spread: the title must not promise an interval.
    const QString over_seeds = fewest_seeds == SIZE_MAX ? QString("no strategy has a value")
                               : fewest_seeds >= 2
                                   ? QString("mean over %1 seeds, 95% CI").arg(fewest_seeds)
                                   : QString("one seed: no interval");
    draw_bars(chart_, metric_->currentText() + "  (" + over_seeds + ")",
              metric_->currentText() + " (" + unit + ")", bars_,
              unit == "count" || unit == "boolean" || unit == "bytes");
}

} // namespace immersim::gui
