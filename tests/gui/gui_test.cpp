// The GUI, headless (QT_QPA_PLATFORM=offscreen): open the quickstart, run it, and
// check that every view shows what the library itself computes; step and time
// travel move the inspector; an invalid scenario lists its errors at the right
// lines; exports write real files. Screenshots of every view (quickstart and a
// lesson) are saved under the build folder's gui-screenshots/.
#include "compare_view.hpp"
#include "gui_support.hpp"
#include "immersim/run/document_plan.hpp"
#include "immersim/run/runner.hpp"
#include "inspector_view.hpp"
#include "lesson_panel.hpp"
#include "main_window.hpp"
#include "scenario_editor.hpp"
#include "spacetime_view.hpp"
#include "timeline_view.hpp"
#include "what_if.hpp"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtTest/QTest>
#include <gtest/gtest.h>
#include <optional>

namespace immersim::gui {
namespace {

using namespace testing_support;

// Shows a decision in the inspector (a merge if there is one) and zooms the diagram
// to a few seconds around it, so the pictures show something to read.
void frame_an_interesting_moment(main_window& w) {
    const recorded_run& run = *w.snapshot()->focus;
    std::size_t pick = run.decisions.empty() ? 0 : run.decisions[run.decisions.size() / 3];
    for (std::size_t i : run.decisions)
        if (run.records[i].detail == "merged" || run.records[i].detail == "discarded") {
            pick = i;
            break;
        }
    w.select_record(pick);
    const time_ns t = run.records[pick].at_ns;
    w.spacetime()->zoom_to(t > 2 * ns_per_s ? t - 2 * ns_per_s : 0, t + 2 * ns_per_s);
}

void save_every_view(main_window& w, const QString& prefix) {
    QDir().mkpath(screenshots);
    frame_an_interesting_moment(w);
    for (int i = 0; i < w.views()->count(); ++i) {
        w.views()->setCurrentIndex(i);
        QApplication::processEvents();
        const QString name = w.views()->tabText(i).toLower().replace(' ', '-').replace("space-time", "spacetime");
        ASSERT_TRUE(w.grab().save(screenshots + "/" + prefix + "-" + name + ".png")) << name.toStdString();
    }
}

class gui : public ::testing::Test {
protected:
    void SetUp() override {
        window = std::make_unique<main_window>();
        window->resize(1400, 860);
        window->show();
        ASSERT_TRUE(window->open_file(scenarios + "/quickstart.yaml"));
        ASSERT_TRUE(run_and_wait(*window));
        snapshot = window->snapshot();
        ASSERT_TRUE(snapshot);
    }
    std::unique_ptr<main_window> window;
    std::shared_ptr<const study_snapshot> snapshot;
};

TEST_F(gui, compare_view_shows_the_librarys_means_and_intervals_for_every_strategy) {
    // The same runs, computed here without the GUI.
    const auto study = load_study_file((scenarios + "/quickstart.yaml").toStdString());
    ASSERT_EQ(study.points.size(), 1u);
    report::report r;
    r.points = study.points;
    for (const run_spec& spec : expand_runs(study.points[0].world, std::nullopt, 0))
        r.runs.push_back(run_once(spec));
    const auto expected = report::summarize_point(r, 0);
    for (metrics::metric m : {metrics::metric::lost_increments, metrics::metric::conflict_rate,
                              metrics::metric::visibility_p99_ms}) {
        window->compare()->select_metric(m);
        const auto& bars = window->compare()->bars();
        ASSERT_EQ(static_cast<std::size_t>(bars.size()), expected.size());
        for (std::size_t s = 0; s < expected.size(); ++s) {
            const auto& want = expected[s][static_cast<std::size_t>(m)].over_seeds;
            ASSERT_TRUE(want.has_value());
            EXPECT_DOUBLE_EQ(bars[static_cast<int>(s)].mean, want->mean);
            EXPECT_DOUBLE_EQ(bars[static_cast<int>(s)].half_width, want->ci95_half);
            EXPECT_EQ(bars[static_cast<int>(s)].label.toStdString(), study.points[0].world->compare[s].label());
        }
    }
    EXPECT_EQ(r.runs.size(), snapshot->results.runs.size());
    EXPECT_EQ(combine_digests(r.runs), snapshot->results.digest);
}

// The text a chart shows: axis labels and titles, bar labels (what a reader sees).
QStringList chart_texts(QChartView* view) {
    QStringList texts;
    for (QGraphicsItem* item : view->scene()->items()) {
        if (!item->isVisible())
            continue;
        if (auto* t = dynamic_cast<QGraphicsTextItem*>(item))
            texts << t->toPlainText();
        else if (auto* s = dynamic_cast<QGraphicsSimpleTextItem*>(item))
            texts << s->text();
    }
    texts.sort();
    return texts;
}

TEST_F(gui, compare_chart_redraws_whole_with_titled_axes_and_labelled_bars) {
    compare_view* compare = window->compare();
    compare->select_metric(metrics::metric::lost_increments);
    QApplication::processEvents();
    const QStringList first = chart_texts(compare->chart());
    // Switching metric and back leaves exactly what the first drawing showed: no
    // axis numbers or bar names of the other metric stay behind.
    compare->select_metric(metrics::metric::visibility_p99_ms);
    QApplication::processEvents();
    EXPECT_NE(chart_texts(compare->chart()), first);
    compare->select_metric(metrics::metric::lost_increments);
    QApplication::processEvents();
    EXPECT_EQ(chart_texts(compare->chart()), first);
    // The value axis names the metric and its unit. Every strategy's name stands
    // whole beside its bar, with its value: a bar of zero reads "merge: 0" (merge
    // and the CRDT lose no increment), so zero never reads as "no data".
    EXPECT_TRUE(first.contains("lost_increments (count)")) << first.join("|").toStdString();
    for (const bar_with_interval& bar : compare->bars()) {
        const QString name = bar.label + ": " + QString::number(bar.mean, 'g', 6);
        EXPECT_TRUE(std::any_of(first.begin(), first.end(),
                                [&](const QString& t) { return t.startsWith(name); }))
            << name.toStdString() << " in " << first.join("|").toStdString();
    }
    EXPECT_TRUE(first.contains("merge: 0")) << first.join("|").toStdString();
    const QString title = compare->chart()->chart()->title();
    EXPECT_TRUE(title.contains("mean over 5 seeds, 95% CI")) << title.toStdString();
}

TEST_F(gui, timeline_has_one_series_per_strategy_with_the_runs_samples_and_the_partition_band) {
    for (int series = 0; series < timeline_view::series_names.size(); ++series) {
        window->timeline()->select_series(series);
        const auto& lines = window->timeline()->lines();
        ASSERT_EQ(static_cast<std::size_t>(lines.size()), snapshot->results.base().compare.size());
        for (int s = 0; s < lines.size(); ++s) {
            const run_result& run = snapshot->results.runs[static_cast<std::size_t>(s) * snapshot->results.base().seeds];
            ASSERT_EQ(static_cast<std::size_t>(lines[s].x.size()), run.samples.size());
            EXPECT_DOUBLE_EQ(lines[s].x.back(), static_cast<double>(run.samples.back().at_ns) / ns_per_s);
            if (series == 0) {
                EXPECT_DOUBLE_EQ(lines[s].y[25], run.samples[25].divergent_replicas);
            }
        }
    }
    // Every strategy's line has a colour of its own, and the axes say what they show.
    QSet<QRgb> colours;
    std::size_t strategy_lines = 0;
    for (QAbstractSeries* series : window->timeline()->chart()->chart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(series); line && line->name() != "now") {
            ++strategy_lines;
            colours.insert(line->pen().color().rgb());
        }
    EXPECT_EQ(strategy_lines, snapshot->results.base().compare.size());
    EXPECT_EQ(static_cast<std::size_t>(colours.size()), strategy_lines);
    QStringList titles;
    for (QAbstractAxis* axis : window->timeline()->chart()->chart()->axes())
        titles << axis->titleText();
    EXPECT_TRUE(titles.contains("simulated time (s)")) << titles.join("|").toStdString();
    EXPECT_TRUE(titles.contains("memory_deep_copy_bytes")) << titles.join("|").toStdString();
    // The quickstart's partition, 20 s to 35 s, struck the side without the
    // server: client-5 to client-9 (nodes 6 to 10), the lanes the diagram shades.
    ASSERT_EQ(snapshot->focus->faults.size(), 1u);
    EXPECT_EQ(snapshot->focus->faults[0].nodes, (std::vector<std::uint32_t>{6, 7, 8, 9, 10}));
    ASSERT_EQ(window->timeline()->bands().size(), 1);
    EXPECT_DOUBLE_EQ(window->timeline()->bands()[0].from, 20.0);
    EXPECT_DOUBLE_EQ(window->timeline()->bands()[0].until, 35.0);
}

// Moving the cursor moves the cursor line only: the chart, its lines and axes stay
// (rebuilding them on every move cost 130-290 ms).
TEST_F(gui, moving_the_cursor_moves_only_the_timeline_cursor_line) {
    window->select_record(10);
    const QChart* before = window->timeline()->chart()->chart();
    const auto cursor_x = [&] {
        for (QAbstractSeries* series : window->timeline()->chart()->chart()->series())
            if (auto* line = qobject_cast<QLineSeries*>(series); line && line->name() == "now")
                return line->points().front().x();
        return -1.0;
    };
    for (std::size_t record : {std::size_t{200}, std::size_t{900}}) {
        window->select_record(record);
        EXPECT_EQ(window->timeline()->chart()->chart(), before);
        EXPECT_DOUBLE_EQ(cursor_x(), static_cast<double>(window->cursor_time()) / ns_per_s);
    }
}

// On the views, arrows step, Page keys jump between conflicts and lost writes,
// Home and End go to the ends; in the editor the same keys stay the editor's.
TEST_F(gui, keys_on_the_views_step_and_jump_between_conflicts_and_lost_writes) {
    window->activateWindow();
    QApplication::setActiveWindow(window.get());
    window->views()->setCurrentWidget(window->spacetime());
    window->spacetime()->setFocus();
    const auto press = [&](Qt::Key key) {
        QTest::keyClick(QApplication::focusWidget(), key);
        QApplication::processEvents();
    };
    press(Qt::Key_Home);
    EXPECT_EQ(window->cursor(), 0u);
    press(Qt::Key_Right);
    press(Qt::Key_Right);
    EXPECT_EQ(window->cursor(), 2u);
    press(Qt::Key_Left);
    EXPECT_EQ(window->cursor(), 1u);
    // Page Down visits exactly the conflicts and the decisions that lost a write.
    const auto& records = snapshot->focus->records;
    std::vector<std::size_t> visited;
    for (int i = 0; i < 6; ++i) {
        press(Qt::Key_PageDown);
        visited.push_back(window->cursor());
    }
    std::vector<std::size_t> expected;
    for (std::size_t i = 2; i < records.size() && expected.size() < 6; ++i) {
        const bool lost = std::any_of(records[i].why.begin(), records[i].why.end(),
                                      [](const decision_reason& d) { return d.lost; });
        if (records[i].kind == trace_kind::conflict ||
            (records[i].kind == trace_kind::decision && lost))
            expected.push_back(i);
    }
    EXPECT_EQ(visited, expected);
    press(Qt::Key_PageUp);
    EXPECT_EQ(window->cursor(), expected[4]);
    press(Qt::Key_End);
    EXPECT_EQ(window->cursor(), records.size() - 1);
    // In the scenario editor, the arrow is the caret's.
    window->select_record(5);
    window->editor()->setFocus();
    press(Qt::Key_Right);
    EXPECT_EQ(window->cursor(), 5u);
}

// Playback speed: a tick advances 1/3300 of the run times the chosen factor.
TEST_F(gui, playback_speed_scales_how_far_a_tick_advances) {
    const time_ns end = snapshot->focus->end_ns;
    const auto tick_from_start = [&](int speed_index) {
        window->speed_box()->setCurrentIndex(speed_index);
        window->select_record(0);
        window->play_tick();
        return window->cursor();
    };
    const time_ns start = snapshot->focus->records[0].at_ns;
    EXPECT_EQ(tick_from_start(1), snapshot->focus->record_at(start + end / 3300));      // 1x
    EXPECT_EQ(tick_from_start(3), snapshot->focus->record_at(start + end / 3300 * 16)); // 16x
    EXPECT_GT(tick_from_start(3), tick_from_start(1));
}

// F5: larger text, marks and lines for a projector; F5 again: back as before.
TEST_F(gui, presentation_mode_enlarges_text_marks_and_chart_titles_and_toggles_back) {
    window->views()->setCurrentWidget(window->spacetime());
    QApplication::processEvents();
    window->activateWindow();
    QApplication::setActiveWindow(window.get());
    window->spacetime()->setFocus();
    const double font = QApplication::font().pointSizeF();
    const auto chart_title = [&] {
        return window->timeline()->chart()->chart()->titleFont().pointSizeF();
    };
    const double title = chart_title();
    const double editor_text = window->editor()->text_point_size();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5);
    EXPECT_TRUE(window->presentation());
    EXPECT_DOUBLE_EQ(QApplication::font().pointSizeF(), font * 1.6);
    EXPECT_DOUBLE_EQ(window->editor()->text_point_size(), editor_text * 1.6); // its own font
    EXPECT_DOUBLE_EQ(window->spacetime()->mark_scale(), spacetime_view::presentation_scale);
    EXPECT_GT(chart_title(), title * 1.5);
    QApplication::processEvents(); // the font change reaches the widgets as events
    const QImage big = window->spacetime()->grab().toImage();
    window->views()->setCurrentWidget(window->timeline());
    window->grab().save(screenshots + "/presentation-timeline.png");
    window->views()->setCurrentWidget(window->spacetime());
    window->grab().save(screenshots + "/presentation-spacetime.png");
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5);
    EXPECT_FALSE(window->presentation());
    EXPECT_DOUBLE_EQ(QApplication::font().pointSizeF(), font);
    EXPECT_DOUBLE_EQ(window->editor()->text_point_size(), editor_text);
    EXPECT_DOUBLE_EQ(window->spacetime()->mark_scale(), 1.0);
    EXPECT_DOUBLE_EQ(chart_title(), title);
    QApplication::processEvents();
    // Thicker marks cover more of the picture.
    const QImage normal = window->spacetime()->grab().toImage();
    const auto ink = [](const QImage& image) {
        long dark = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                dark += qGray(image.pixel(x, y)) < 160;
        return dark;
    };
    EXPECT_GT(ink(big), ink(normal));
}

