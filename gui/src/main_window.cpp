#include "main_window.hpp"

#include "chart_kit.hpp"
#include "compare_view.hpp"
#include "immersim/metrics/metric_catalogue.hpp"
#include "immersim/run/document_plan.hpp"
#include "immersim/run/runner.hpp"
#include "inspector_view.hpp"
#include "lesson_panel.hpp"
#include "scenario_editor.hpp"
#include "scenario_folder.hpp"
#include "side_by_side_view.hpp"
#include "spacetime_view.hpp"
#include "timeline_view.hpp"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>
#include <filesystem>

namespace immersim::gui {

main_window::main_window(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("immersim");
    resize(1400, 860);
    editor_ = new scenario_editor(this);
    lesson_ = new lesson_panel(this);
    left_ = new QTabWidget(this);
    left_->addTab(editor_, "Scenario");
    left_->addTab(lesson_, "Lesson");
    auto* dock = new QDockWidget("Scenario", this);
    dock->setWidget(left_);
    dock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    dock->setMinimumWidth(430);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    views_ = new QTabWidget(this);
    compare_ = new compare_view(views_);
    timeline_ = new timeline_view(views_);
    spacetime_ = new spacetime_view(views_);
    side_ = new side_by_side_view(views_);
    inspector_ = new inspector_view(views_);
    views_->addTab(compare_, "Compare");
    views_->addTab(timeline_, "Timeline");
    views_->addTab(spacetime_, "Space-time");
    views_->addTab(side_, "Side by side");
    views_->addTab(inspector_, "Inspector");
    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->addWidget(views_, 1);
    layout->addWidget(build_controls());
    setCentralWidget(centre);
    build_menus();
    build_shortcuts();

    player_ = new QTimer(this);
    player_->setInterval(30);
    connect(player_, &QTimer::timeout, this, &main_window::play_tick);
    connect(&runner_, &study_runner::progress, this, [this](int done, int total) {
        progress_->setMaximum(total);
        progress_->setValue(done);
    });
    connect(&runner_, &study_runner::finished, this, &main_window::on_finished);
    connect(lesson_, &lesson_panel::step_shown, this, &main_window::show_what_the_step_names);
    connect(spacetime_, &spacetime_view::record_selected, this, [this](std::size_t record) {
        play(false);
        move_cursor(record); // the diagram lights up the causal cone itself
    });
    connect(spacetime_, &spacetime_view::record_opened, this, [this](std::size_t record) {
        move_cursor(record);
        views_->setCurrentWidget(inspector_);
    });
    connect(spacetime_, &spacetime_view::what_if_added, this, &main_window::what_if_add);
    connect(spacetime_, &spacetime_view::what_if_removed, this, &main_window::what_if_remove);
    connect(spacetime_, &spacetime_view::what_if_cut_off, this, &main_window::what_if_cut_off);
    connect(side_, &side_by_side_view::partner_chosen, this, &main_window::set_partner_strategy);
    connect(editor_, &scenario_editor::validated, this, [this](bool) { update_lesson(); });
    progress_->setMaximumWidth(240);
    statusBar()->addPermanentWidget(progress_); // finished runs, out of the way of the controls
    statusBar()->showMessage("Open a scenario (File > Scenarios) and press Run.");
}

main_window::~main_window() = default;

QWidget* main_window::build_controls() {
    auto* bar = new QWidget(this);
    auto* rows = new QVBoxLayout(bar);
    auto* row = new QHBoxLayout();
    auto* time_row = new QHBoxLayout();
    rows->addLayout(row);
    rows->addLayout(time_row);
    auto* run = new QPushButton("Run", bar);
    auto* play_button = new QPushButton("Play / Pause", bar);
    auto* step_button = new QPushButton("Step", bar);
    auto* conflict_button = new QPushButton("Next conflict", bar);
    auto* lost_button = new QPushButton("Show lost update", bar);
    lost_button->setToolTip("The two writes, what both had seen, the overwrite and the messages "
                            "between (L); Esc clears");
    run_to_box_ = new QDoubleSpinBox(bar);
    run_to_box_->setSuffix(" s");
    run_to_box_->setDecimals(3);
    run_to_box_->setMaximum(1e6);
    auto* run_to_button = new QPushButton("Run to", bar);
    seed_box_ = new QSpinBox(bar);
    seed_box_->setRange(0, 1'000'000'000);
    auto* restart = new QPushButton("Restart with seed", bar);
    speed_box_ = new QComboBox(bar);
    speed_box_->setToolTip("Playback speed (1x: 1% of the run per second)");
    for (const char* speed : {"0.25x", "1x", "4x", "16x"})
        speed_box_->addItem(speed);
    speed_box_->setCurrentIndex(1);
    connect(speed_box_, &QComboBox::currentIndexChanged, this,
            [this](int index) { set_speed(std::pow(4.0, index - 1)); });
    focus_ = new QComboBox(bar);
    focus_->setToolTip("The strategy whose run the diagram, inspector and playback show "
                       "(choosing one records its run, not the whole study again)");
    connect(focus_, &QComboBox::activated, this,
            [this](int index) { set_focus_strategy(static_cast<std::size_t>(index)); });
    document_label_ = new QLabel("document", bar);
    document_box_ = new QSpinBox(bar);
    document_box_->setToolTip("The document whose members the diagram, inspector and playback "
                              "show (numbered as in documents.csv), or all of them, their "
                              "clients grouped by document (below 0)");
    document_box_->setKeyboardTracking(false); // one recording per number typed, not per digit
    document_box_->setSpecialValueText("all"); // shown for the minimum, -1
    connect(document_box_, &QSpinBox::valueChanged, this, [this](int d) {
        follow_document(d < 0 ? recorded_run::all_documents : static_cast<std::uint32_t>(d));
    });
    progress_ = new QProgressBar(bar);
    slider_ = new QSlider(Qt::Horizontal, bar);
    slider_->setRange(0, 10000);
    time_label_ = new QLabel("t = 0 s", bar);
    for (QWidget* w : std::initializer_list<QWidget*>{
             run, play_button, speed_box_, step_button, conflict_button, lost_button, run_to_button,
             run_to_box_, focus_, document_label_, document_box_})
        row->addWidget(w);
    row->addStretch(1);
    time_row->addWidget(new QLabel("time travel", bar));
    time_row->addWidget(slider_, 1);
    time_row->addWidget(time_label_);
    time_row->addWidget(new QLabel("speed", bar));
    time_row->addWidget(speed_box_);
    time_row->addWidget(restart);
    time_row->addWidget(seed_box_);
    connect(run, &QPushButton::clicked, this, &main_window::run_study);
    connect(play_button, &QPushButton::clicked, this, [this] { play(!player_->isActive()); });
    connect(step_button, &QPushButton::clicked, this, &main_window::step);
    connect(conflict_button, &QPushButton::clicked, this, &main_window::next_conflict);
    connect(lost_button, &QPushButton::clicked, this, &main_window::show_lost_update);
    connect(run_to_button, &QPushButton::clicked, this, [this] {
        run_to(static_cast<time_ns>(run_to_box_->value() * ns_per_s));
    });
    connect(restart, &QPushButton::clicked, this, [this] { restart_with_seed(static_cast<std::uint64_t>(seed_box_->value())); });
    connect(slider_, &QSlider::sliderMoved, this, [this](int value) {
        if (snapshot_)
            set_time(snapshot_->focus->end_ns / 10000 * value);
    });
    return bar;
}

void main_window::build_menus() {
    QMenu* file = menuBar()->addMenu("&File");
    file->addAction("&Open...", this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, "Open scenario", scenario_folder(),
                                                          "Scenarios (*.yaml)");
        if (!path.isEmpty())
            open_file(path);
    });
    QMenu* shipped = file->addMenu("&Scenarios");
    QMenu* lessons = file->addMenu("&Lessons");
    QDirIterator it(scenario_folder(), {"*.yaml"}, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext())
        found << it.next();
    found.sort();
    for (const QString& path : found)
        (path.contains("/lessons/") ? lessons : shipped)->addAction(QFileInfo(path).fileName(), this, [this, path] { open_file(path); });
    file->addSeparator();
    file->addAction("Export view as &PNG...", this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, "Export view", "view.png", "PNG (*.png)");
        if (!path.isEmpty())
            export_view(views_->currentWidget(), path);
    });
    file->addAction("Export view as &SVG...", this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, "Export view", "view.svg", "SVG (*.svg)");
        if (!path.isEmpty())
            export_view(views_->currentWidget(), path);
    });
    file->addAction("Export results as &CSV...", this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, "Export results into");
        if (!folder.isEmpty())
            export_results(folder);
    });
}

