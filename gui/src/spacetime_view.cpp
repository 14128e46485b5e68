#include "spacetime_view.hpp"

#include <QContextMenuEvent>
#include <QFontMetrics>
#include <QInputDialog>
#include <QMenu>
#include <QMouseEvent>
#include <QShortcut>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace immersim::gui {

spacetime_view::spacetime_view(QWidget* parent) : QWidget(parent) {
    setMinimumSize(400, 200);
    setMouseTracking(true); // hover details on arrows
    auto* search = new QShortcut(QKeySequence::Find, this);
    search->setContext(Qt::WidgetShortcut);
    connect(search, &QShortcut::activated, this, [this] {
        bool ok = false;
        const QString text = QInputDialog::getText(
            this, "Find", "A node (client-42) or a change (change 17):", QLineEdit::Normal, {},
            &ok);
        if (ok && !text.isEmpty() && !find(text))
            QToolTip::showText(mapToGlobal(rect().center()),
                               "Nothing called \"" + text + "\" in this run", this);
    });
}

void spacetime_view::show_run(std::shared_ptr<const recorded_run> run) {
    run_ = std::move(run);
    view_from_ = run_->window_from_ns;
    // To the last event (a run that drains early ends before duration + drain).
    const time_ns last = run_->records.empty() ? run_->end_ns : run_->records.back().at_ns;
    view_until_ = std::max<time_ns>(last + last / 50, 1);
    cursor_ = last;
    selected_ = SIZE_MAX;
    skewed_clocks_ = run_->node_names.size() <= 64 &&
                     std::any_of(run_->node_clocks.begin(), run_->node_clocks.end(),
                                 [](const net::physical_clock& c) {
                                     return c.offset_ns() != 0 || c.drift_ppb() != 0;
                                 });
    cone_.reset();
    story_.reset();
    marked_.clear();
    pinned_.clear();
    expanded_.clear();
    found_.reset();
    grouping_ = run_->every_document()         ? lane_grouping::document
                : run_->node_names.size() > 64 ? lane_grouping::role
                                               : lane_grouping::none;
    relayout();
}

void spacetime_view::relayout() {
    skewed_clocks_ = false;
    names_width_ = 0;
    if (run_) {
        layout_.build(*run_, grouping_, pinned_, expanded_);
        QFont bold = font();
        bold.setBold(true);
        const QFontMetrics metrics(bold);
        for (std::size_t lane = 0; lane < layout_.size() && lane < 4096; ++lane)
            names_width_ =
                std::max(names_width_, metrics.horizontalAdvance(layout_.at(lane).name) + 8);
        names_width_ = std::min(names_width_, 240); // the diagram keeps most of the width
        // The lane names widen for the skewed clocks of lanes that show one.
        for (std::size_t lane = 0; lane < layout_.size() && layout_.size() <= 64; ++lane) {
            const lane_layout::lane& l = layout_.at(lane);
            if (!l.group && l.nodes.front() < run_->node_clocks.size()) {
                const net::physical_clock& c = run_->node_clocks[l.nodes.front()];
                skewed_clocks_ = skewed_clocks_ || c.offset_ns() != 0 || c.drift_ppb() != 0;
            }
        }
    }
    update();
}

void spacetime_view::set_grouping(lane_grouping grouping) {
    grouping_ = grouping;
    expanded_.clear();
    relayout();
}

void spacetime_view::set_expanded(const QString& group, bool expanded) {
    expanded ? (void)expanded_.insert(group) : (void)expanded_.erase(group);
    relayout();
}

bool spacetime_view::find(const QString& text) {
    if (!run_)
        return false;
    const QString wanted = text.trimmed();
    for (std::uint32_t n = 0; n < run_->node_names.size(); ++n)
        if (QString::fromStdString(run_->node_names[n]).compare(wanted, Qt::CaseInsensitive) == 0) {
            if (layout_.at(layout_.lane_of(n)).nodes.size() > 1)
                pinned_.insert(n); // out of its group, onto a lane of its own
            found_ = n;
            relayout();
            return true;
        }
    const std::optional<std::uint64_t> change = parse_change(wanted);
    if (!change)
        return false;
    const std::size_t edit = run_->operation_named(*change);
    if (edit == recorded_message::none)
        return false;
    select_event(edit);
    return true;
}

