// Lessons drive the GUI: a step that names a strategy makes it the focus (its run
// recorded, the study's results kept), a step that names a view opens it, and a
// step about a lost update or a causality violation shows the first one whole.
#include "compare_view.hpp"
#include "gui_support.hpp"
#include "immersim/run/runner.hpp"
#include "inspector_view.hpp"
#include "lesson_panel.hpp"
#include "main_window.hpp"
#include "spacetime_view.hpp"

#include <QApplication>
#include <QComboBox>
#include <QTabWidget>
#include <gtest/gtest.h>

namespace immersim::gui {
namespace {

using namespace testing_support;

std::string focus_label(const main_window& w) {
    return w.snapshot()->results.base().compare[w.snapshot()->focus_strategy].label();
}

TEST(lesson_steps, a_step_naming_a_strategy_records_its_run_and_keeps_the_study) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/01-lost-update.yaml"));
    const std::string digest = format_digest(window.snapshot()->results.digest);
    ASSERT_EQ(focus_label(window), "none");
    window.lesson()->show_step(1); // `merge` with `sum` ...
    ASSERT_TRUE(wait_for_runner(window));
    EXPECT_EQ(focus_label(window), "merge");
    EXPECT_EQ(format_digest(window.snapshot()->results.digest), digest) << "the study is kept";
    window.lesson()->show_step(2); // `occ` ...: the first word of "occ version/retry 20"
    ASSERT_TRUE(wait_for_runner(window));
    EXPECT_EQ(focus_label(window), "occ version/retry 20");
    EXPECT_EQ(window.views()->currentWidget(), window.compare()) << "`retried` opens Compare";
    // The recorded run is that strategy's: OCC's server rejects stale commits.
    const auto& messages = window.snapshot()->focus->messages;
    EXPECT_TRUE(std::any_of(messages.begin(), messages.end(), [](const recorded_message& m) {
        return m.role == message_role::reject;
    }));
}

TEST(lesson_steps, the_lost_update_step_shows_the_first_one_whole_on_the_spacetime_view) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/01-lost-update.yaml"));
    window.lesson()->show_step(1); // the focus moves to merge first
    ASSERT_TRUE(wait_for_runner(window));
    window.lesson()->show_step(4); // back to `none`, on the Space-time view
    ASSERT_TRUE(wait_for_runner(window));
    EXPECT_EQ(focus_label(window), "none");
    EXPECT_EQ(window.views()->currentWidget(), window.spacetime());
    ASSERT_TRUE(window.spacetime()->story().has_value());
    const recorded_run& run = *window.snapshot()->focus;
    std::size_t first_lost = SIZE_MAX;
    for (std::size_t d : run.decisions)
        if (first_lost == SIZE_MAX && loses_a_write(run.records[d]))
            first_lost = d;
    EXPECT_EQ(window.spacetime()->story()->decision, first_lost);
    EXPECT_TRUE(window.inspector()->explanation().contains("was lost at"));
}

TEST(lesson_steps, the_clock_skew_step_shows_the_causality_violation_with_the_slow_clock) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/02-clock-skew.yaml"));
    window.lesson()->show_step(2);
    ASSERT_TRUE(wait_for_runner(window));
    EXPECT_EQ(focus_label(window), "resolver lww/physical");
    EXPECT_EQ(window.views()->currentWidget(), window.spacetime());
    ASSERT_TRUE(window.spacetime()->story().has_value());
    const lost_update& story = *window.spacetime()->story();
    const recorded_run& run = *window.snapshot()->focus;
    ASSERT_NE(story.loser_operation, SIZE_MAX);
    EXPECT_EQ(run.node_names[run.records[story.loser_operation].node], "client-0")
        << "the slow clock's write is the one lost";
    const QString text = window.inspector()->explanation();
    EXPECT_TRUE(text.contains("a causality violation")) << text.toStdString();
    window.spacetime()->repaint();
    EXPECT_TRUE(window.spacetime()->clock_labels_last().join(' ').contains("-300 ms"));
}

// Every step of the first three lessons, as a teacher clicks through them: each
// shows its text, opens a view, and is saved as a picture for docs/gui.md.
TEST(lesson_steps, every_step_of_lessons_01_to_03_is_captured) {
    for (const QString lesson : {"01-lost-update", "02-clock-skew", "03-partition-heal"}) {
        main_window window;
        ASSERT_TRUE(show_and_run(window, "lessons/" + lesson + ".yaml"));
        window.show_lesson_tab(true);
        const int steps = window.lesson()->step_count();
        ASSERT_GE(steps, 3) << lesson.toStdString();
        for (int step = 0; step < steps; ++step) {
            window.lesson()->show_step(step);
            ASSERT_TRUE(wait_for_runner(window));
            EXPECT_TRUE(window.lesson()->step_html().contains(
                QString("Step %1 of %2").arg(step + 1).arg(steps)));
            ASSERT_TRUE(save_screenshot(window, QString("%1-step-%2").arg(lesson).arg(step + 1)));
        }
    }
}

} // namespace
} // namespace immersim::gui
