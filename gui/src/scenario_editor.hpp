// The scenario editor: YAML text validated as you type (a moment after the last
// keystroke) by the same loader the CLI uses; errors listed with line and column,
// a click on one moves the cursor there.
#pragma once

#include "immersim/scenario/scenario.hpp"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QTimer;

namespace immersim::gui {

class scenario_editor : public QWidget {
    Q_OBJECT
public:
    explicit scenario_editor(QWidget* parent = nullptr);
    void set_text(const QString& text, const QString& file_name);
    QString text() const;
    QString file_name() const { return file_name_; }
    // Validates now (instead of after the typing pause).
    void validate_now();
    // A projector's size: the editor's own fixed-width font, which the
    // application's font does not reach, scaled by `scale` (1: as the system set it).
    void set_text_scale(double scale);
    double text_point_size() const;
    const study_load_result& study() const { return study_; }
    QStringList error_lines() const; // "line:col: message", as listed
    void jump_to(int line, int column);
    int cursor_line() const;

signals:
    void validated(bool ok);

private:
    QPlainTextEdit* edit_ = nullptr;
    QListWidget* errors_ = nullptr;
    QTimer* pause_ = nullptr;
    QString file_name_ = "untitled.yaml";
    study_load_result study_;
};

} // namespace immersim::gui