bool main_window::open_file(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        statusBar()->showMessage("cannot open " + path);
        return false;
    }
    editor_->set_text(QString::fromUtf8(file.readAll()), path);
    runner_.set_document(std::nullopt); // another world: its first edited document
    update_lesson();
    return true;
}

void main_window::update_lesson() {
    const study_load_result& study = editor_->study();
    if (study.points.empty())
        return;
    const scenario& s = *study.points.front().world;
    lesson_->set_lesson(QString::fromStdString(s.name), QString::fromStdString(s.lesson));
    show_lesson_tab(!s.lesson.empty()); // lesson mode
    const QString chosen = focus_->currentText();
    focus_->clear();
    QStringList labels;
    for (const strategy_config& c : s.compare)
        labels << QString::fromStdString(c.label());
    focus_->addItems(labels);
    if (focus_->findText(chosen) >= 0)
        focus_->setCurrentText(chosen);
    side_->set_strategies(labels);
    seed_box_->setValue(static_cast<int>(seed_.value_or(s.seed)));
    const bool documents = s.documents.count > 1;
    document_label_->setVisible(documents);
    document_box_->setVisible(documents);
    const QSignalBlocker quiet(document_box_);
    document_box_->setRange(-1,
                            static_cast<int>(std::max<std::uint32_t>(s.documents.count, 1) - 1));
}

