// Space-time diagram of the focus run: one lane per node, time left to right,
// each message an arrow from its send to its delivery, coloured by what it is
// (commit, sync, reject, peer), undelivered messages marked, faults shaded,
// conflicts and decisions marked on the lane where they happened. Wheel zooms
// around the mouse, dragging pans, hovering an arrow tells what it carried. A
// click selects the nearest event and lights up its causal past and future; a
// lost update can be shown whole: the two writes, what both had seen, the
// overwrite and the messages between. Zoomed out over many messages, only a
// sample of the arrows is drawn (and the view says which fraction).
#pragma once

#include "causality.hpp"
#include "lane_layout.hpp"
#include "recorded_run.hpp"
#include "what_if.hpp"

#include <QStringList>
#include <QWidget>
#include <array>
#include <memory>
#include <optional>

class QMenu;
class QPainter;

namespace immersim::gui {

class spacetime_view : public QWidget {
    Q_OBJECT
public:
    static constexpr int max_arrows_drawn = 4000;

    explicit spacetime_view(QWidget* parent = nullptr);
    void show_run(std::shared_ptr<const recorded_run> run);
    void set_cursor(time_ns t);
    void set_selected(std::size_t record);
    // Presentation mode: marks and lines this much larger, for a projector.
    static constexpr double presentation_scale = 1.8;
    void set_presentation(bool on);
    double mark_scale() const { return scale_; }
    void zoom_to(time_ns from, time_ns until);
    time_ns view_from() const { return view_from_; }
    time_ns view_until() const { return view_until_; }

    // Highlights (one at a time): the causal cone of a record, or a lost update.
    void show_causality(std::size_t record);
    // What a click on an event does: selects it, lights its causal cone and tells
    // the window (which moves the cursor there and shows it in the inspector).
    void select_event(std::size_t record);
    void show_lost_update(lost_update story);
    void clear_highlight();
    const std::optional<causal_cone>& cone() const { return cone_; }
    // Lanes: one per node, or grouped (the default: by document when every document
    // is followed, else by role past 64 nodes); a
    // group expanded into its members' lanes, or collapsed again.
    void set_grouping(lane_grouping grouping);
    lane_grouping grouping() const { return grouping_; }
    void set_expanded(const QString& group, bool expanded);
    const lane_layout& lanes() const { return layout_; }
    // Search: a node by name gets a lane of its own, marked; "change 17" (or
    // "17"; "change 17 of document 3" when every document is followed) selects
    // that change's edit. False when nothing matches.
    bool find(const QString& text);
    // Records to ring in yellow (where a run beside this one decided otherwise).
    void set_marked(std::vector<std::size_t> records);
    std::size_t marked_drawn_last() const { return marked_drawn_; }
    const std::optional<lost_update>& story() const { return story_; }

