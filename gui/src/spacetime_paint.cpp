// The space-time diagram's drawing, layer by layer: fault bands, lanes, message
// arrows, marks, a highlight (causal cone or lost update), the time ruler, the
// legend and the status line.
#include "spacetime_view.hpp"

#include <QPainter>
#include <algorithm>
#include <cmath>
#include <set>

namespace immersim::gui {

namespace {

constexpr std::size_t none = recorded_message::none;
const QColor faded(215, 215, 215);
const QColor past_colour(120, 50, 180), future_colour(0, 150, 140);
const QColor winner_colour(20, 120, 40), loser_colour(120, 0, 40), common_colour(150, 150, 150);
const QColor last_news_colour = common_colour.darker(140); // the news a write was made on

void diamond(QPainter& p, QPointF at, double size) {
    p.drawPolygon(QPolygonF({at + QPointF(0, -size), at + QPointF(size, 0), at + QPointF(0, size),
                             at + QPointF(-size, 0)}));
}

// An arrow head at `to`, coming from `from`.
void add_arrow(QVector<QLineF>& lines, QPointF from, QPointF to) {
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    lines << QLineF(from, to)
          << QLineF(to, to - QPointF(6 * std::cos(angle - 0.4), 6 * std::sin(angle - 0.4)))
          << QLineF(to, to - QPointF(6 * std::cos(angle + 0.4), 6 * std::sin(angle + 0.4)));
}

// One arrow in this many, so that at most max_arrows_drawn of `shown` are drawn.
std::size_t sampling_stride(std::size_t shown) {
    constexpr std::size_t most = spacetime_view::max_arrows_drawn;
    return std::max<std::size_t>(1, (shown + most - 1) / most);
}

} // namespace

QColor role_colour(message_role role) {
    switch (role) {
    case message_role::commit:
        return {40, 90, 200};
    case message_role::sync:
        return {30, 150, 70};
    case message_role::reject:
        return {200, 60, 170};
    case message_role::peer:
        return {150, 100, 40};
    }
    return Qt::black;
}

const char* role_name(message_role role) {
    switch (role) {
    case message_role::commit:
        return "commit";
    case message_role::sync:
        return "sync";
    case message_role::reject:
        return "reject";
    case message_role::peer:
        return "peer";
    }
    return "";
}

void spacetime_view::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    arrows_drawn_ = 0;
    marked_drawn_ = 0;
    by_role_ = {};
    highlighted_ = {};
    hit_lines_.clear();
    if (!run_) {
        p.drawText(rect(), Qt::AlignCenter, "Run a scenario to see its messages.");
        return;
    }
    p.setRenderHint(QPainter::Antialiasing);
    draw_lanes(p);
    // What happens on the lanes stays right of their names.
    p.setClipRect(QRectF(label_width(), 0, width() - label_width() - 10, height()));
    draw_faults(p);
    const std::size_t stride = draw_messages(p);
    draw_marked(p);
    draw_marks(p);
    if (cone_)
        draw_cone(p);
    if (story_)
        draw_story(p);
    if (selected_ < run_->records.size()) {
        const trace_record& r = run_->records[selected_];
        p.setPen(QPen(Qt::black, 2 * scale_));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(x_of(r.at_ns), lane_y(r.node)), 8 * scale_, 8 * scale_);
    }
    p.setPen(QPen(Qt::red, scale_, Qt::DashLine));
    p.drawLine(QPointF(x_of(cursor_), lanes_top()), QPointF(x_of(cursor_), lanes_bottom()));
    p.setClipping(false);
    draw_ruler(p);
    draw_status(p, stride);
}