TEST_F(gui, spacetime_diagram_draws_every_message_and_conflict_of_the_focus_run) {
    // The focus run again, traced independently.
    class counter final : public trace_sink {
    public:
        void record(const trace_record& r) override {
            sends += r.kind == trace_kind::send;
            delivers += r.kind == trace_kind::deliver;
            conflicts += r.kind == trace_kind::conflict;
        }
        std::size_t sends = 0, delivers = 0, conflicts = 0;
    } count;
    run_once({snapshot->results.points[0].world, snapshot->focus_strategy, snapshot->focus_seed, 0}, &count);
    window->set_time(snapshot->focus->end_ns);
    const spacetime_view& diagram = *window->spacetime();
    EXPECT_EQ(diagram.arrow_count() + diagram.undelivered_count(), count.sends);
    EXPECT_EQ(diagram.arrow_count(), count.delivers); // reliable channels: each send delivered once here
    EXPECT_EQ(diagram.conflict_mark_count(), count.conflicts);
    EXPECT_GT(count.conflicts, 0u);
    // Zoomed out over thousands of messages, only a sample of arrows is drawn.
    window->views()->setCurrentWidget(window->spacetime());
    window->spacetime()->repaint();
    EXPECT_LE(diagram.arrows_drawn_last(), static_cast<std::size_t>(spacetime_view::max_arrows_drawn));
    EXPECT_GT(diagram.arrows_drawn_last(), 0u);
    // Going back in time shows fewer arrows.
    window->set_time(10 * ns_per_s);
    EXPECT_LT(diagram.arrow_count(), count.delivers);
}

