#include "timeline_view.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtCharts/QChartView>

namespace immersim::gui {

const QStringList timeline_view::series_names = {"divergent_replicas", "conflicting_changes",
                                                 "messages_in_flight", "memory_live_bytes",
                                                 "memory_deep_copy_bytes"};

namespace {

double sample_value(const run_sample& s, int series) {
    switch (series) {
    case 0: return s.divergent_replicas;
    case 1: return static_cast<double>(s.conflicting_changes);
    case 2: return static_cast<double>(s.messages_in_flight);
    case 3: return static_cast<double>(s.memory_live_bytes);
    default: return static_cast<double>(s.memory_deep_copy_bytes);
    }
}

} // namespace

timeline_view::timeline_view(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout();
    series_ = new QComboBox(this);
    series_->addItems(series_names);
    controls->addWidget(new QLabel("series", this));
    controls->addWidget(series_, 1);
    layout->addLayout(controls);
    chart_ = make_chart_view(this);
    chart_->chart()->setTitle(
        "Press Run: the series chosen above over simulated time, one line per "
        "strategy, faults shaded.");
    layout->addWidget(chart_, 1);
    connect(series_, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
}

void timeline_view::show_study(std::shared_ptr<const study_snapshot> study) {
    study_ = std::move(study);
    redraw();
}

void timeline_view::select_series(int index) { series_->setCurrentIndex(index); }
QString timeline_view::series_name() const {
    return series_->currentText();
}

void timeline_view::set_cursor(time_ns t) {
    cursor_s_ = static_cast<double>(t) / ns_per_s;
    if (!move_cursor(chart_, cursor_s_))
        redraw();
}

void timeline_view::redraw() {
    lines_.clear();
    bands_.clear();
    if (!study_)
        return;
    const int series = series_->currentIndex();
    // The first seed's run of each strategy at the first point: the same seed for all.
    const std::uint64_t seed = study_->results.runs.front().seed;
    for (const run_result& run : study_->results.runs) {
        if (run.point != 0 || run.seed != seed)
            continue;
        line_series line{QString::fromStdString(run.strategy_label), {}, {}, {}, {}};
        for (const run_sample& s : run.samples) {
            line.x.push_back(static_cast<double>(s.at_ns) / ns_per_s);
            line.y.push_back(sample_value(s, series));
        }
        lines_.push_back(line);
    }
    for (const time_band& f : study_->focus->faults)
        bands_.push_back({static_cast<double>(f.from_ns) / ns_per_s,
                          static_cast<double>(f.until_ns) / ns_per_s, "partition / fault"});
    line_chart spec;
    spec.title = series_->currentText() + QString(" over simulated time (seed %1)").arg(seed);
    spec.x_title = "simulated time (s)";
    spec.y_title =
        series_->currentText() + (series_->currentText().endsWith("bytes") ? "" : " (count)");
    spec.lines = lines_;
    spec.bands = bands_;
    spec.cursor_x = cursor_s_;
    spec.whole_numbers = true;
    draw_lines(chart_, spec);
}

} // namespace immersim::gui
