#include "spacetime_view.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace immersim::gui {

spacetime_view::spacetime_view(QWidget* parent) : QWidget(parent) {
    setMinimumSize(400, 200);
    setMouseTracking(false);
}

void spacetime_view::show_run(std::shared_ptr<const recorded_run> run) {
    run_ = std::move(run);
    view_from_ = 0;
    // To the last event (a run that drains early ends before duration + drain).
    const time_ns last = run_->records.empty() ? run_->end_ns : run_->records.back().at_ns;
    view_until_ = std::max<time_ns>(last + last / 50, 1);
    cursor_ = last;
    selected_ = SIZE_MAX;
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

namespace {

// A decision that lost a write (by the oracle's verdict on its reasons).
bool loses_a_write(const trace_record& r) {
    return std::any_of(r.why.begin(), r.why.end(), [](const decision_reason& d) { return d.lost; });
}

void diamond(QPainter& p, QPointF at, double size) {
    p.drawPolygon(QPolygonF({at + QPointF(0, -size), at + QPointF(size, 0), at + QPointF(0, size),
                             at + QPointF(-size, 0)}));
}

} // namespace

std::size_t spacetime_view::lost_write_mark_count() const {
    if (!run_)
        return 0;
    return static_cast<std::size_t>(
        std::count_if(run_->decisions.begin(), run_->decisions.end(), [this](std::size_t i) {
            return run_->records[i].at_ns <= cursor_ && loses_a_write(run_->records[i]);
        }));
}

// What the marks mean, on the status line's right; returns where it begins.
double spacetime_view::draw_legend(QPainter& p) const {
    struct entry {
        QString text;
        QColor colour;
        char shape; // o: dot, s: square, d: diamond, x: cross, -: dashes
    };
    const entry entries[] = {
        {"conflict", QColor(220, 30, 30), 'o'}, {"discarded / rejected", QColor(240, 140, 0), 's'},
        {"merged", QColor(30, 160, 60), 's'},   {"lost write", QColor(120, 0, 40), 'd'},
        {"in flight", QColor(200, 0, 0), '-'},  {"never delivered", QColor(200, 0, 0), 'x'}};
    const QFontMetrics metrics(font());
    double x = width() - 10.0;
    const double y = 12.0;
    for (auto it = std::rbegin(entries); it != std::rend(entries); ++it) {
        x -= metrics.horizontalAdvance(it->text) + 24.0;
        const QPointF mark(x + 6, y);
        p.setPen(Qt::NoPen);
        p.setBrush(it->colour);
        if (it->shape == 'o')
            p.drawEllipse(mark, 4 * scale_, 4 * scale_);
        else if (it->shape == 's')
            p.drawRect(QRectF(mark.x() - 3.5, mark.y() - 3.5, 7, 7));
        else if (it->shape == 'd')
            diamond(p, mark, 5 * scale_);
        p.setPen(QPen(it->colour, scale_, it->shape == '-' ? Qt::DashLine : Qt::SolidLine));
        if (it->shape == '-')
            p.drawLine(mark - QPointF(6, 0), mark + QPointF(6, 0));
        if (it->shape == 'x')
            p.drawLines({QLineF(mark + QPointF(-3, -3), mark + QPointF(3, 3)),
                         QLineF(mark + QPointF(-3, 3), mark + QPointF(3, -3))});
        p.setPen(Qt::black);
        p.drawText(QPointF(x + 16, y + metrics.ascent() / 2.0 - 1), it->text);
    }
    return x;
}

// Simulated time along the bottom: ticks at a round step (1, 2 or 5 times a power
// of ten seconds) for the span in view, labelled in seconds.
void spacetime_view::draw_ruler(QPainter& p) {
    ruler_labels_.clear();
    const double from = static_cast<double>(view_from_) / ns_per_s;
    const double until = static_cast<double>(view_until_) / ns_per_s;
    const double rough = (until - from) / 8.0;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    const double step = rough / power > 5   ? 10 * power
                        : rough / power > 2 ? 5 * power
                        : rough / power > 1 ? 2 * power
                                            : power;
    const double y = lanes_bottom() + 6.0;
    p.setPen(QColor(90, 90, 90));
    p.drawLine(QPointF(label_width(), y), QPointF(width() - 10, y));
    for (double t = std::ceil(from / step) * step; t <= until + step * 1e-9; t += step) {
        const double x = x_of(static_cast<time_ns>(std::llround(t * ns_per_s)));
        p.drawLine(QPointF(x, y), QPointF(x, y + 4));
        const QString label = QString::number(std::abs(t) < step * 1e-6 ? 0.0 : t, 'g', 6) + " s";
        p.drawText(QRectF(x - 40, y + 4, 80, 16), Qt::AlignHCenter | Qt::AlignTop, label);
        ruler_labels_ << label;
    }
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

double spacetime_view::lane_y(std::uint32_t node) const {
    const std::size_t lanes = run_ ? std::max<std::size_t>(run_->node_names.size(), 1) : 1;
    const double spacing = (lanes_bottom() - lanes_top()) / static_cast<double>(lanes);
    return lanes_top() + spacing * (node + 0.5);
}

void spacetime_view::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    arrows_drawn_ = 0;
    if (!run_) {
        p.drawText(rect(), Qt::AlignCenter, "Run a scenario to see its messages.");
        return;
    }
    p.setRenderHint(QPainter::Antialiasing);
    // Faults as shaded bands on the lanes of the nodes they struck (the side a
    // partition cut off, the node crashed); across every lane when none is named.
    const double lane_height = lane_y(1) - lane_y(0);
    for (const time_band& f : run_->faults) {
        const QColor shade(255, 200, 170, 130);
        if (f.nodes.empty()) {
            p.fillRect(QRectF(QPointF(x_of(f.from_ns), lanes_top()),
                              QPointF(x_of(f.until_ns), lanes_bottom())),
                       shade);
            continue;
        }
        for (std::uint32_t n : f.nodes)
            p.fillRect(QRectF(QPointF(x_of(f.from_ns), lane_y(n) - lane_height / 2),
                              QPointF(x_of(f.until_ns), lane_y(n) + lane_height / 2)),
                       shade);
    }
    // Lanes.
    p.setPen(QColor(200, 200, 200));
    const bool label_lanes = run_->node_names.size() <= 64;
    for (std::uint32_t n = 0; n < run_->node_names.size(); ++n) {
        const double y = lane_y(n);
        p.drawLine(QPointF(label_width(), y), QPointF(width() - 10, y));
        if (label_lanes) {
            p.setPen(Qt::black);
            p.drawText(QRectF(2, y - 8, label_width() - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                       QString::fromStdString(run_->node_names[n]));
            p.setPen(QColor(200, 200, 200));
        }
    }
    // Messages: level of detail by sampling when too many are in view.
    std::size_t in_view = 0;
    for (const recorded_message& m : run_->messages)
        in_view += m.sent_ns <= std::min(cursor_, view_until_) && (m.delivered_ns < 0 || m.delivered_ns >= view_from_);
    const std::size_t stride = std::max<std::size_t>(1, (in_view + max_arrows_drawn - 1) / max_arrows_drawn);
    // Arrows are collected and drawn in one call: drawing thousands of separate
    // translucent antialiased lines took the UI thread most of a second.
    QVector<QLineF> arrows, pending, crosses;
    std::size_t k = 0;
    for (const recorded_message& m : run_->messages) {
        if (m.sent_ns > std::min(cursor_, view_until_) || (m.delivered_ns >= 0 && m.delivered_ns < view_from_))
            continue;
        if (k++ % stride != 0)
            continue;
        ++arrows_drawn_;
        const QPointF from(x_of(m.sent_ns), lane_y(m.from));
        if (m.delivered_ns < 0 || m.delivered_ns > cursor_) {
            // Not (yet) delivered: a stub, and a cross when it never will be.
            const QPointF stub(from.x() + 12, from.y() + (lane_y(m.to) > from.y() ? 8 : -8));
            pending << QLineF(from, stub);
            if (m.delivered_ns < 0)
                crosses << QLineF(stub + QPointF(-3, -3), stub + QPointF(3, 3))
                        << QLineF(stub + QPointF(-3, 3), stub + QPointF(3, -3));
            continue;
        }
        const QPointF to(x_of(m.delivered_ns), lane_y(m.to));
        const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
        arrows << QLineF(from, to)
               << QLineF(to, to - QPointF(6 * std::cos(angle - 0.4), 6 * std::sin(angle - 0.4)))
               << QLineF(to, to - QPointF(6 * std::cos(angle + 0.4), 6 * std::sin(angle + 0.4)));
    }
    p.setRenderHint(QPainter::Antialiasing, arrows.size() < 1500);
    p.setPen(QPen(QColor(40, 90, 200), scale_));
    p.drawLines(arrows);
    p.setPen(QPen(QColor(200, 0, 0), scale_, Qt::DashLine));
    p.drawLines(pending);
    p.setPen(QPen(QColor(200, 0, 0), scale_));
    p.drawLines(crosses);
    p.setRenderHint(QPainter::Antialiasing);
    // Conflicts (red) and lost writes (orange) on their lanes.
    for (std::size_t i : run_->conflicts) {
        const trace_record& r = run_->records[i];
        if (r.at_ns > cursor_)
            break;
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(220, 30, 30));
        p.drawEllipse(QPointF(x_of(r.at_ns), lane_y(r.node)), 4 * scale_, 4 * scale_);
    }
    for (std::size_t i : run_->decisions) {
        const trace_record& r = run_->records[i];
        if (r.at_ns > cursor_)
            break;
        if (r.detail == "discarded" || r.detail == "rejected" || r.detail == "merged") {
            p.setPen(Qt::NoPen);
            p.setBrush(r.detail == "merged" ? QColor(30, 160, 60) : QColor(240, 140, 0));
            p.drawRect(QRectF(x_of(r.at_ns) - 3.5, lane_y(r.node) - 3.5, 7, 7));
        }
        // A decision that lost a write (the loser's own discard, or the winner's
        // overwrite), on top, so that a lost update is visible where it happened.
        if (loses_a_write(r)) {
            p.setPen(QPen(Qt::white, scale_));
            p.setBrush(QColor(120, 0, 40));
            diamond(p, QPointF(x_of(r.at_ns), lane_y(r.node)), 5.5 * scale_);
        }
    }
    if (selected_ < run_->records.size()) {
        const trace_record& r = run_->records[selected_];
        p.setPen(QPen(Qt::black, 2 * scale_));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(x_of(r.at_ns), lane_y(r.node)), 8 * scale_, 8 * scale_);
    }
    // Cursor and status line.
    p.setPen(QPen(Qt::red, scale_, Qt::DashLine));
    p.drawLine(QPointF(x_of(cursor_), lanes_top()), QPointF(x_of(cursor_), lanes_bottom()));
    draw_ruler(p);
    p.setPen(Qt::black);
    QString status = QString("t = %1 s   messages shown: %2").arg(static_cast<double>(cursor_) / ns_per_s, 0, 'f', 3).arg(arrows_drawn_);
    if (stride > 1)
        status += QString(" (1 in %1: zoom in for every arrow)").arg(stride);
    if (run_->truncated)
        status += "   trace cut at " + QString::number(recorded_run::max_records) + " records";
    // The status takes what the legend leaves, cut with "..." rather than under it.
    const double legend_left = draw_legend(p);
    const QFontMetrics metrics(font());
    const double room = std::max(0.0, legend_left - label_width() - 12.0);
    p.drawText(QRectF(label_width(), 2, room, metrics.height() + 4),
               Qt::AlignLeft | Qt::AlignVCenter,
               metrics.elidedText(status, Qt::ElideRight, static_cast<int>(room)));
}