    // What the diagram shows (for tests and the status line).
    std::size_t arrow_count() const;        // delivered messages up to the cursor
    std::size_t undelivered_count() const;  // messages never delivered, sent up to the cursor
    std::size_t conflict_mark_count() const;
    std::size_t lost_write_mark_count() const; // decisions that lost a write, up to the cursor
    std::size_t arrows_drawn_last() const { return arrows_drawn_; }
    // Arrows drawn at the last paint, by message_role.
    const std::array<std::size_t, 4>& arrows_by_role_last() const { return by_role_; }
    // What the last paint highlighted: arrows in view of the causal past and
    // future, or of the lost update's winner and loser (one in k when there are
    // more than max_arrows_drawn), and the labels written by its marks.
    struct highlighted {
        std::size_t past = 0, future = 0, winner = 0, loser = 0, last_received = 0;
        QStringList labels;
    };
    const highlighted& highlighted_last() const { return highlighted_; }
    // Each lane's clock at the cursor, as the last paint wrote it under its name
    // ("12.968 s", and on a second line "-300 ms" for a skewed clock); empty when
    // the lanes were too close.
    const QStringList& clock_labels_last() const { return clock_labels_; }
    // The lane names the last paint wrote (every k-th when lanes are close).
    const QStringList& lane_labels_last() const { return lane_labels_; }
    // The time ruler's labels at the last paint ("0 s", "0.5 s", ...).
    const QStringList& ruler_labels_last() const { return ruler_labels_; }
    // Where a record's event is drawn (its lane, at its time).
    QPointF position_of(std::size_t record) const;
    // The hover text for an arrow drawn within a few pixels of `at` (empty if none).
    QString details_at(QPointF at) const;

signals:
    void record_selected(std::size_t record); // a click
    void record_opened(std::size_t record);   // a double click: to the inspector
    void view_changed(time_ns from, time_ns until); // zoomed or panned by the user
    // The context menu's "what if": a fault at a node and a moment, or one of the
    // run's faults (an index into recorded_run::faults) taken away.
    void what_if_added(what_if_fault kind, std::uint32_t node, time_ns at);
    void what_if_removed(std::size_t fault);
    void what_if_cut_off(std::vector<std::uint32_t> nodes, time_ns at);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    // spacetime_paint.cpp: the layers, bottom to top.
    void draw_faults(QPainter& p) const;
    void draw_lanes(QPainter& p);
    std::size_t draw_messages(QPainter& p); // returns the sampling stride
    void draw_marks(QPainter& p) const;
    void draw_marked(QPainter& p);
    void draw_cone(QPainter& p);
    void draw_story(QPainter& p);
    void draw_lane_span(QPainter& p, std::uint32_t node, time_ns from, time_ns until,
                        QColor c) const;
    QLineF arrow_line(const recorded_message& m) const;
    void draw_arrows(QPainter& p, const std::vector<std::size_t>& messages, QColor colour,
                     std::size_t& counted);
    double draw_legend(QPainter& p) const;
    void draw_ruler(QPainter& p);
    void draw_status(QPainter& p, std::size_t stride);

    double x_of(time_ns t) const;
    time_ns t_of(double x) const;
    double lane_y(std::uint32_t node) const;
    int lanes_top() const { return 44; }               // two rows of legend above
    int lanes_bottom() const { return height() - 30; } // the time ruler below
    // Room for the lane names, and for skewed clocks' offsets and drifts.
    // Room for a lane's name (and clock): wider with presentation mode's larger text.
    int label_width() const {
        return static_cast<int>(std::max(skewed_clocks_ ? 132 : 84, names_width_) * scale_);
    }
    std::size_t nearest_event(QPointF at) const;
    std::size_t lane_at(double y) const;
    double lane_centre(std::size_t lane) const;
    void relayout();
    void add_lane_actions(QMenu& menu, std::size_t lane);
    bool highlighting() const { return cone_.has_value() || story_.has_value(); }

    std::shared_ptr<const recorded_run> run_;
    time_ns view_from_ = 0, view_until_ = 1;
    time_ns cursor_ = 0;
    double scale_ = 1.0; // of marks and pens: presentation_scale in presentation mode
    std::size_t selected_ = SIZE_MAX;
    int names_width_ = 0; // the widest lane name drawn, in unscaled pixels
    lane_layout layout_;
    lane_grouping grouping_ = lane_grouping::none;
    std::set<std::uint32_t> pinned_;
    std::set<QString> expanded_;
    std::optional<std::uint32_t> found_;
    bool skewed_clocks_ = false; // some lane's clock is off true time (and lanes are named)
    std::optional<causal_cone> cone_;
    std::optional<lost_update> story_;
    bool dragging_ = false;
    double drag_x_ = 0.0;
    bool moved_ = false;
    std::size_t arrows_drawn_ = 0;
    std::vector<std::size_t> marked_;
    std::size_t marked_drawn_ = 0;
    std::array<std::size_t, 4> by_role_{};
    highlighted highlighted_;
    std::vector<std::pair<QLineF, std::size_t>> hit_lines_; // drawn arrows, for hovering
    QStringList ruler_labels_;
    QStringList clock_labels_;
    QStringList lane_labels_;
};

// The colour a message of this role is drawn in, and its legend name.
QColor role_colour(message_role role);
const char* role_name(message_role role);

} // namespace immersim::gui