void main_window::run_study() {
    editor_->validate_now();
    const study_load_result& study = editor_->study();
    if (study.points.empty()) {
        statusBar()->showMessage("The scenario has errors: see the list under the editor.");
        return;
    }
    play(false);
    statusBar()->showMessage("Running...");
    // What was run is the editor's text, saved or not: its digest identifies it.
    const std::string text = editor_->text().toStdString();
    report::provenance origin{editor_->file_name().toStdString(),
                              format_digest(hash_bytes(text)),
                              seed_.value_or(study.points.front().world->seed),
                              {},
                              text};
    runner_.start(std::move(origin), study.points, study.swept_keys,
                  static_cast<std::size_t>(std::max(0, focus_->currentIndex())), side_->partner(),
                  seed_, 1);
}

void main_window::restart_with_seed(std::uint64_t seed) {
    seed_ = seed;
    run_study();
}

void main_window::on_finished(std::shared_ptr<const study_snapshot> snapshot) {
    // Another focus strategy, a partner, a window or a what-if keeps the moment in view.
    const bool same_moment =
        keep_moment_ || (snapshot_ && snapshot_->results.digest == snapshot->results.digest &&
                         snapshot_->focus_seed == snapshot->focus_seed);
    const time_ns moment = keep_moment_.value_or(cursor_time());
    keep_moment_.reset();
    snapshot_ = std::move(snapshot);
    focus_->setCurrentIndex(static_cast<int>(snapshot_->focus_strategy));
    compare_->show_study(snapshot_);
    timeline_->show_study(snapshot_);
    spacetime_->show_run(snapshot_->focus);
    side_->show_study(snapshot_);
    // A world of several documents shows one of them on the lanes: say which.
    const std::uint32_t documents = snapshot_->results.base().documents.count;
    const bool all = snapshot_->focus->every_document();
    const QString which = documents <= 1 ? QString()
                          : all          ? QString(" (all its %1 documents: %2 nodes)")
                                      .arg(documents)
                                      .arg(snapshot_->focus->node_names.size())
                                : QString(" (its document %1 of %2: %3 nodes)")
                                      .arg(snapshot_->focus->document_followed)
                                      .arg(documents)
                                      .arg(snapshot_->focus->node_names.size());
    if (documents > 1) {
        const QSignalBlocker quiet(document_box_);
        document_box_->setValue(all ? -1 : static_cast<int>(snapshot_->focus->document_followed));
    }
    statusBar()->showMessage(
        QString("%1 runs, digest %2; showing %3, seed %4%5")
            .arg(snapshot_->results.runs.size())
            .arg(QString::fromStdString(format_digest(snapshot_->results.digest)))
            .arg(QString::fromStdString(
                snapshot_->results.base().compare[snapshot_->focus_strategy].label()))
            .arg(snapshot_->focus_seed)
            .arg(which));
    if (same_moment)
        set_time(moment);
    else
        move_cursor(snapshot_->focus->records.empty() ? 0 : snapshot_->focus->records.size() - 1);
    if (lesson_->step_count() > 0) // the lesson's step, not the default metric, decides
        lesson_->show_step(lesson_->current_step());
}