TEST_F(gui, stepping_and_time_travel_move_the_inspector) {
    window->set_time(0);
    const std::size_t start = window->cursor();
    window->step();
    EXPECT_EQ(window->cursor(), start + 1);
    window->next_conflict();
    const trace_record& conflict = snapshot->focus->records[window->cursor()];
    EXPECT_EQ(conflict.kind, trace_kind::conflict);
    EXPECT_NE(window->inspector()->headline().indexOf("conflict"), -1);
    // Find a decision and show it: base, theirs, ours and result trees.
    ASSERT_FALSE(snapshot->focus->decisions.empty());
    const std::size_t decision = snapshot->focus->decisions[snapshot->focus->decisions.size() / 2];
    window->set_time(snapshot->focus->records[decision].at_ns);
    EXPECT_EQ(snapshot->focus->records[window->cursor()].at_ns, snapshot->focus->records[decision].at_ns);
    window->run_to(snapshot->focus->records[decision].at_ns);
    const QStringList at_decision = window->inspector()->tree_texts();
    // Time travel to 30 s: the cursor is the last event at or before it.
    window->set_time(30 * ns_per_s);
    EXPECT_LE(window->cursor_time(), 30 * ns_per_s);
    EXPECT_GT(snapshot->focus->records[window->cursor() + 1].at_ns, 30 * ns_per_s);
    // An operation shows the replica's state before and after the change.
    for (std::size_t i = window->cursor(); i < snapshot->focus->records.size(); ++i) {
        if (snapshot->focus->records[i].kind == trace_kind::operation) {
            window->set_time(snapshot->focus->records[i].at_ns);
            while (snapshot->focus->records[window->cursor()].kind != trace_kind::operation) {
                window->step();
            }
            break;
        }
    }
    const QStringList texts = window->inspector()->tree_texts();
    ASSERT_EQ(texts.size(), 2);
    // The 100 todos read 0, 1, 2, ... 99, as a reader counts, not 0, 1, 10, 11.
    const QStringList todos = window->inspector()->child_keys(0, "todos");
    ASSERT_EQ(todos.size(), 100);
    for (int i = 0; i < todos.size(); ++i)
        EXPECT_EQ(todos[i], QString::number(i));
    EXPECT_NE(texts[0], texts[1]);
    EXPECT_NE(texts, at_decision);
}

