// Two strategies side by side: the focus run above, a partner strategy's run of
// the same seed below, at the same moment and the same zoom. Common random numbers
// make the two worlds the same up to the strategies' decisions; the decisions one
// took otherwise than the other are ringed in yellow on both.
#pragma once

#include "spacetime_view.hpp"
#include "study_runner.hpp"

#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;

namespace immersim::gui {

class side_by_side_view : public QWidget {
    Q_OBJECT
public:
    explicit side_by_side_view(QWidget* parent = nullptr);
    // The study's strategies (for the partner box); the chosen one stays if present.
    void set_strategies(const QStringList& labels);
    void show_study(std::shared_ptr<const study_snapshot> study);
    void set_cursor(time_ns t);
    // Zooms both diagrams to `from`..`until`.
    void frame(time_ns from, time_ns until);
    // When the two runs first decide otherwise (none: they never do, or no partner).
    std::optional<time_ns> first_difference() const;
    void set_presentation(bool on);
    std::optional<std::size_t> partner() const;
    void set_partner(std::optional<std::size_t> strategy); // the box only

    spacetime_view* top() const { return top_; }
    spacetime_view* bottom() const { return bottom_; }
    // Decisions each run took otherwise than the other (indices into its records).
    const std::vector<std::size_t>& differing_top() const { return differing_top_; }
    const std::vector<std::size_t>& differing_bottom() const { return differing_bottom_; }

signals:
    void partner_chosen(std::optional<std::size_t> strategy);

private:
    QComboBox* partner_ = nullptr;
    QLabel* top_title_ = nullptr;
    QLabel* bottom_title_ = nullptr;
    spacetime_view* top_ = nullptr;
    spacetime_view* bottom_ = nullptr;
    std::vector<std::size_t> differing_top_, differing_bottom_;
    std::optional<time_ns> first_difference_;
};

} // namespace immersim::gui