time_ns main_window::cursor_time() const {
    if (!snapshot_ || cursor_ >= snapshot_->focus->records.size())
        return 0;
    return snapshot_->focus->records[cursor_].at_ns;
}

void main_window::move_cursor(std::size_t record) {
    if (!snapshot_ || snapshot_->focus->records.empty())
        return;
    cursor_ = std::min(record, snapshot_->focus->records.size() - 1);
    const time_ns t = cursor_time();
    spacetime_->set_cursor(t);
    side_->set_cursor(t);
    spacetime_->set_selected(cursor_);
    timeline_->set_cursor(t);
    inspector_->show_record(*snapshot_->focus, cursor_);
    time_label_->setText(QString("t = %1 s").arg(static_cast<double>(t) / ns_per_s, 0, 'f', 3));
    slider_->blockSignals(true);
    slider_->setValue(snapshot_->focus->end_ns > 0 ? static_cast<int>(t * 10000 / snapshot_->focus->end_ns) : 0);
    slider_->blockSignals(false);
}

void main_window::play(bool on) {
    if (on && snapshot_ && cursor_ + 1 >= snapshot_->focus->records.size())
        move_cursor(0); // from the start again
    on ? player_->start() : player_->stop();
}

void main_window::step() {
    play(false);
    move_cursor(cursor_ + 1);
}

void main_window::step_back() {
    play(false);
    if (cursor_ > 0)
        move_cursor(cursor_ - 1);
}

void main_window::jump_to_landmark(bool forward) {
    play(false);
    if (!snapshot_)
        return;
    const std::vector<std::size_t>& marks = snapshot_->focus->landmarks;
    const auto next = std::upper_bound(marks.begin(), marks.end(), cursor_);
    const auto previous = std::lower_bound(marks.begin(), marks.end(), cursor_);
    if (forward && next != marks.end())
        return move_cursor(*next);
    if (!forward && previous != marks.begin())
        return move_cursor(*std::prev(previous));
    statusBar()->showMessage(forward ? "No conflict or lost write after this point."
                                     : "No conflict or lost write before this point.");
}

void main_window::play_tick() {
    if (!snapshot_ || cursor_ + 1 >= snapshot_->focus->records.size())
        return play(false);
    // At speed 1, about 1% of the run per second of wall time (a tick every 30 ms);
    // at least one event a tick.
    const auto advance =
        static_cast<time_ns>(static_cast<double>(snapshot_->focus->end_ns) / 3300 * speed_);
    const time_ns target = cursor_time() + std::max<time_ns>(1, advance);
    move_cursor(std::max(cursor_ + 1, snapshot_->focus->record_at(target)));
}

void main_window::set_speed(double factor) {
    speed_ = factor;
    statusBar()->showMessage(QString("Playback at %1x").arg(factor));
}

// Keys on the views (not in the scenario editor, whose arrows move its caret):
// arrows step, Page keys jump between conflicts and lost writes, Home and End go
// to the first and last event, Space plays and pauses.
void main_window::build_shortcuts() {
    const auto key = [this](QKeySequence sequence, auto action) {
        auto* shortcut = new QShortcut(sequence, views_);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, action);
    };
    key(Qt::Key_Right, [this] { step(); });
    key(Qt::Key_Left, [this] { step_back(); });
    key(Qt::Key_PageDown, [this] { jump_to_landmark(true); });
    key(Qt::Key_PageUp, [this] { jump_to_landmark(false); });
    key(Qt::Key_Home, [this] { select_record(0); });
    key(Qt::Key_End, [this] {
        if (snapshot_ && !snapshot_->focus->records.empty())
            select_record(snapshot_->focus->records.size() - 1);
    });
    key(Qt::Key_Space, [this] { play(!player_->isActive()); });
    key(Qt::Key_L, [this] { show_lost_update(); });
    key(Qt::Key_W, [this] { next_window(true); });
    key(QKeySequence(Qt::SHIFT | Qt::Key_W), [this] { next_window(false); });
    key(Qt::Key_Escape, [this] { spacetime_->clear_highlight(); });
    auto* present = new QShortcut(Qt::Key_F5, this); // anywhere in the window
    connect(present, &QShortcut::activated, this, [this] { set_presentation(!presentation_); });
}