TEST_F(gui, exports_write_png_svg_and_the_clis_csv_files) {
    const QString dir = QDir::tempPath() + "/immersim-gui-export";
    QDir().mkpath(dir);
    for (QWidget* view : {static_cast<QWidget*>(window->compare()), static_cast<QWidget*>(window->spacetime())}) {
        window->views()->setCurrentWidget(view);
        ASSERT_TRUE(window->export_view(view, dir + "/view.png"));
        ASSERT_TRUE(window->export_view(view, dir + "/view.svg"));
        EXPECT_GT(QFileInfo(dir + "/view.png").size(), 5000);
        EXPECT_GT(QFileInfo(dir + "/view.svg").size(), 5000);
    }
    ASSERT_TRUE(window->export_results(dir));
    EXPECT_GT(QFileInfo(dir + "/runs.csv").size(), 1000);
    EXPECT_GT(QFileInfo(dir + "/summary.csv").size(), 1000);
    // The export says where its numbers come from: the file and its text's digest.
    QFile summary(dir + "/summary.json");
    ASSERT_TRUE(summary.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(summary.readAll()).object();
    EXPECT_EQ(doc["schema_version"].toInt(), 2);
    EXPECT_TRUE(doc["scenario_file"].toString().endsWith("quickstart.yaml"));
    EXPECT_EQ(doc["scenario_digest"].toString().size(), 16);
    EXPECT_EQ(doc["base_seed"].toInt(), 42);
    save_every_view(*window, "quickstart");
}

TEST(gui_editor, an_invalid_scenario_lists_its_errors_at_their_lines_and_a_click_jumps_there) {
    main_window window;
    const std::string text = "name: broken\nduration: soon\ntopology: { clients: 0 }\n"
                             "workload: { rate_per_client: 1/s, ops: [ { increment: n } ] }\n"
                             "compare: [ paxos ]\n";
    window.editor()->set_text(QString::fromStdString(text), "broken.yaml");
    const scenario_load_result direct = load_scenario_text(text, "broken.yaml");
    const QStringList listed = window.editor()->error_lines();
    ASSERT_EQ(static_cast<std::size_t>(listed.size()), direct.errors.size());
    ASSERT_EQ(listed.size(), 3);
    for (int i = 0; i < listed.size(); ++i)
        EXPECT_TRUE(listed[i].startsWith(QString("%1:%2:").arg(direct.errors[i].line).arg(direct.errors[i].column)))
            << listed[i].toStdString();
    EXPECT_TRUE(listed[0].startsWith("2:"));
    window.editor()->jump_to(3, 20);
    EXPECT_EQ(window.editor()->cursor_line(), 3);
    EXPECT_TRUE(window.snapshot() == nullptr); // nothing ran
}

TEST(gui_lesson, a_lesson_shows_its_steps_one_at_a_time_and_every_view_is_captured) {
    main_window window;
    window.resize(1400, 860);
    window.show();
    ASSERT_TRUE(window.open_file(scenarios + "/lessons/02-clock-skew.yaml"));
    EXPECT_EQ(window.lesson()->step_count(), 4);
    window.lesson()->show_step(1);
    EXPECT_EQ(window.lesson()->current_step(), 1);
    ASSERT_TRUE(run_and_wait(window));
    window.show_lesson_tab(true);
    save_every_view(window, "lesson-clock-skew");
}

// Lesson 02: client-0's clock runs behind, so under lww by the physical clock the
// server keeps a value client-0 had already seen and replaced. The inspector must
// say so for that decision, with the timestamps it compared and the rule, from the
// decision record alone (no strategy-specific code in the GUI).
TEST(gui_lesson, the_inspector_says_why_a_write_was_lost_with_the_timestamps_compared) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/02-clock-skew.yaml"));
    const recorded_run& run = *window.snapshot()->focus;
    std::optional<std::size_t> violation;
    for (std::size_t i : run.decisions)
        for (const decision_reason& reason : run.records[i].why)
            if (reason.causality_violation && !violation)
                violation = i;
    ASSERT_TRUE(violation.has_value()) << "lww/physical under a skewed clock breaks causality";
    window.select_record(*violation);
    const QString text = window.inspector()->explanation();
    const decision_reason& reason = run.records[*violation].why.front();
    EXPECT_TRUE(text.contains("Causality violation")) << text.toStdString();
    EXPECT_TRUE(text.contains(
        QString("change %1 stays over change %2").arg(reason.said.winner).arg(reason.said.loser)))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QString::fromStdString(reason.said.compared))) << text.toStdString();
    EXPECT_TRUE(text.contains("lww by the physical clock")) << text.toStdString();
    window.views()->setCurrentIndex(window.views()->count() - 1);
    QDir().mkpath(screenshots);
    window.grab().save(screenshots + "/lesson-clock-skew-causality-violation.png");
}