// Faults as shaded bands on the lanes of the nodes they struck (the side a
// partition cut off, the node crashed); across every lane when none is named.
void spacetime_view::draw_faults(QPainter& p) const {
    const double lane_height = lane_centre(1) - lane_centre(0);
    const QColor shade(255, 200, 170, 130);
    for (const time_band& f : run_->faults) {
        if (f.nodes.empty()) {
            p.fillRect(QRectF(QPointF(x_of(f.from_ns), lanes_top()),
                              QPointF(x_of(f.until_ns), lanes_bottom())),
                       shade);
            continue;
        }
        std::set<std::size_t> lanes; // a group's lane once, if any member was struck
        for (std::uint32_t n : f.nodes)
            lanes.insert(layout_.lane_of(n));
        for (std::size_t lane : lanes)
            p.fillRect(QRectF(QPointF(x_of(f.from_ns), lane_centre(lane) - lane_height / 2),
                              QPointF(x_of(f.until_ns), lane_centre(lane) + lane_height / 2)),
                       shade);
    }
}

namespace {

// A node's wall clock at the cursor ("12.968 s") and how far it is off true time
// ("-300 ms", "+50 ppm"; empty for a true clock).
std::pair<QString, QString> clock_text(const net::physical_clock& c, time_ns t) {
    const QString reading =
        QString::number(static_cast<double>(c.read(t)) / ns_per_s, 'f', 3) + " s";
    QStringList off;
    if (c.offset_ns() != 0)
        off << (c.offset_ns() > 0 ? "+" : "") +
                   QString::number(static_cast<double>(c.offset_ns()) / 1e6, 'g', 3) + " ms";
    if (c.drift_ppb() != 0)
        off << (c.drift_ppb() > 0 ? "+" : "") +
                   QString::number(static_cast<double>(c.drift_ppb()) / 1e3, 'g', 3) + " ppm";
    return {reading, off.join(", ")};
}

} // namespace

// Lanes, named (every lane, or every k-th where lanes are closer than a line of
// text: a hundred document groups keep names to read), each with its node's clock
// at the cursor when there is room: a skewed clock in orange, so a skew shows
// where it causes a loss.
void spacetime_view::draw_lanes(QPainter& p) {
    clock_labels_.clear();
    lane_labels_.clear();
    const std::size_t lanes = layout_.size();
    const double spacing = lanes > 1 ? lane_centre(1) - lane_centre(0) : height();
    const bool clocks = run_->node_clocks.size() == run_->node_names.size() && spacing >= 30;
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    QFont bold = font();
    bold.setBold(true);
    const double line = QFontMetrics(bold).height();
    const auto every =
        spacing >= line ? std::size_t{1} : static_cast<std::size_t>(std::ceil(line / spacing));
    for (std::size_t lane = 0; lane < lanes; ++lane) {
        const double y = lane_centre(lane);
        const lane_layout::lane& l = layout_.at(lane);
        const bool found = found_ && !l.group && l.nodes.front() == *found_;
        if (found) // what the search found
            p.fillRect(QRectF(0, y - spacing / 2, label_width(), spacing), QColor(255, 235, 130));
        p.setPen(l.group ? QPen(QColor(170, 170, 170), std::clamp(spacing / 3, 2.0, 8.0))
                         : QPen(QColor(200, 200, 200)));
        p.drawLine(QPointF(label_width(), y), QPointF(width() - 10, y));
        if (lane % every != 0)
            continue;
        lane_labels_ << l.name;
        p.setPen(Qt::black);
        p.setFont(l.group || found ? bold : font());
        p.drawText(QRectF(2, y - 8 - (clocks && !l.group ? 8 : 0), label_width() - 4, 16),
                   Qt::AlignRight | Qt::AlignVCenter, l.name);
        p.setFont(font());
        if (!clocks || l.group)
            continue;
        const std::uint32_t n = l.nodes.front();
        const auto [reading, off] = clock_text(run_->node_clocks[n], cursor_);
        const QString text = off.isEmpty() || spacing < 46 ? reading : reading + "\n" + off;
        p.setFont(small);
        p.setPen(off.isEmpty() ? QColor(110, 110, 110) : QColor(200, 90, 0));
        p.drawText(QRectF(2, y + 1, label_width() - 4, 30 * scale_), Qt::AlignRight | Qt::AlignTop,
                   text);
        p.setFont(font());
        clock_labels_ << text;
    }
}

QLineF spacetime_view::arrow_line(const recorded_message& m) const {
    return {QPointF(x_of(m.sent_ns), lane_y(m.from)), QPointF(x_of(m.delivered_ns), lane_y(m.to))};
}

