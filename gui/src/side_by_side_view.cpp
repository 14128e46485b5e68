#include "side_by_side_view.hpp"

#include "run_diff.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace immersim::gui {

side_by_side_view::side_by_side_view(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout();
    partner_ = new QComboBox(this);
    partner_->setToolTip("The strategy whose run of the same seed is shown below the focus run");
    bar->addWidget(new QLabel("beside the focus run:", this));
    bar->addWidget(partner_);
    bar->addStretch(1);
    layout->addLayout(bar);
    top_title_ = new QLabel(this);
    bottom_title_ = new QLabel(this);
    top_ = new spacetime_view(this);
    bottom_ = new spacetime_view(this);
    layout->addWidget(top_title_);
    layout->addWidget(top_, 1);
    layout->addWidget(bottom_title_);
    layout->addWidget(bottom_, 1);
    // One zoom for both: the same moment lines up.
    connect(top_, &spacetime_view::view_changed, bottom_, &spacetime_view::zoom_to);
    connect(bottom_, &spacetime_view::view_changed, top_, &spacetime_view::zoom_to);
    connect(partner_, &QComboBox::activated, this, [this](int) { emit partner_chosen(partner()); });
    set_strategies({});
}

void side_by_side_view::set_strategies(const QStringList& labels) {
    const QString chosen = partner_->currentText();
    partner_->clear();
    partner_->addItem("(choose a strategy)");
    partner_->addItems(labels);
    if (const int at = partner_->findText(chosen); at >= 0)
        partner_->setCurrentIndex(at);
}

std::optional<std::size_t> side_by_side_view::partner() const {
    if (partner_->currentIndex() <= 0)
        return std::nullopt;
    return static_cast<std::size_t>(partner_->currentIndex() - 1);
}

void side_by_side_view::set_partner(std::optional<std::size_t> strategy) {
    partner_->setCurrentIndex(strategy ? static_cast<int>(*strategy) + 1 : 0);
}

void side_by_side_view::show_study(std::shared_ptr<const study_snapshot> study) {
    const auto label = [&](std::size_t k) {
        return QString::fromStdString(study->results.base().compare[k].label());
    };
    top_->show_run(study->focus);
    top_title_->setText(QString("<b>%1</b> (the focus run), seed %2")
                            .arg(label(study->focus_strategy))
                            .arg(study->focus_seed));
    differing_top_.clear();
    differing_bottom_.clear();
    first_difference_.reset();
    if (!study->partner) {
        bottom_title_->setText("Choose a strategy above to see its run of the same seed here.");
        bottom_->setVisible(false);
        return;
    }
    set_partner(study->partner_strategy);
    bottom_->setVisible(true);
    bottom_->show_run(study->partner);
    bottom_->zoom_to(top_->view_from(), top_->view_until());
    differing_top_ = decisions_not_in(*study->focus, *study->partner);
    differing_bottom_ = decisions_not_in(*study->partner, *study->focus);
    for (const auto& [run, differing] : {std::pair{study->focus.get(), &differing_top_},
                                         std::pair{study->partner.get(), &differing_bottom_}})
        if (!differing->empty()) {
            const time_ns at = run->records[differing->front()].at_ns;
            first_difference_ = first_difference_ ? std::min(*first_difference_, at) : at;
        }
    top_->set_marked(differing_top_);
    bottom_->set_marked(differing_bottom_);
    bottom_title_->setText(QString("<b>%1</b>, the same seed: %2 of its decisions differ from the "
                                   "focus run's (ringed in yellow)")
                               .arg(label(*study->partner_strategy))
                               .arg(differing_bottom_.size()));
}

void side_by_side_view::set_cursor(time_ns t) {
    top_->set_cursor(t);
    bottom_->set_cursor(t);
}

void side_by_side_view::frame(time_ns from, time_ns until) {
    top_->zoom_to(from, until);
    bottom_->zoom_to(from, until);
}

std::optional<time_ns> side_by_side_view::first_difference() const {
    return first_difference_;
}

void side_by_side_view::set_presentation(bool on) {
    top_->set_presentation(on);
    bottom_->set_presentation(on);
}

} // namespace immersim::gui