// A lesson's steps drive the views: each opens on what it names, with its names
// set as code rather than shown with backticks.
TEST(gui_lesson, each_step_shows_what_it_speaks_of) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/03-partition-heal.yaml"));
    lesson_panel* lesson = window.lesson();
    lesson->show_step(0); // `visibility_p99_ms` jumps ...
    EXPECT_EQ(window.views()->currentWidget(), window.compare());
    EXPECT_EQ(window.compare()->bars().isEmpty(), false);
    EXPECT_TRUE(lesson->step_html().contains("<code>visibility_p99_ms</code>"))
        << lesson->step_html().toStdString();
    EXPECT_FALSE(lesson->step_html().contains('`'));
    window.timeline()->select_series(3); // something else first
    lesson->show_step(1);                // On the Timeline, `divergent_replicas` rises ...
    EXPECT_EQ(window.views()->currentWidget(), window.timeline());
    EXPECT_EQ(window.timeline()->series_name(), "divergent_replicas");
    lesson->show_step(2); // ... `overwritten_writes` for resolver ...
    EXPECT_EQ(window.views()->currentWidget(), window.compare());
    // Reopened on the metric the step names, not on the default.
    lesson->show_step(0);
    window.views()->setCurrentWidget(window.compare());
    QApplication::processEvents();
    EXPECT_TRUE(window.compare()->chart()->chart()->title().startsWith("visibility_p99_ms"))
        << window.compare()->chart()->chart()->title().toStdString();
}