void spacetime_view::select_event(std::size_t record) {
    selected_ = record;
    show_causality(record);
    emit record_selected(record);
}

void spacetime_view::show_causality(std::size_t record) {
    story_.reset();
    cone_ = run_ ? std::optional(cone_of(*run_, record)) : std::nullopt;
    if (cone_ && cone_->anchor == recorded_message::none)
        cone_.reset();
    update();
}

void spacetime_view::show_lost_update(lost_update story) {
    cone_.reset();
    story_ = std::move(story);
    update();
}

void spacetime_view::set_marked(std::vector<std::size_t> records) {
    marked_ = std::move(records);
    update();
}

void spacetime_view::clear_highlight() {
    cone_.reset();
    story_.reset();
    update();
}

void spacetime_view::set_cursor(time_ns t) {
    cursor_ = t;
    update();
}

void spacetime_view::set_presentation(bool on) {
    scale_ = on ? presentation_scale : 1.0;
    update();
}

void spacetime_view::set_selected(std::size_t record) {
    selected_ = record;
    update();
}

void spacetime_view::zoom_to(time_ns from, time_ns until) {
    view_from_ = from;
    view_until_ = std::max(until, from + 1000);
    update();
}

std::size_t spacetime_view::arrow_count() const {
    if (!run_)
        return 0;
    return static_cast<std::size_t>(std::count_if(run_->messages.begin(), run_->messages.end(),
        [this](const recorded_message& m) { return m.delivered_ns >= 0 && m.delivered_ns <= cursor_; }));
}

std::size_t spacetime_view::undelivered_count() const {
    if (!run_)
        return 0;
    return static_cast<std::size_t>(std::count_if(run_->messages.begin(), run_->messages.end(),
        [this](const recorded_message& m) { return m.delivered_ns < 0 && m.sent_ns <= cursor_; }));
}

std::size_t spacetime_view::lost_write_mark_count() const {
    if (!run_)
        return 0;
    return static_cast<std::size_t>(
        std::count_if(run_->decisions.begin(), run_->decisions.end(), [this](std::size_t i) {
            return run_->records[i].at_ns <= cursor_ && loses_a_write(run_->records[i]);
        }));
}

std::size_t spacetime_view::conflict_mark_count() const {
    if (!run_)
        return 0;
    return static_cast<std::size_t>(std::count_if(run_->conflicts.begin(), run_->conflicts.end(),
        [this](std::size_t i) { return run_->records[i].at_ns <= cursor_; }));
}

double spacetime_view::x_of(time_ns t) const {
    const double span = static_cast<double>(view_until_ - view_from_);
    return label_width() + (static_cast<double>(t - view_from_) / span) * (width() - label_width() - 10);
}

time_ns spacetime_view::t_of(double x) const {
    const double span = static_cast<double>(view_until_ - view_from_);
    return view_from_ + static_cast<time_ns>((x - label_width()) / (width() - label_width() - 10) * span);
}

double spacetime_view::lane_centre(std::size_t lane) const {
    const std::size_t lanes = std::max<std::size_t>(layout_.size(), 1);
    const double spacing = (lanes_bottom() - lanes_top()) / static_cast<double>(lanes);
    return lanes_top() + spacing * (static_cast<double>(lane) + 0.5);
}

double spacetime_view::lane_y(std::uint32_t node) const {
    return lane_centre(layout_.lane_of(node));
}

