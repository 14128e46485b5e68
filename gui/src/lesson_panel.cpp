#include "lesson_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace immersim::gui {

lesson_panel::lesson_panel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    intro_ = new QTextBrowser(this);
    step_text_ = new QLabel(this);
    step_text_->setWordWrap(true);
    step_text_->setFrameShape(QFrame::StyledPanel);
    step_text_->setMinimumHeight(90);
    step_text_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* buttons = new QHBoxLayout();
    back_ = new QPushButton("Back", this);
    next_ = new QPushButton("Next hint", this);
    buttons->addWidget(back_);
    buttons->addWidget(next_);
    layout->addWidget(intro_, 1);
    layout->addWidget(step_text_);
    layout->addLayout(buttons);
    connect(back_, &QPushButton::clicked, this, [this] { show_step(step_ - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { show_step(step_ + 1); });
    set_lesson({}, {});
}

void lesson_panel::set_lesson(const QString& title, const QString& text) {
    steps_.clear();
    QString intro;
    static const QRegularExpression numbered(R"(^\s*(\d+)\.\s)");
    for (const QString& line : text.split('\n')) {
        if (numbered.match(line).hasMatch())
            steps_ << line.trimmed();
        else if (!steps_.isEmpty() && !line.trimmed().isEmpty())
            steps_.back() += " " + line.trimmed();
        else
            intro += line + "\n";
    }
    intro_->setHtml(QString("<h3>%1</h3><p>%2</p>")
                        .arg(title.toHtmlEscaped(),
                             text.isEmpty() ? QString("This scenario has no lesson text. Open one "
                                                      "from File > Lessons.")
                                            : intro.trimmed().toHtmlEscaped().replace("\n", " ")));
    show_step(0);
}

void lesson_panel::show_step(int step) {
    step_ = std::clamp(step, 0, std::max(0, step_count() - 1));
    QStringList names;
    QString html;
    if (!steps_.isEmpty()) {
        // `name` is set as code, not shown with its backticks.
        static const QRegularExpression quoted("`([^`]+)`");
        const QString text = steps_[step_].toHtmlEscaped();
        for (auto it = quoted.globalMatch(steps_[step_]); it.hasNext();)
            names << it.next().captured(1);
        html = QString("<b>Step %1 of %2</b><br>%3")
                   .arg(step_ + 1)
                   .arg(step_count())
                   .arg(QString(text).replace(quoted, "<code>\\1</code>"));
    }
    step_text_->setTextFormat(Qt::RichText);
    step_text_->setText(html);
    back_->setEnabled(step_ > 0);
    next_->setEnabled(step_ + 1 < step_count());
    emit step_shown(names, steps_.isEmpty() ? QString() : steps_[step_]);
}

QString lesson_panel::step_html() const {
    return step_text_->text();
}

} // namespace immersim::gui