// Messages up to the cursor, coloured by role (faded under a highlight); when
// too many are in view, one in `stride`. Arrows are collected and drawn in one
// call per colour: drawing thousands of separate translucent antialiased lines
// took the UI thread most of a second.
std::size_t spacetime_view::draw_messages(QPainter& p) {
    const time_ns until = std::min(cursor_, view_until_);
    const auto in_view = [&](const recorded_message& m) {
        return m.sent_ns <= until && (m.delivered_ns < 0 || m.delivered_ns >= view_from_);
    };
    const std::size_t shown = static_cast<std::size_t>(
        std::count_if(run_->messages.begin(), run_->messages.end(), in_view));
    const std::size_t stride = sampling_stride(shown);
    std::array<QVector<QLineF>, 4> arrows;
    QVector<QLineF> pending, crosses;
    std::size_t k = 0;
    for (std::size_t i = 0; i < run_->messages.size(); ++i) {
        const recorded_message& m = run_->messages[i];
        if (!in_view(m) || k++ % stride != 0)
            continue;
        ++arrows_drawn_;
        const QPointF from(x_of(m.sent_ns), lane_y(m.from));
        if (m.delivered_ns < 0 || m.delivered_ns > cursor_) {
            // Not (yet) delivered: a stub, and a cross when it never will be.
            const QPointF stub(from.x() + 12, from.y() + (lane_y(m.to) > from.y() ? 8 : -8));
            pending << QLineF(from, stub);
            hit_lines_.emplace_back(QLineF(from, stub), i);
            if (m.delivered_ns < 0)
                crosses << QLineF(stub + QPointF(-3, -3), stub + QPointF(3, 3))
                        << QLineF(stub + QPointF(-3, 3), stub + QPointF(3, -3));
            continue;
        }
        const QLineF line = arrow_line(m);
        add_arrow(arrows[static_cast<std::size_t>(m.role)], line.p1(), line.p2());
        hit_lines_.emplace_back(line, i);
        ++by_role_[static_cast<std::size_t>(m.role)];
    }
    p.setRenderHint(QPainter::Antialiasing, arrows_drawn_ < 1500);
    for (std::size_t role = 0; role < arrows.size(); ++role) {
        p.setPen(
            QPen(highlighting() ? faded : role_colour(static_cast<message_role>(role)), scale_));
        p.drawLines(arrows[role]);
    }
    p.setPen(QPen(highlighting() ? faded : QColor(200, 0, 0), scale_, Qt::DashLine));
    p.drawLines(pending);
    p.setPen(QPen(highlighting() ? faded : QColor(200, 0, 0), scale_));
    p.drawLines(crosses);
    p.setRenderHint(QPainter::Antialiasing);
    return stride;
}

// Conflicts (red dots), discards and merges (squares), and decisions that lost a
// write (diamonds, on top, so that a lost update shows where it happened).
void spacetime_view::draw_marks(QPainter& p) const {
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
        if (loses_a_write(r)) {
            p.setPen(QPen(Qt::white, scale_));
            p.setBrush(QColor(120, 0, 40));
            diamond(p, QPointF(x_of(r.at_ns), lane_y(r.node)), 5.5 * scale_);
        }
    }
}

// Yellow rings under the marks: where the run beside this one decided otherwise.
void spacetime_view::draw_marked(QPainter& p) {
    p.setPen(QPen(QColor(240, 190, 0), 3 * scale_));
    p.setBrush(QColor(255, 230, 90, 120));
    for (std::size_t i : marked_) {
        const trace_record& r = run_->records[i];
        if (r.at_ns > cursor_)
            break;
        p.drawEllipse(QPointF(x_of(r.at_ns), lane_y(r.node)), 10 * scale_, 10 * scale_);
        ++marked_drawn_;
    }
}