void main_window::set_presentation(bool on) {
    if (on == presentation_)
        return;
    presentation_ = on;
    if (on)
        normal_font_ = QApplication::font();
    QFont font = normal_font_;
    if (on)
        font.setPointSizeF(font.pointSizeF() * 1.6);
    QApplication::setFont(font);
    set_chart_scale(on ? 1.6 : 1.0);
    editor()->set_text_scale(on ? 1.6 : 1.0);
    spacetime_->set_presentation(on);
    side_->set_presentation(on);
    compare_->redraw();
    timeline_->redraw();
    statusBar()->showMessage(on ? "Presentation mode (F5 to leave)" : "Presentation mode off");
}

void main_window::next_conflict() {
    play(false);
    if (!snapshot_)
        return;
    for (std::size_t i : snapshot_->focus->conflicts)
        if (i > cursor_) {
            move_cursor(i);
            return;
        }
    statusBar()->showMessage("No conflict after this point.");
}

void main_window::show_lesson_tab(bool lesson) { left_->setCurrentIndex(lesson ? 1 : 0); }

void main_window::select_record(std::size_t record) {
    play(false);
    move_cursor(record);
}

bool main_window::follow_document(std::uint32_t document) {
    if (!snapshot_ || runner_.busy())
        return false;
    const scenario& world = *snapshot_->results.points.front().world;
    if (document == recorded_run::all_documents && world.documents.count > 1) {
        play(false);
        runner_.follow_document(snapshot_, document);
        statusBar()->showMessage("Recording every document...");
        return true;
    }
    if (document >= world.documents.count) {
        statusBar()->showMessage(QString("There is no document %1: this world has %2.")
                                     .arg(document)
                                     .arg(world.documents.count));
        return false;
    }
    if (plan_documents(world, snapshot_->focus_seed).members[document].empty()) {
        statusBar()->showMessage(QString("No client edits document %1 in seed %2: nothing to show.")
                                     .arg(document)
                                     .arg(snapshot_->focus_seed));
        return false;
    }
    play(false);
    runner_.follow_document(snapshot_, document);
    statusBar()->showMessage(QString("Recording document %1...").arg(document));
    return true;
}

bool main_window::next_window(bool forward) {
    if (!snapshot_ || runner_.busy() || snapshot_->focus->records.empty())
        return false;
    const recorded_run& run = *snapshot_->focus;
    const time_ns from = run.window_from_ns, last = run.records.back().at_ns;
    if (forward ? !run.truncated : from == 0) {
        statusBar()->showMessage(forward ? "This window reaches the end of the run."
                                         : "This window starts at the beginning of the run.");
        return false;
    }
    play(false);
    keep_moment_ = forward ? last : std::max<time_ns>(0, from - (last - from));
    runner_.record_window(snapshot_, *keep_moment_);
    statusBar()->showMessage("Recording the run's next window...");
    return true;
}

void main_window::run_to(time_ns t) {
    play(false);
    set_time(t);
}

void main_window::set_time(time_ns t) {
    if (snapshot_)
        move_cursor(snapshot_->focus->record_at(t));
}

bool main_window::export_view(QWidget* view, const QString& path) {
    if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(view->size());
        svg.setViewBox(QRect(QPoint(0, 0), view->size()));
        svg.setTitle("immersim: " + views_->tabText(views_->indexOf(view)));
        QPainter painter(&svg);
        view->render(&painter);
        return painter.end();
    }
    return view->grab().save(path, "PNG");
}

bool main_window::export_results(const QString& folder) {
    if (!snapshot_)
        return false;
    const std::filesystem::path dir = folder.toStdString();
    std::string error;
    return report::write_study_folder(dir, snapshot_->results, error);
}

} // namespace immersim::gui