// One seed has no spread: the chart must not promise an interval.
// Before the first run the charts say what to do, not a blank area.
TEST(gui_compare, before_a_run_the_charts_say_to_press_run) {
    main_window window;
    EXPECT_TRUE(window.compare()->chart()->chart()->title().startsWith("Press Run"));
    EXPECT_TRUE(window.timeline()->chart()->chart()->title().startsWith("Press Run"));
}

TEST(gui_compare, one_seed_draws_no_interval_and_says_so) {
    main_window window;
    QFile file(scenarios + "/lessons/01-lost-update.yaml");
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    ASSERT_TRUE(text.contains("\nseeds: 5\n"));
    window.editor()->set_text(text.replace("\nseeds: 5\n", "\nseeds: 1\n"), "one-seed.yaml");
    ASSERT_TRUE(run_and_wait(window));
    window.compare()->select_metric(metrics::metric::lost_increments);
    const QString title = window.compare()->chart()->chart()->title();
    EXPECT_TRUE(title.contains("one seed: no interval")) << title.toStdString();
    EXPECT_FALSE(title.contains("95%")) << title.toStdString();
    for (const bar_with_interval& bar : window.compare()->bars())
        EXPECT_EQ(bar.half_width, 0.0) << bar.label.toStdString();
}

// CRDT replicas commit nothing, so they have no commit latency: their bar says
// so, and the others' intervals still count as five seeds' (not "one seed").
TEST(gui_compare, a_strategy_without_a_value_says_so_and_leaves_the_others_intervals) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/01-lost-update.yaml"));
    window.compare()->select_metric(metrics::metric::commit_latency_p99_ms);
    const QString title = window.compare()->chart()->chart()->title();
    EXPECT_TRUE(title.contains("mean over 5 seeds, 95% CI")) << title.toStdString();
    const auto bars = window.compare()->bars();
    ASSERT_EQ(bars.size(), 4);
    EXPECT_EQ(bars[3].label, "crdt");
    EXPECT_TRUE(bars[3].missing);
    QApplication::processEvents();
    const QStringList drawn = chart_texts(window.compare()->chart());
    EXPECT_TRUE(drawn.contains("crdt: no value")) << drawn.join("|").toStdString();
    EXPECT_FALSE(bars[0].missing);
    EXPECT_GT(bars[0].half_width, 0.0);
}

// Lesson 01 is about lost updates: under `none` the space-time diagram must mark
// every decision that lost a write, not only the conflicts.
TEST(gui_lesson, the_spacetime_diagram_marks_every_lost_write) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/01-lost-update.yaml"));
    const recorded_run& run = *window.snapshot()->focus;
    ASSERT_EQ(window.snapshot()->results.base().compare[window.snapshot()->focus_strategy].label(),
              "none");
    window.set_time(run.end_ns);
    std::size_t losing = 0;
    for (std::size_t i : run.decisions)
        losing += std::any_of(run.records[i].why.begin(), run.records[i].why.end(),
                              [](const decision_reason& d) { return d.lost; });
    EXPECT_GT(losing, 0u) << "none loses increments in this lesson";
    EXPECT_EQ(window.spacetime()->lost_write_mark_count(), losing);
    window.views()->setCurrentWidget(window.spacetime());
    window.spacetime()->zoom_to(0, 2 * ns_per_s);
    QApplication::processEvents();
    QDir().mkpath(screenshots);
    window.grab().save(screenshots + "/lesson-lost-update-spacetime.png");
    // A time ruler in seconds at round steps under the lanes.
    EXPECT_EQ(window.spacetime()->ruler_labels_last(),
              QStringList({"0 s", "0.5 s", "1 s", "1.5 s", "2 s"}));
}