void spacetime_view::wheelEvent(QWheelEvent* event) {
    const double factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    const time_ns pivot = t_of(event->position().x());
    view_from_ = pivot - static_cast<time_ns>(static_cast<double>(pivot - view_from_) * factor);
    view_until_ = pivot + static_cast<time_ns>(static_cast<double>(view_until_ - pivot) * factor);
    view_until_ = std::max(view_until_, view_from_ + 1000);
    update();
    emit view_changed(view_from_, view_until_);
}

void spacetime_view::mousePressEvent(QMouseEvent* event) {
    dragging_ = true;
    moved_ = false;
    drag_x_ = event->position().x();
}

void spacetime_view::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) {
        const QString details = details_at(event->position());
        if (details.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), details, this);
        return;
    }
    const double dx = event->position().x() - drag_x_;
    if (std::fabs(dx) > 2)
        moved_ = true;
    const time_ns shift = t_of(drag_x_) - t_of(event->position().x());
    view_from_ += shift;
    view_until_ += shift;
    drag_x_ = event->position().x();
    update();
    emit view_changed(view_from_, view_until_);
}

// The nearest change, decision or conflict within 8 pixels of `at`.
std::size_t spacetime_view::nearest_event(QPointF at) const {
    std::size_t best = SIZE_MAX;
    double best_d = 8.0 * scale_;
    for (std::size_t i = 0; i < run_->records.size(); ++i) {
        const trace_record& r = run_->records[i];
        if (r.kind != trace_kind::operation && r.kind != trace_kind::decision && r.kind != trace_kind::conflict)
            continue;
        const double d = std::hypot(x_of(r.at_ns) - at.x(), lane_y(r.node) - at.y());
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

// A click selects the nearest event and lights up its causal cone; a click on
// nothing clears the highlight.
void spacetime_view::mouseReleaseEvent(QMouseEvent* event) {
    dragging_ = false;
    if (moved_ || !run_)
        return;
    const std::size_t best = nearest_event(event->position());
    if (best == SIZE_MAX) {
        clear_highlight();
        return;
    }
    select_event(best);
}

void spacetime_view::mouseDoubleClickEvent(QMouseEvent* event) {
    if (!run_)
        return;
    if (const std::size_t best = nearest_event(event->position()); best != SIZE_MAX)
        emit record_opened(best);
}

std::size_t spacetime_view::lane_at(double y) const {
    const std::size_t lanes = std::max<std::size_t>(layout_.size(), 1);
    const double spacing = (lanes_bottom() - lanes_top()) / static_cast<double>(lanes);
    const auto lane = static_cast<long>(std::floor((y - lanes_top()) / spacing));
    return static_cast<std::size_t>(std::clamp<long>(lane, 0, static_cast<long>(lanes) - 1));
}

// Lanes: group or not, expand a group, collapse a member back into it.
void spacetime_view::add_lane_actions(QMenu& menu, std::size_t lane) {
    const lane_layout::lane& l = layout_.at(lane);
    if (l.group)
        menu.addAction(
            "Show each of " + l.name + " on a lane of its own", this,
            [this, group = layout_.group_of(l.nodes.front())] { set_expanded(group, true); });
    else if (const QString group = layout_.group_of(l.nodes.front()); !group.isEmpty())
        menu.addAction("Collapse into the group " + group, this,
                       [this, group, n = l.nodes.front()] {
                           pinned_.erase(n);
                           set_expanded(group, false);
                       });
    QMenu* lanes = menu.addMenu("Lanes");
    lanes->addAction("One per node", this, [this] { set_grouping(lane_grouping::none); });
    lanes->addAction("Grouped by role", this, [this] { set_grouping(lane_grouping::role); });
    if (run_->every_document())
        lanes->addAction("Grouped by document", this,
                         [this] { set_grouping(lane_grouping::document); });
    lanes->addAction("Grouped by side of the first partition", this,
                     [this] { set_grouping(lane_grouping::side); });
}

// Right click: what if this node had crashed, or been cut off, here (a group
// of lanes: cut off from the rest); what if a fault under the mouse had not
// happened.
void spacetime_view::contextMenuEvent(QContextMenuEvent* event) {
    if (!run_ || run_->node_names.empty())
        return;
    const std::size_t lane = lane_at(event->pos().y());
    QMenu menu(this);
    add_lane_actions(menu, lane);
    menu.addSeparator();
    const lane_layout::lane& l = layout_.at(lane);
    const time_ns at = std::max<time_ns>(0, t_of(event->pos().x()));
    const QString when = QString::number(static_cast<double>(at) / ns_per_s, 'f', 3) + " s";
    if (l.group) { // a group is cut off from the others: a partition in two
        menu.addAction(
            QString("What if %1 were cut off from the rest at %2 for 5 s?").arg(l.name, when), this,
            [=, this] { emit what_if_cut_off(l.nodes, at); });
    } else {
        const std::uint32_t node = l.nodes.front();
        const QString name = QString::fromStdString(run_->node_names[node]);
        menu.addAction(QString("What if %1 crashed at %2 for 5 s?").arg(name, when), this,
                       [=, this] { emit what_if_added(what_if_fault::crash, node, at); });
        menu.addAction(QString("What if %1 were cut off at %2 for 5 s?").arg(name, when), this,
                       [=, this] { emit what_if_added(what_if_fault::isolate, node, at); });
    }
    for (std::size_t f = 0; f < run_->faults.size(); ++f) {
        const time_band& band = run_->faults[f];
        const bool here =
            band.nodes.empty() || std::any_of(l.nodes.begin(), l.nodes.end(), [&](std::uint32_t n) {
                return std::find(band.nodes.begin(), band.nodes.end(), n) != band.nodes.end();
            });
        if (here && at >= band.from_ns && at < band.until_ns)
            menu.addAction(
                QString("What if %1 had not happened?").arg(QString::fromStdString(band.what)),
                this, [=, this] { emit what_if_removed(f); });
    }
    menu.exec(event->globalPos());
}

QPointF spacetime_view::position_of(std::size_t record) const {
    const trace_record& r = run_->records.at(record);
    return {x_of(r.at_ns), lane_y(r.node)};
}

QString spacetime_view::details_at(QPointF at) const {
    if (!run_)
        return {};
    const std::pair<QLineF, std::size_t>* best = nullptr;
    double best_d = 5.0 * scale_;
    for (const auto& hit : hit_lines_) {
        // Distance from `at` to the segment.
        const QPointF d = hit.first.p2() - hit.first.p1();
        const double length2 = d.x() * d.x() + d.y() * d.y();
        const QPointF v = at - hit.first.p1();
        const double t =
            length2 > 0 ? std::clamp((v.x() * d.x() + v.y() * d.y()) / length2, 0.0, 1.0) : 0.0;
        const QPointF nearest = hit.first.p1() + t * d;
        const double dist = std::hypot(at.x() - nearest.x(), at.y() - nearest.y());
        if (dist < best_d) {
            best_d = dist;
            best = &hit;
        }
    }
    if (!best)
        return {};
    const recorded_message& m = run_->messages[best->second];
    const auto name = [this](std::uint32_t n) {
        return QString::fromStdString(run_->node_names.at(n));
    };
    const auto secs = [](time_ns t) {
        return QString::number(static_cast<double>(t) / ns_per_s, 'f', 6) + " s";
    };
    QString text =
        QString("%1, %2\n%3 \u2192 %4, %5 bytes\nsent %6")
            .arg(QString::fromStdString(run_->records[m.send_record].detail), change_name(m.change))
            .arg(name(m.from), name(m.to))
            .arg(m.bytes)
            .arg(secs(m.sent_ns));
    if (m.delivered_ns < 0)
        return text + ", never delivered";
    return text + QString(", delivered %1 (after %2 ms)")
                      .arg(secs(m.delivered_ns))
                      .arg(static_cast<double>(m.delivered_ns - m.sent_ns) / 1e6, 0, 'f', 3);
}

} // namespace immersim::gui
