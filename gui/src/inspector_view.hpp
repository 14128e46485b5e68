// Inspector: the event at the playback cursor (or clicked in the diagram). For a
// local change: the replica's state before and after. For a decision: the base and
// the client's result (what the change was made on, and what it made), the
// deciding replica's state before (ours) and after, and why the strategy decided
// as it did.
#pragma once

#include "recorded_run.hpp"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTextBrowser;

namespace immersim::gui {

class inspector_view : public QWidget {
    Q_OBJECT
public:
    explicit inspector_view(QWidget* parent = nullptr);
    void show_record(const recorded_run& run, std::size_t index);
    void clear();
    // A paragraph above the explanation (a lost update's story, in one sentence).
    void prepend_summary(const QString& html);

    QString headline() const;
    // The JSON each tree shows, in order: before/after, or base, theirs, ours, result.
    QStringList tree_texts() const;
    // The explanation below the trees, as plain text.
    QString explanation() const;
    // The keys under the top-level key `key` of tree `tree`, in the order shown.
    QStringList child_keys(int tree, const QString& key) const;

private:
    void set_why(const QString& html);

    QLabel* headline_ = nullptr;
    QTreeWidget* trees_[4] = {};
    QLabel* titles_[4] = {};
    QTextBrowser* why_ = nullptr;
    QString why_html_;
    QStringList texts_;
};

// Why the strategy decided as it did, from the decision's record: per place, who
// stayed, what was compared and by which rule, and whether the oracle found a lost
// write or a causality violation. The same for every strategy, built-in or a
// user's own.
QString explain(const trace_record& decision, const std::vector<std::string>& node_names);

} // namespace immersim::gui