// A thick band along a lane from `from` to `until`.
void spacetime_view::draw_lane_span(QPainter& p, std::uint32_t node, time_ns from, time_ns until,
                                    QColor c) const {
    const double left = std::max<double>(x_of(from), label_width());
    const double right = std::min<double>(x_of(until), width() - 10);
    if (right < left) // out of view
        return;
    c.setAlpha(90);
    p.setPen(QPen(c, 7 * scale_, Qt::SolidLine, Qt::FlatCap));
    p.drawLine(QPointF(left, lane_y(node)), QPointF(right, lane_y(node)));
}

// Highlighted arrows in view, sampled like the others when there are too many (an
// early event's causal future can be most of a large run).
void spacetime_view::draw_arrows(QPainter& p, const std::vector<std::size_t>& messages,
                                 QColor colour, std::size_t& counted) {
    const auto in_view = [this](const recorded_message& m) {
        return m.delivered_ns >= view_from_ && m.sent_ns <= view_until_;
    };
    const std::size_t shown = static_cast<std::size_t>(
        std::count_if(messages.begin(), messages.end(),
                      [&](std::size_t i) { return in_view(run_->messages[i]); }));
    const std::size_t stride = sampling_stride(shown);
    QVector<QLineF> lines;
    std::size_t k = 0;
    for (std::size_t i : messages) {
        const recorded_message& m = run_->messages[i];
        if (!in_view(m) || k++ % stride != 0)
            continue;
        const QLineF line = arrow_line(m);
        add_arrow(lines, line.p1(), line.p2());
        hit_lines_.emplace_back(line, i);
        ++counted;
    }
    // As for the other arrows: thousands of antialiased thick lines made a click
    // on an early event cost 50 ms of painting at 1,000 clients.
    p.setRenderHint(QPainter::Antialiasing, lines.size() < 1500);
    p.setPen(QPen(colour, 2 * scale_));
    p.drawLines(lines);
    p.setRenderHint(QPainter::Antialiasing);
}

// The causal past (to the left of the anchor) and future (to its right, drawn
// beyond the cursor too: it is what the event went on to influence).
void spacetime_view::draw_cone(QPainter& p) {
    const causal_cone& c = *cone_;
    const time_ns first = run_->records.empty() ? 0 : run_->records.front().at_ns;
    for (std::uint32_t n = 0; n < c.past_until.size(); ++n) {
        if (c.past_until[n] != none)
            draw_lane_span(p, n, first, run_->records[c.past_until[n]].at_ns, past_colour);
        if (c.future_from[n] != none)
            draw_lane_span(p, n, run_->records[c.future_from[n]].at_ns, view_until_, future_colour);
    }
    draw_arrows(p, c.past_messages, past_colour, highlighted_.past);
    draw_arrows(p, c.future_messages, future_colour, highlighted_.future);
}

// The lost update: what both writes had seen (grey along the lanes), the last
// message each writer received before writing (dark grey), the messages carrying
// each write, and the two writes and the overwrite labelled.
void spacetime_view::draw_story(QPainter& p) {
    const lost_update& s = *story_;
    const time_ns first = run_->records.empty() ? 0 : run_->records.front().at_ns;
    for (std::uint32_t n = 0; n < s.common_past_until.size(); ++n)
        if (s.common_past_until[n] != none)
            draw_lane_span(p, n, first, run_->records[s.common_past_until[n]].at_ns, common_colour);
    draw_arrows(p, s.last_received, last_news_colour, highlighted_.last_received);
    draw_arrows(p, s.winner_messages, winner_colour, highlighted_.winner);
    draw_arrows(p, s.loser_messages, loser_colour, highlighted_.loser);
    const auto label = [&](std::size_t record, const QString& text, QColor colour) {
        if (record == none)
            return;
        const trace_record& r = run_->records[record];
        const QPointF at(x_of(r.at_ns), lane_y(r.node));
        p.setPen(QPen(colour, 2.5 * scale_));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(at, 9 * scale_, 9 * scale_);
        QFont bold = p.font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(at + QPointF(11 * scale_, -8 * scale_), text);
        p.setFont(font());
        highlighted_.labels << text;
    };
    if (s.has_winner)
        label(s.winner_operation, "stayed: " + change_name(s.winner), winner_colour);
    label(s.loser_operation, "lost: " + change_name(s.loser), loser_colour);
    label(s.decision, "overwrite", Qt::black);
}

