#include "scenario_editor.hpp"

#include <QFontDatabase>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace immersim::gui {

scenario_editor::scenario_editor(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    edit_ = new QPlainTextEdit(this);
    edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit_->setLineWrapMode(QPlainTextEdit::NoWrap);
    errors_ = new QListWidget(this);
    errors_->setMaximumHeight(120);
    layout->addWidget(edit_, 1);
    layout->addWidget(errors_);
    pause_ = new QTimer(this);
    pause_->setSingleShot(true);
    pause_->setInterval(300);
    connect(edit_, &QPlainTextEdit::textChanged, pause_, qOverload<>(&QTimer::start));
    connect(pause_, &QTimer::timeout, this, &scenario_editor::validate_now);
    connect(errors_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        jump_to(item->data(Qt::UserRole).toInt(), item->data(Qt::UserRole + 1).toInt());
    });
    connect(errors_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        jump_to(item->data(Qt::UserRole).toInt(), item->data(Qt::UserRole + 1).toInt());
    });
}

void scenario_editor::set_text(const QString& text, const QString& file_name) {
    file_name_ = file_name;
    edit_->setPlainText(text);
    validate_now();
}

QString scenario_editor::text() const { return edit_->toPlainText(); }

void scenario_editor::set_text_scale(double scale) {
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(font.pointSizeF() * scale);
    edit_->setFont(font);
}

double scenario_editor::text_point_size() const {
    return edit_->font().pointSizeF();
}

void scenario_editor::validate_now() {
    pause_->stop();
    study_ = load_study_text(text().toStdString(), file_name_.toStdString());
    errors_->clear();
    QList<QTextEdit::ExtraSelection> marks;
    for (const diagnostic& d : study_.errors) {
        auto* item = new QListWidgetItem(QString("%1:%2: %3").arg(d.line).arg(d.column).arg(QString::fromStdString(d.message)), errors_);
        item->setData(Qt::UserRole, d.line);
        item->setData(Qt::UserRole + 1, d.column);
        item->setForeground(Qt::darkRed);
        if (d.line > 0) {
            QTextEdit::ExtraSelection mark;
            mark.format.setBackground(QColor(255, 220, 220));
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            mark.cursor = QTextCursor(edit_->document()->findBlockByNumber(d.line - 1));
            marks << mark;
        }
    }
    if (study_.errors.empty())
        new QListWidgetItem("valid", errors_);
    edit_->setExtraSelections(marks);
    emit validated(study_.errors.empty());
}

QStringList scenario_editor::error_lines() const {
    QStringList lines;
    for (int i = 0; i < errors_->count(); ++i)
        if (errors_->item(i)->data(Qt::UserRole).isValid())
            lines << errors_->item(i)->text();
    return lines;
}

void scenario_editor::jump_to(int line, int column) {
    QTextCursor cursor(edit_->document()->findBlockByNumber(std::max(0, line - 1)));
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, column - 1));
    edit_->setTextCursor(cursor);
    edit_->setFocus();
}

int scenario_editor::cursor_line() const { return edit_->textCursor().blockNumber() + 1; }

} // namespace immersim::gui
