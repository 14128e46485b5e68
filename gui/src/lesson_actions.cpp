// What a lesson step, or a teacher, asks the views to show: a metric, a series, a
// view named in the text, a focus strategy, a lost update. Part of main_window.
#include "causality.hpp"
#include "compare_view.hpp"
#include "immersim/metrics/metric_catalogue.hpp"
#include "inspector_view.hpp"
#include "main_window.hpp"
#include "side_by_side_view.hpp"
#include "spacetime_view.hpp"
#include "timeline_view.hpp"

#include <QComboBox>
#include <QStatusBar>
#include <QTabWidget>
#include <algorithm>
#include <limits>

namespace immersim::gui {

// A strategy by its label (`merge`), or by its label's first word when only one
// label starts with it (`occ` for "occ version/retry 20").
std::optional<std::size_t> main_window::strategy_named(const QString& name) const {
    if (const int exact = focus_->findText(name); exact >= 0)
        return static_cast<std::size_t>(exact);
    std::optional<std::size_t> found;
    for (int i = 0; i < focus_->count(); ++i)
        if (focus_->itemText(i).section(' ', 0, 0) == name) {
            if (found)
                return std::nullopt; // ambiguous
            found = static_cast<std::size_t>(i);
        }
    return found;
}

void main_window::set_focus_strategy(std::size_t strategy) {
    focus_->setCurrentIndex(static_cast<int>(strategy));
    if (!snapshot_ || snapshot_->focus_strategy == strategy || runner_.busy())
        return;
    play(false);
    statusBar()->showMessage("Recording the run of " +
                             focus_->itemText(static_cast<int>(strategy)) + "...");
    runner_.refocus(snapshot_, strategy, snapshot_->partner_strategy);
}

void main_window::set_partner_strategy(std::optional<std::size_t> strategy) {
    side_->set_partner(strategy);
    if (!snapshot_ || snapshot_->partner_strategy == strategy || runner_.busy())
        return;
    play(false);
    statusBar()->showMessage("Recording a second run beside the focus run...");
    runner_.refocus(snapshot_, snapshot_->focus_strategy, strategy);
}

// A lesson step drives the views. Its `names`: a time series opens the Timeline
// on it, a metric opens Compare on it, a strategy becomes the focus (its run is
// recorded). A view named in the text ("On the Space-time view") opens instead.
// "causality violation" or "lost update" in the text selects the first one in the
// focus run and shows it whole.
void main_window::show_what_the_step_names(const QStringList& names, const QString& text) {
    QWidget* view = nullptr;
    std::optional<std::size_t> strategy, partner;
    for (const QString& name : names) {
        if (const int series = timeline_view::series_names.indexOf(name); series >= 0) {
            timeline_->select_series(series);
            view = view ? view : timeline_;
        } else if (const auto m = metrics::metric_named(name.toStdString())) {
            compare_->select_metric(*m);
            view = view ? view : compare_;
        } else if (const auto named = strategy_named(name); named && !strategy) {
            strategy = named;
        } else if (named && !partner && named != strategy) {
            partner = named;
        }
    }
    if (partner) // a pair: the two side by side
        view = side_;
    qsizetype first = text.size();
    for (auto [word, widget] :
         std::initializer_list<std::pair<const char*, QWidget*>>{{"Compare", compare_},
                                                                 {"Timeline", timeline_},
                                                                 {"Space-time", spacetime_},
                                                                 {"Inspector", inspector_}})
        if (const qsizetype at = text.indexOf(word); at >= 0 && at < first) {
            first = at;
            view = widget;
        }
    if (view)
        views_->setCurrentWidget(view);
    if (snapshot_ && partner &&
        (*strategy != snapshot_->focus_strategy || partner != snapshot_->partner_strategy)) {
        side_->set_partner(partner);
        focus_->setCurrentIndex(static_cast<int>(*strategy));
        if (!runner_.busy())
            runner_.refocus(snapshot_, *strategy, partner); // the step is shown again once recorded
        return;
    }
    if (strategy && snapshot_ && *strategy != snapshot_->focus_strategy)
        return set_focus_strategy(*strategy); // the step is shown again once recorded
    if (!snapshot_)
        return;
    if (partner) { // to where the two first part ways
        if (const auto t = side_->first_difference()) {
            set_time(*t);
            side_->frame(std::max<time_ns>(0, *t - ns_per_s / 2), *t + 3 * ns_per_s / 2);
        }
        return;
    }
    const bool violation = text.contains("causality violation", Qt::CaseInsensitive);
    if (!violation && !text.contains("lost update", Qt::CaseInsensitive))
        return;
    for (std::size_t d : snapshot_->focus->decisions) {
        const auto& why = snapshot_->focus->records[d].why;
        if (std::any_of(why.begin(), why.end(), [&](const decision_reason& r) {
                return violation ? r.causality_violation : r.lost;
            })) {
            move_cursor(d);
            show_lost_update();
            return;
        }
    }
}

bool main_window::show_lost_update() {
    play(false);
    if (!snapshot_)
        return false;
    const recorded_run& run = *snapshot_->focus;
    std::optional<lost_update> story = lost_update_at(run, cursor_);
    if (!story) {
        statusBar()->showMessage("No write was lost here: select a lost write (a diamond), or a "
                                 "change that was later lost (Page Down finds the next one).");
        return false;
    }
    // Frame the story: from the earlier write to the overwrite, with a margin.
    time_ns from = run.records[story->decision].at_ns;
    for (std::size_t op : {story->winner_operation, story->loser_operation})
        if (op != recorded_message::none)
            from = std::min(from, run.records[op].at_ns);
    const time_ns until = run.records[story->decision].at_ns;
    // And back to the newest thing both writes had seen: the value both read, which
    // is the point of the story. Not more than twice the writes' span (or a second)
    // back, so that writes with little shared past are not squeezed to the right.
    time_ns newest_shared = std::numeric_limits<time_ns>::min();
    for (std::size_t r : story->common_past_until)
        if (r != recorded_message::none)
            newest_shared = std::max(newest_shared, run.records[r].at_ns);
    const time_ns reach = std::max<time_ns>(2 * (until - from), ns_per_s);
    from = std::min(from, std::max(newest_shared, from - reach));
    const time_ns margin = std::max<time_ns>((until - from) / 4, 20'000'000);
    const QString sentence = story->sentence;
    move_cursor(story->decision);
    spacetime_->show_lost_update(std::move(*story));
    spacetime_->zoom_to(std::max<time_ns>(0, from - margin), until + margin);
    inspector_->prepend_summary("<b>Lost update.</b> " + sentence.toHtmlEscaped());
    views_->setCurrentWidget(spacetime_);
    statusBar()->showMessage(sentence);
    return true;
}

} // namespace immersim::gui