// What the marks and arrows mean, in two rows at the top right: the marks, then
// the arrows (or the highlight's colours); returns where the first row begins.
double spacetime_view::draw_legend(QPainter& p) const {
    struct entry {
        QString text;
        QColor colour;
        char shape; // o: dot, s: square, d: diamond, x: cross, -: dashes, >: arrow, =: band
    };
    const std::vector<entry> marks = {
        {"conflict", QColor(220, 30, 30), 'o'}, {"discarded / rejected", QColor(240, 140, 0), 's'},
        {"merged", QColor(30, 160, 60), 's'},   {"lost write", QColor(120, 0, 40), 'd'},
        {"in flight", QColor(200, 0, 0), '-'},  {"never delivered", QColor(200, 0, 0), 'x'}};
    std::vector<entry> arrows;
    if (cone_)
        arrows = {{"causal past", past_colour, '='}, {"causal future", future_colour, '='}};
    else if (story_)
        arrows = {{"seen by both writes", common_colour, '='},
                  {"last news before a write", last_news_colour, '>'},
                  {"carries the write that stayed", winner_colour, '>'},
                  {"carries the lost write", loser_colour, '>'}};
    else
        for (message_role role :
             {message_role::commit, message_role::sync, message_role::reject, message_role::peer})
            arrows.push_back({role_name(role), role_colour(role), '>'});
    const QFontMetrics metrics(font());
    const auto row = [&](const std::vector<entry>& entries, double y) {
        double x = width() - 10.0;
        for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
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
            else if (it->shape == '=')
                p.drawRect(QRectF(mark.x() - 7, mark.y() - 3, 14, 6));
            p.setPen(QPen(it->colour, std::max(1.5, scale_),
                          it->shape == '-' ? Qt::DashLine : Qt::SolidLine));
            if (it->shape == '-' || it->shape == '>')
                p.drawLine(mark - QPointF(7, 0), mark + QPointF(7, 0));
            if (it->shape == '>')
                p.drawLines({QLineF(mark + QPointF(7, 0), mark + QPointF(3, -3)),
                             QLineF(mark + QPointF(7, 0), mark + QPointF(3, 3))});
            if (it->shape == 'x')
                p.drawLines({QLineF(mark + QPointF(-3, -3), mark + QPointF(3, 3)),
                             QLineF(mark + QPointF(-3, 3), mark + QPointF(3, -3))});
            p.setPen(Qt::black);
            p.drawText(QPointF(x + 16, y + metrics.ascent() / 2.0 - 1), it->text);
        }
        return x;
    };
    row(arrows, 30.0);
    return row(marks, 12.0);
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

// The cursor's time and what is drawn, on the left of the legend's first row
// (cut with "..." rather than under it).
void spacetime_view::draw_status(QPainter& p, std::size_t stride) {
    p.setPen(Qt::black);
    QString status = QString("t = %1 s   messages shown: %2")
                         .arg(static_cast<double>(cursor_) / ns_per_s, 0, 'f', 3)
                         .arg(arrows_drawn_);
    if (stride > 1)
        status += QString(" (1 in %1: zoom in for every arrow)").arg(stride);
    if (run_->truncated || run_->window_from_ns > 0) {
        const auto secs = [](time_ns t) {
            return QString::number(static_cast<double>(t) / ns_per_s, 'f', 1);
        };
        status += QString("   a window of the run: %1 s to %2 s (W: next, Shift+W: previous)")
                      .arg(secs(run_->window_from_ns),
                           secs(run_->records.empty() ? run_->window_from_ns
                                                      : run_->records.back().at_ns));
    }
    const double legend_left = draw_legend(p);
    const QFontMetrics metrics(font());
    const double room = std::max(0.0, legend_left - label_width() - 12.0);
    p.drawText(QRectF(label_width(), 2, room, metrics.height() + 4),
               Qt::AlignLeft | Qt::AlignVCenter,
               metrics.elidedText(status, Qt::ElideRight, static_cast<int>(room)));
}

} // namespace immersim::gui