// A world of many documents: the charts compare the strategies as ever; the
// diagram follows the first document, with one lane per member (its host, then
// its clients) named as the world names them.
TEST(gui_documents, a_world_of_documents_shows_its_charts_and_its_first_documents_lanes) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "documents.yaml"));
    window.compare()->select_metric(metrics::metric::conflict_rate);
    const auto bars = window.compare()->bars();
    ASSERT_EQ(bars.size(), 5u);
    for (const bar_with_interval& bar : bars)
        EXPECT_GT(bar.mean, 0.1) << bar.label.toStdString(); // crowded boards conflict
    EXPECT_TRUE(save_screenshot(window, "documents-compare"));

    const recorded_run& focus = *window.snapshot()->focus;
    ASSERT_FALSE(focus.records.empty());
    // Document 0, the most popular under Zipf: server-0 and dozens of its 200 clients.
    ASSERT_GT(focus.node_names.size(), 20u);
    ASSERT_LT(focus.node_names.size(), 200u);
    EXPECT_EQ(focus.node_names[0], "server-0");
    EXPECT_EQ(focus.node_names[1].rfind("client-", 0), 0u);
    for (const trace_record& r : focus.records)
        ASSERT_LT(r.node, focus.node_names.size());
    EXPECT_TRUE(window.statusBar()->currentMessage().contains("its document 0 of 20"))
        << window.statusBar()->currentMessage().toStdString();
    window.views()->setCurrentWidget(window.spacetime());
    QApplication::processEvents();
    EXPECT_TRUE(save_screenshot(window, "documents-spacetime"));
}

// Any edited document can be followed: its members on the lanes (as the plan of
// that seed has them), the study's results unchanged, and the next study (a run
// again) follows it too. A document that does not exist is refused.
TEST(gui_documents, the_diagram_follows_the_document_chosen) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "documents.yaml"));
    const std::uint64_t digest = window.snapshot()->results.digest;
    const scenario& world = *window.snapshot()->results.points.front().world;
    const document_plan plan = plan_documents(world, window.snapshot()->focus_seed);
    const std::uint32_t chosen = 7;
    ASSERT_FALSE(plan.members[chosen].empty());
    ASSERT_TRUE(wait(window, [&] { EXPECT_TRUE(window.follow_document(chosen)); }));
    const recorded_run& focus = *window.snapshot()->focus;
    EXPECT_EQ(focus.document_followed, chosen);
    ASSERT_EQ(focus.node_names.size(), plan.members[chosen].size());
    const std::vector<std::string> names = node_names(world.topology);
    for (std::size_t local = 0; local < focus.node_names.size(); ++local)
        EXPECT_EQ(focus.node_names[local], names[plan.members[chosen][local]]) << local;
    EXPECT_FALSE(focus.records.empty());
    EXPECT_EQ(window.snapshot()->results.digest, digest) << "the study is not run again";
    EXPECT_TRUE(window.statusBar()->currentMessage().contains("its document 7 of 20"))
        << window.statusBar()->currentMessage().toStdString();
    window.views()->setCurrentWidget(window.spacetime());
    QApplication::processEvents();
    EXPECT_TRUE(save_screenshot(window, "documents-follow-7"));
    ASSERT_TRUE(run_and_wait(window));
    EXPECT_EQ(window.snapshot()->focus->document_followed, chosen) << "a new study keeps it";
    EXPECT_FALSE(window.follow_document(20));
    EXPECT_TRUE(window.statusBar()->currentMessage().contains("There is no document 20"));
}

