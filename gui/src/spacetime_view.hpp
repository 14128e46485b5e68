// Space-time diagram of the focus run: one lane per node, time left to right,
// each message an arrow from its send to its delivery, undelivered messages
// marked, faults shaded, conflicts and decisions marked on the lane where they
// happened. Wheel zooms around the mouse, dragging pans, a click selects the
// nearest change or decision. Zoomed out over many messages, only a sample of the
// arrows is drawn (and the view says which fraction).
#pragma once

#include "recorded_run.hpp"

#include <QStringList>
#include <QWidget>
#include <memory>

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

    // What the diagram shows (for tests and the status line).
    std::size_t arrow_count() const;        // delivered messages up to the cursor
    std::size_t undelivered_count() const;  // messages never delivered, sent up to the cursor
    std::size_t conflict_mark_count() const;
    std::size_t lost_write_mark_count() const; // decisions that lost a write, up to the cursor
    std::size_t arrows_drawn_last() const { return arrows_drawn_; }
    // The time ruler's labels at the last paint ("0 s", "0.5 s", ...).
    const QStringList& ruler_labels_last() const { return ruler_labels_; }

signals:
    void record_selected(std::size_t record);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    double draw_legend(QPainter& p) const;
    void draw_ruler(QPainter& p);
    double x_of(time_ns t) const;
    time_ns t_of(double x) const;
    double lane_y(std::uint32_t node) const;
    int lanes_top() const { return 24; }
    int lanes_bottom() const { return height() - 30; } // the time ruler below
    int label_width() const { return 80; }

    std::shared_ptr<const recorded_run> run_;
    time_ns view_from_ = 0, view_until_ = 1;
    time_ns cursor_ = 0;
    double scale_ = 1.0; // of marks and pens: presentation_scale in presentation mode
    std::size_t selected_ = SIZE_MAX;
    bool dragging_ = false;
    double drag_x_ = 0.0;
    bool moved_ = false;
    mutable std::size_t arrows_drawn_ = 0;
    QStringList ruler_labels_;
};

} // namespace immersim::gui