void spacetime_view::wheelEvent(QWheelEvent* event) {
    const double factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    const time_ns pivot = t_of(event->position().x());
    view_from_ = pivot - static_cast<time_ns>(static_cast<double>(pivot - view_from_) * factor);
    view_until_ = pivot + static_cast<time_ns>(static_cast<double>(view_until_ - pivot) * factor);
    view_until_ = std::max(view_until_, view_from_ + 1000);
    update();
}

void spacetime_view::mousePressEvent(QMouseEvent* event) {
    dragging_ = true;
    moved_ = false;
    drag_x_ = event->position().x();
}

void spacetime_view::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_)
        return;
    const double dx = event->position().x() - drag_x_;
    if (std::fabs(dx) > 2)
        moved_ = true;
    const time_ns shift = t_of(drag_x_) - t_of(event->position().x());
    view_from_ += shift;
    view_until_ += shift;
    drag_x_ = event->position().x();
    update();
}

void spacetime_view::mouseReleaseEvent(QMouseEvent* event) {
    dragging_ = false;
    if (moved_ || !run_)
        return;
    // A click: the nearest change, decision or conflict within 8 pixels.
    std::size_t best = SIZE_MAX;
    double best_d = 8.0;
    for (std::size_t i = 0; i < run_->records.size(); ++i) {
        const trace_record& r = run_->records[i];
        if (r.kind != trace_kind::operation && r.kind != trace_kind::decision && r.kind != trace_kind::conflict)
            continue;
        const double d = std::hypot(x_of(r.at_ns) - event->position().x(), lane_y(r.node) - event->position().y());
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    if (best != SIZE_MAX) {
        selected_ = best;
        update();
        emit record_selected(best);
    }
}

} // namespace immersim::gui