// Every document at once: the topology's nodes on the lanes, each server on its
// own, each document's clients in one group (as the seed's plan assigns them);
// changes known by document and number; a lost write's winner and loser are
// changes of its own document. The study is not run again.
TEST(gui_documents, every_document_at_once_groups_the_lanes_by_document) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "documents.yaml"));
    const std::uint64_t digest = window.snapshot()->results.digest;
    const scenario& world = *window.snapshot()->results.points.front().world;
    const document_plan plan = plan_documents(world, window.snapshot()->focus_seed);
    ASSERT_TRUE(
        wait(window, [&] { EXPECT_TRUE(window.follow_document(recorded_run::all_documents)); }));
    EXPECT_EQ(window.snapshot()->results.digest, digest) << "the study is not run again";
    const recorded_run& focus = *window.snapshot()->focus;
    ASSERT_TRUE(focus.every_document());
    ASSERT_EQ(focus.node_names, node_names(world.topology));
    EXPECT_TRUE(window.statusBar()->currentMessage().contains("all its 20 documents: 202 nodes"))
        << window.statusBar()->currentMessage().toStdString();

    const lane_layout& lanes = window.spacetime()->lanes();
    std::size_t servers = 0, groups = 0;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const lane_layout::lane& lane = lanes.at(i);
        if (focus.node_is_server[lane.nodes.front()]) {
            ++servers;
            continue;
        }
        groups += lane.group ? 1 : 0;
        // "document 3 (13)", or "document 15: client-115" for a document of one client
        const QRegularExpressionMatch m =
            QRegularExpression(R"(^document (\d+)(?: \((\d+)\)|: (client-\d+))$)").match(lane.name);
        ASSERT_TRUE(m.hasMatch()) << lane.name.toStdString();
        const auto& members = plan.members.at(m.captured(1).toUInt());
        const std::vector<std::uint32_t> clients(members.begin() + plan.servers_per_document,
                                                 members.end());
        EXPECT_EQ(lane.nodes, clients) << lane.name.toStdString();
        if (lane.group)
            EXPECT_EQ(m.captured(2).toUInt(), clients.size());
        else
            EXPECT_EQ(m.captured(3).toStdString(), focus.node_names[clients.front()]);
    }
    EXPECT_EQ(servers, 2u);
    std::size_t crowded = 0, alone = 0; // a document of one client is that client's lane
    for (const auto& members : plan.members)
        (members.size() > plan.servers_per_document + 1 ? crowded : alone) +=
            members.empty() ? 0 : 1;
    EXPECT_EQ(groups, crowded);
    EXPECT_EQ(lanes.size(), servers + crowded + alone);

    // One lane per node, 202 of them: too close for every name, but every few
    // lanes keep theirs (past 64 lanes there used to be none).
    window.views()->setCurrentWidget(window.spacetime());
    window.spacetime()->set_grouping(lane_grouping::none);
    window.spacetime()->repaint();
    const QStringList drawn = window.spacetime()->lane_labels_last();
    EXPECT_GT(drawn.size(), 10);
    EXPECT_LT(drawn.size(), 202);
    ASSERT_FALSE(drawn.empty());
    EXPECT_EQ(drawn.front(), "server-0");
    EXPECT_TRUE(save_screenshot(window, "documents-all-one-lane-per-node"));
    window.spacetime()->set_grouping(lane_grouping::document);

    // Changes of different documents share numbers; the views' keys do not.
    std::set<std::uint64_t> keys;
    std::set<std::uint32_t> documents;
    for (const trace_record& r : focus.records)
        if (r.kind == trace_kind::operation) {
            EXPECT_TRUE(keys.insert(r.change).second) << change_name(r.change).toStdString();
            documents.insert(r.document);
            EXPECT_TRUE(change_name(r.change).endsWith(QString(" of document %1").arg(r.document)));
        }
    EXPECT_GT(documents.size(), 10u);

    // Last writer wins loses writes; each lost one is told with its own document's changes.
    ASSERT_TRUE(wait(window, [&] { window.set_focus_strategy(1); }));
    const recorded_run& lww = *window.snapshot()->focus;
    ASSERT_TRUE(lww.every_document()) << "a new focus keeps every document";
    std::size_t stories = 0;
    for (std::size_t landmark : lww.landmarks) {
        const auto story = lost_update_at(lww, landmark);
        if (!story || story->loser_operation == recorded_message::none)
            continue;
        ++stories;
        const std::uint32_t document = lww.records[landmark].document;
        EXPECT_EQ(lww.records[story->loser_operation].document, document);
        if (story->winner_operation != recorded_message::none) {
            EXPECT_EQ(lww.records[story->winner_operation].document, document);
        }
        EXPECT_TRUE(story->sentence.contains(QString("of document %1").arg(document)))
            << story->sentence.toStdString();
    }
    EXPECT_GT(stories, 0u);

    // A change is found by its document and number.
    const trace_record& some =
        lww.records[*std::find_if(lww.decisions.begin(), lww.decisions.end(),
                                  [&](std::size_t d) { return lww.records[d].document == 7; })];
    const QString name = change_name(some.change);
    EXPECT_TRUE(name.endsWith("of document 7")) << name.toStdString();
    ASSERT_TRUE(window.spacetime()->find(name));
    EXPECT_EQ(lww.records[window.cursor()].change, some.change);
    EXPECT_EQ(lww.records[window.cursor()].kind, trace_kind::operation);

    window.views()->setCurrentWidget(window.spacetime());
    window.spacetime()->clear_highlight();
    window.set_time(12 * ns_per_s);
    QApplication::processEvents();
    EXPECT_TRUE(save_screenshot(window, "documents-all"));
}

} // namespace
} // namespace immersim::gui

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // A text cursor that does not blink: otherwise whether a screenshot shows the
    // editor's cursor depends on when it was taken, and the images in docs/ would
    // change from run to run.
    QApplication::setCursorFlashTime(0);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
