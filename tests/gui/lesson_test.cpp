// Lessons drive the GUI: a step that names a strategy makes it the focus (its run
// recorded, the study's results kept), a step that names a view opens it, and a
// step about a lost update or a causality violation shows the first one whole.
#include "compare_view.hpp"
#include "gui_support.hpp"
#include "immersim/run/runner.hpp"
#include "inspector_view.hpp"
#include "lesson_panel.hpp"
#include "main_window.hpp"
#include "side_by_side_view.hpp"
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

// Lesson 02's step 4 names two strategies: they are shown side by side. Common
// random numbers make the worlds the same edits at the same times; the decisions
// that differ are ringed, and the causality violation under the physical clock is
// one of them, kept under the HLC.
// Lesson 06's step 2: under priority client-0's writes are never the discarded
// ones at the server; under lww some are. Counted on the two runs shown.
TEST(lesson_steps, the_favoured_client_loses_nothing_under_priority_side_by_side) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/06-favour-a-client.yaml"));
    window.lesson()->show_step(1);
    ASSERT_TRUE(wait_for_runner(window));
    EXPECT_EQ(window.views()->currentWidget(), window.side_by_side());
    const auto discarded_from_chief = [](const recorded_run& run) {
        std::size_t n = 0;
        for (std::size_t d : run.decisions)
            n += run.node_names[run.records[d].node] == "server-0" &&
                 run.node_names[run.records[d].peer] == "client-0" &&
                 run.records[d].detail == "discarded";
        return n;
    };
    ASSERT_TRUE(window.snapshot()->partner);
    EXPECT_EQ(discarded_from_chief(*window.snapshot()->focus), 0u);
    EXPECT_GT(discarded_from_chief(*window.snapshot()->partner), 0u);
}

TEST(lesson_steps, a_step_naming_two_strategies_shows_them_side_by_side_with_their_differences) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/02-clock-skew.yaml"));
    window.lesson()->show_step(3);
    ASSERT_TRUE(wait_for_runner(window));
    side_by_side_view* side = window.side_by_side();
    EXPECT_EQ(window.views()->currentWidget(), side);
    const auto& study = *window.snapshot();
    ASSERT_TRUE(study.partner);
    EXPECT_EQ(study.results.base().compare[study.focus_strategy].label(), "resolver lww/physical");
    EXPECT_EQ(study.results.base().compare[*study.partner_strategy].label(), "resolver lww/hlc");
    const recorded_run& physical = *study.focus;
    const recorded_run& hlc = *study.partner;
    // The same edits at the same times, by the same nodes, until the decisions
    // part ways (after that an edit may change something in one run only).
    const auto& top = side->differing_top();
    ASSERT_FALSE(top.empty());
    const time_ns parted = std::min(physical.records[top.front()].at_ns,
                                    hlc.records[side->differing_bottom().front()].at_ns);
    const auto edits = [parted](const recorded_run& run) {
        std::vector<std::tuple<time_ns, std::uint32_t, std::string>> found;
        for (const trace_record& r : run.records)
            if (r.kind == trace_kind::operation && r.at_ns < parted)
                found.emplace_back(r.at_ns, r.node, r.detail);
        return found;
    };
    EXPECT_FALSE(edits(physical).empty());
    EXPECT_EQ(edits(physical), edits(hlc));
    // The first causality violation under the physical clock is a difference, and
    // the HLC run applied that change where the physical one did not.
    std::size_t violation = SIZE_MAX;
    for (std::size_t d : physical.decisions)
        for (const decision_reason& r : physical.records[d].why)
            if (violation == SIZE_MAX && r.causality_violation)
                violation = d;
    ASSERT_NE(violation, SIZE_MAX);
    EXPECT_NE(std::find(top.begin(), top.end(), violation), top.end());
    const trace_record& lost = physical.records[violation];
    const std::uint64_t kept = lost.why.front().said.loser; // the same id: before the parting
    ASSERT_LE(lost.at_ns, parted);
    bool hlc_kept_it = false;
    for (std::size_t d : hlc.decisions)
        for (const decision_reason& r : hlc.records[d].why)
            hlc_kept_it =
                hlc_kept_it || (hlc.records[d].node == lost.node && r.said.winner == kept);
    EXPECT_TRUE(hlc_kept_it) << "the HLC keeps change " << kept;
    EXPECT_FALSE(side->differing_bottom().empty());
    // Drawn: the rings on both diagrams, at the end of the run.
    window.set_time(physical.end_ns);
    side->top()->repaint();
    side->bottom()->repaint();
    EXPECT_EQ(side->top()->marked_drawn_last(), top.size());
    EXPECT_EQ(side->bottom()->marked_drawn_last(), side->differing_bottom().size());
}

// Every step of every lesson, as a teacher clicks through them: each shows its
// text, and is saved as a picture (docs/gui.md walks through lessons 01-03).
TEST(lesson_steps, every_step_of_every_lesson_is_captured) {
    for (const QString lesson :
         {"01-lost-update", "02-clock-skew", "03-partition-heal", "04-occ-contention",
          "05-merge-functions", "06-favour-a-client", "07-shared-list"}) {
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
