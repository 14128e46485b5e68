// Lesson mode: a lesson scenario's `lesson:` text beside the views, its numbered
// steps shown one at a time (Next / Back), the rest of the text above them.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace immersim::gui {

class lesson_panel : public QWidget {
    Q_OBJECT
public:
    explicit lesson_panel(QWidget* parent = nullptr);
    void set_lesson(const QString& title, const QString& text);
    int step_count() const { return static_cast<int>(steps_.size()); }
    int current_step() const { return step_; }
    void show_step(int step);
    QString step_html() const; // the step as shown

signals:
    // A step was shown; `names` are the words it writes in backticks (metrics,
    // series), so that the window can show what the step speaks of.
    // The step's `names` (metrics, series, strategies) and its plain text.
    void step_shown(const QStringList& names, const QString& text);

private:
    QTextBrowser* intro_ = nullptr;
    QLabel* step_text_ = nullptr;
    QPushButton* back_ = nullptr;
    QPushButton* next_ = nullptr;
    QStringList steps_;
    int step_ = 0;
};

} // namespace immersim::gui
