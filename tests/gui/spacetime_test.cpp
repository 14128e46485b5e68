// The space-time diagram as a teaching instrument: a click lights up an event's
// causal past and future (checked against a breadth-first search of the
// happened-before graph, a different algorithm from the view's), one action shows
// a lost update whole, hovering an arrow tells what the message carried, and each
// lane shows its node's clock.
#include "causality.hpp"
#include "gui_support.hpp"
#include "inspector_view.hpp"
#include "lesson_panel.hpp"
#include "main_window.hpp"
#include "scenario_editor.hpp"
#include "spacetime_view.hpp"
#include "timeline_view.hpp"

#include <QApplication>
#include <QFile>
#include <QStatusBar>
#include <QTabWidget>
#include <QtTest/QTest>
#include <deque>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace immersim::gui {
namespace {

using namespace testing_support;

// Happened-before as a graph: each event to the next on its node, each send to
// its delivery. Returns the records reachable from `start`, forward or backward.
std::vector<bool> reachable(const recorded_run& run, std::size_t start, bool forward) {
    const std::size_t n = run.records.size();
    std::vector<std::vector<std::size_t>> next(n), previous(n);
    std::vector<std::size_t> last_on_node(run.node_names.size(), SIZE_MAX);
    for (std::size_t i = 0; i < n; ++i) {
        const trace_record& r = run.records[i];
        if (r.kind == trace_kind::fault)
            continue;
        if (last_on_node[r.node] != SIZE_MAX) {
            next[last_on_node[r.node]].push_back(i);
            previous[i].push_back(last_on_node[r.node]);
        }
        last_on_node[r.node] = i;
    }
    std::map<std::uint64_t, std::size_t> sent; // message id to its send record
    for (std::size_t i = 0; i < n; ++i) {
        const trace_record& r = run.records[i];
        if (r.kind == trace_kind::send)
            sent[r.message] = i;
        if (r.kind == trace_kind::deliver && sent.count(r.message)) { // every delivery
            next[sent[r.message]].push_back(i);
            previous[i].push_back(sent[r.message]);
        }
    }
    std::vector<bool> seen(n, false);
    std::deque<std::size_t> queue{start};
    seen[start] = true;
    while (!queue.empty()) {
        const std::size_t at = queue.front();
        queue.pop_front();
        for (std::size_t to : forward ? next[at] : previous[at])
            if (!seen[to]) {
                seen[to] = true;
                queue.push_back(to);
            }
    }
    return seen;
}

std::set<std::size_t> as_set(const std::vector<std::size_t>& v) {
    return {v.begin(), v.end()};
}

// Lesson 01: a small run where `none` loses increments.
class causality : public ::testing::Test {
protected:
    void SetUp() override {
        window.resize(1400, 860);
        window.show();
        ASSERT_TRUE(window.open_file(scenarios + "/lessons/01-lost-update.yaml"));
        ASSERT_TRUE(run_and_wait(window));
    }
    const recorded_run& run() const { return *window.snapshot()->focus; }
    main_window window;
};

TEST_F(causality, a_click_lights_up_the_events_causal_past_and_future) {
    // A decision in the middle of the run: it has both a past and a future.
    ASSERT_FALSE(run().decisions.empty());
    const std::size_t anchor = run().decisions[run().decisions.size() / 2];
    const time_ns t = run().records[anchor].at_ns;
    window.views()->setCurrentWidget(window.spacetime());
    window.spacetime()->zoom_to(t - ns_per_s / 2, t + ns_per_s / 2);
    QApplication::processEvents();
    QTest::mouseClick(window.spacetime(), Qt::LeftButton, {},
                      window.spacetime()->position_of(anchor).toPoint());
    QApplication::processEvents();
    EXPECT_EQ(window.views()->currentWidget(), window.spacetime())
        << "a click stays on the diagram";
    ASSERT_TRUE(window.spacetime()->cone().has_value());
    const causal_cone& cone = *window.spacetime()->cone();
    ASSERT_EQ(cone.anchor, window.cursor()) << "the click selects the nearest event";
    const std::size_t clicked = cone.anchor;
    // Every event is in the past (future) exactly when the graph search reaches it.
    const std::vector<bool> past = reachable(run(), clicked, false);
    const std::vector<bool> future = reachable(run(), clicked, true);
    std::set<std::size_t> past_messages, future_messages;
    for (std::size_t i = 0; i < run().records.size(); ++i) {
        const trace_record& r = run().records[i];
        ASSERT_EQ(cone.in_past(r, i), past[i]) << "record " << i;
        ASSERT_EQ(cone.in_future(r, i), future[i]) << "record " << i;
    }
    for (std::size_t m = 0; m < run().messages.size(); ++m) {
        const recorded_message& msg = run().messages[m];
        if (msg.deliver_record != SIZE_MAX && past[msg.deliver_record])
            past_messages.insert(m);
        if (future[msg.send_record])
            future_messages.insert(m);
    }
    EXPECT_EQ(as_set(cone.past_messages), past_messages);
    EXPECT_EQ(as_set(cone.future_messages), future_messages);
    EXPECT_GT(past_messages.size(), 0u);
    EXPECT_GT(future_messages.size(), 0u);
    // Drawn: every message of both in view, the future beyond the cursor too.
    window.spacetime()->repaint();
    const auto in_view = [&](const std::set<std::size_t>& messages) {
        std::size_t n = 0;
        for (std::size_t m : messages)
            n += run().messages[m].delivered_ns >= window.spacetime()->view_from() &&
                 run().messages[m].sent_ns <= window.spacetime()->view_until();
        return n;
    };
    EXPECT_GT(in_view(past_messages), 0u);
    EXPECT_GT(in_view(future_messages), 0u);
    EXPECT_EQ(window.spacetime()->highlighted_last().past, in_view(past_messages));
    EXPECT_EQ(window.spacetime()->highlighted_last().future, in_view(future_messages));
    save_screenshot(window, "spacetime-causality");
    // A double click opens the inspector on it; a click on nothing clears it.
    QTest::mouseDClick(window.spacetime(), Qt::LeftButton, {},
                       window.spacetime()->position_of(clicked).toPoint());
    EXPECT_EQ(window.views()->currentWidget(), window.inspector());
    window.views()->setCurrentWidget(window.spacetime());
    QTest::mouseClick(window.spacetime(), Qt::LeftButton, {},
                      QPoint(window.spacetime()->width() - 12, 50));
    EXPECT_FALSE(window.spacetime()->cone().has_value());
}

TEST_F(causality, show_lost_update_marks_both_writes_what_they_had_seen_and_the_overwrite) {
    // From the lost change's own edit, not the decision: any event of it will do.
    std::optional<std::size_t> decision;
    for (std::size_t i : run().decisions)
        if (!decision && loses_a_write(run().records[i]))
            decision = i;
    ASSERT_TRUE(decision.has_value()) << "none loses increments in lesson 01";
    const decision_reason* reason = nullptr;
    for (const decision_reason& r : run().records[*decision].why)
        if (!reason && r.lost)
            reason = &r;
    const std::uint64_t loser = reason->said.loser, winner = reason->said.winner;
    const std::size_t loser_op = run().operation_of(loser, *decision);
    const std::size_t winner_op = run().operation_of(winner, *decision);
    ASSERT_NE(loser_op, SIZE_MAX);
    ASSERT_NE(winner_op, SIZE_MAX);
    window.select_record(loser_op);
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    window.views()->setCurrentWidget(window.timeline()); // the key works on any view
    window.timeline()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L);
    QApplication::processEvents();
    EXPECT_EQ(window.views()->currentWidget(), window.spacetime());
    ASSERT_TRUE(window.spacetime()->story().has_value());
    const lost_update& story = *window.spacetime()->story();
    EXPECT_EQ(story.decision, *decision);
    EXPECT_EQ(window.cursor(), *decision) << "the cursor goes to the overwrite";
    EXPECT_EQ(story.loser_operation, loser_op);
    EXPECT_EQ(story.winner_operation, winner_op);
    // The two writes were concurrent: neither in the other's causal past.
    EXPECT_FALSE(reachable(run(), winner_op, false)[loser_op]);
    EXPECT_FALSE(reachable(run(), loser_op, false)[winner_op]);
    // What both had seen: on each node, the last event in both causal pasts.
    const std::vector<bool> a = reachable(run(), loser_op, false),
                            b = reachable(run(), winner_op, false);
    for (std::uint32_t n = 0; n < run().node_names.size(); ++n) {
        std::size_t last = SIZE_MAX;
        for (std::size_t i = 0; i < run().records.size(); ++i)
            if (run().records[i].kind != trace_kind::fault && run().records[i].node == n && a[i] &&
                b[i])
                last = i;
        EXPECT_EQ(story.common_past_until[n], last) << run().node_names[n];
    }
    // The last message each writer received before writing: here both are the
    // server's sync of one version, sent at the same moment.
    std::vector<std::size_t> last_received;
    for (std::size_t op : {loser_op, winner_op}) {
        std::size_t last = SIZE_MAX;
        for (std::size_t m = 0; m < run().messages.size(); ++m) {
            const recorded_message& msg = run().messages[m];
            if (msg.to == run().records[op].node && msg.deliver_record < op &&
                (last == SIZE_MAX || msg.deliver_record > run().messages[last].deliver_record))
                last = m;
        }
        ASSERT_NE(last, SIZE_MAX) << "in lesson 01 both writers had read a synced count";
        last_received.push_back(last);
    }
    EXPECT_EQ(story.last_received, last_received);
    EXPECT_EQ(run().messages[last_received[0]].sent_ns, run().messages[last_received[1]].sent_ns);
    EXPECT_EQ(run().node_names[run().messages[last_received[0]].from], "server-0");
    // Framed from the value both read (the newest event both had seen) to the
    // overwrite: the shared past is in view, not off to the left.
    time_ns newest_shared = 0;
    for (std::size_t r : story.common_past_until)
        if (r != SIZE_MAX)
            newest_shared = std::max(newest_shared, run().records[r].at_ns);
    ASSERT_GT(newest_shared, 0) << "both writes had seen some of the run";
    for (time_ns t : {newest_shared, run().records[loser_op].at_ns, run().records[winner_op].at_ns,
                      run().records[*decision].at_ns}) {
        EXPECT_LT(window.spacetime()->view_from(), t);
        EXPECT_GT(window.spacetime()->view_until(), t);
    }
    // Drawn: both writes and the overwrite labelled, the messages carrying each.
    window.spacetime()->repaint();
    const auto& drawn = window.spacetime()->highlighted_last();
    EXPECT_EQ(drawn.labels, QStringList({QString("stayed: change %1").arg(winner),
                                         QString("lost: change %1").arg(loser), "overwrite"}));
    EXPECT_GT(drawn.winner, 0u);
    EXPECT_GT(drawn.loser, 0u);
    EXPECT_EQ(drawn.last_received, 2u) << "both syncs of the value both read are in view";
    // Said in one sentence, with what was compared and the winner.
    const QString text = window.inspector()->explanation();
    EXPECT_TRUE(text.contains(QString("change %1").arg(loser) + " (")) << text.toStdString();
    EXPECT_TRUE(text.contains("was lost at")) << text.toStdString();
    EXPECT_TRUE(text.contains(QString("change %1 (").arg(winner))) << text.toStdString();
    EXPECT_TRUE(text.contains(QString::fromStdString(reason->said.compared))) << text.toStdString();
    EXPECT_TRUE(text.contains("Neither write had seen the other")) << text.toStdString();
    save_screenshot(window, "lesson-lost-update-story");
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    EXPECT_FALSE(window.spacetime()->story().has_value());
}

TEST_F(causality, show_lost_update_says_so_where_no_write_was_lost) {
    // A change that neither lost a write nor lost one to another.
    std::set<std::uint64_t> involved;
    for (std::size_t i : run().decisions)
        for (const decision_reason& r : run().records[i].why)
            if (r.lost)
                involved.insert({r.said.winner, r.said.loser});
    std::optional<std::size_t> quiet;
    for (std::size_t i = 0; i < run().records.size() && !quiet; ++i)
        if (run().records[i].kind == trace_kind::operation &&
            !involved.count(run().records[i].change))
            quiet = i;
    ASSERT_TRUE(quiet.has_value());
    window.select_record(*quiet);
    EXPECT_FALSE(window.show_lost_update());
    EXPECT_FALSE(window.spacetime()->story().has_value());
    EXPECT_TRUE(window.statusBar()->currentMessage().startsWith("No write was lost here"));
}

TEST_F(causality, arrows_are_coloured_by_what_they_carry_and_hovering_tells_it) {
    window.views()->setCurrentWidget(window.spacetime());
    window.set_time(run().end_ns);
    window.spacetime()->zoom_to(0, 2 * ns_per_s);
    window.spacetime()->repaint();
    const auto& roles = window.spacetime()->arrows_by_role_last();
    EXPECT_GT(roles[static_cast<std::size_t>(message_role::commit)], 0u);
    EXPECT_GT(roles[static_cast<std::size_t>(message_role::sync)], 0u);
    // Hover the middle of the first message delivered in view.
    const recorded_message* shown = nullptr;
    for (const recorded_message& m : run().messages)
        if (!shown && m.delivered_ns > 0 && m.delivered_ns < 2 * ns_per_s)
            shown = &m;
    ASSERT_NE(shown, nullptr);
    const QPointF middle = (window.spacetime()->position_of(shown->send_record) +
                            window.spacetime()->position_of(shown->deliver_record)) /
                           2;
    const QString details = window.spacetime()->details_at(middle);
    const std::string what = run().records[shown->send_record].detail;
    EXPECT_TRUE(details.startsWith(QString::fromStdString(what) +
                                   QString(", change %1").arg(shown->change)))
        << details.toStdString();
    EXPECT_TRUE(details.contains(QString("%1 bytes").arg(shown->bytes))) << details.toStdString();
    EXPECT_TRUE(details.contains(QString::fromStdString(run().node_names[shown->from]) +
                                 " \u2192 " + QString::fromStdString(run().node_names[shown->to])))
        << details.toStdString();
    EXPECT_TRUE(details.contains("delivered")) << details.toStdString();
    EXPECT_TRUE(window.spacetime()->details_at(QPointF(5, 5)).isEmpty()) << "nothing there";
    save_screenshot(window, "spacetime-message-kinds");
}

// Lesson 03: clients 3 to 5 are cut off from 10 s to 30 s. An edit of client-4's
// during the cut influences nothing across it before the heal, and everything
// after: the teacher's step 4, clicked.
TEST(spacetime_partition, a_causal_future_waits_on_its_side_of_the_cut_until_the_heal) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/03-partition-heal.yaml"));
    const recorded_run& run = *window.snapshot()->focus;
    std::size_t edit = SIZE_MAX;
    for (std::size_t i = 0; i < run.records.size() && edit == SIZE_MAX; ++i)
        if (run.records[i].kind == trace_kind::operation &&
            run.node_names[run.records[i].node] == "client-4" &&
            run.records[i].at_ns > 15 * ns_per_s)
            edit = i;
    ASSERT_NE(edit, SIZE_MAX);
    window.views()->setCurrentWidget(window.spacetime());
    window.spacetime()->zoom_to(5 * ns_per_s, 40 * ns_per_s);
    QApplication::processEvents();
    QTest::mouseClick(window.spacetime(), Qt::LeftButton, {},
                      window.spacetime()->position_of(edit).toPoint());
    ASSERT_TRUE(window.spacetime()->cone().has_value());
    const causal_cone& cone = *window.spacetime()->cone();
    ASSERT_EQ(run.node_names[run.records[cone.anchor].node], "client-4");
    const std::set<std::string> cut = {"client-3", "client-4", "client-5"};
    std::size_t across = 0;
    for (std::size_t m : cone.future_messages) {
        const recorded_message& msg = run.messages[m];
        if (msg.delivered_ns < 0 || cut.count(run.node_names[msg.to]))
            continue;
        ++across;
        EXPECT_GE(msg.delivered_ns, 30 * ns_per_s) << "message " << msg.id << " crossed the cut";
    }
    EXPECT_GT(across, 0u) << "after the heal the edit's future reaches the server and the others";
    window.show_lesson_tab(true);
    window.lesson()->show_step(3);
    save_screenshot(window, "03-partition-heal-step-4-clicked");
}

// A hundred clients: lanes grouped by role by default, a search pulls one client
// onto a lane of its own and finds a change, grouping by the partition's side
// splits the clients where the partition did, and a group expands.
TEST(spacetime_lanes, a_large_world_is_grouped_searched_and_expanded) {
    main_window window;
    window.resize(1400, 860);
    window.show();
    QFile file(scenarios + "/quickstart.yaml");
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    for (const auto& [from, to] : {std::pair{"clients: 10\n", "clients: 100\n"},
                                   {"seeds: 5\n", "seeds: 1\n"},
                                   {"duration: 60s\n", "duration: 25s\n"}}) {
        ASSERT_TRUE(text.contains(from)) << from;
        text.replace(from, to);
    }
    window.editor()->set_text(text, "hundred.yaml");
    ASSERT_TRUE(run_and_wait(window));
    spacetime_view& view = *window.spacetime();
    const auto names = [&] {
        QStringList found;
        for (std::size_t i = 0; i < view.lanes().size(); ++i)
            found << view.lanes().at(i).name;
        return found;
    };
    EXPECT_EQ(names(), QStringList({"server-0", "clients (100)"}));
    ASSERT_TRUE(view.find("client-42"));
    EXPECT_EQ(names(), QStringList({"server-0", "client-42", "clients (99)"}));
    // Its events are drawn on its own lane now.
    const recorded_run& run = *window.snapshot()->focus;
    const auto client_42 = static_cast<std::uint32_t>(
        std::find(run.node_names.begin(), run.node_names.end(), "client-42") -
        run.node_names.begin());
    EXPECT_EQ(view.lanes().lane_of(client_42), 1u);
    ASSERT_TRUE(view.find("change 5"));
    EXPECT_EQ(run.records[window.cursor()].kind, trace_kind::operation);
    EXPECT_EQ(run.records[window.cursor()].change, 5u);
    EXPECT_TRUE(view.cone().has_value());
    EXPECT_FALSE(view.find("client-1000"));
    // By side: the quickstart's partition names client-0..4 with the server and
    // client-5..9 apart; the 90 clients it names in no group are cut off too.
    view.set_grouping(lane_grouping::side);
    EXPECT_EQ(names(), QStringList({"server-0", "client-42", "cut off (94)", "other side (5)"}));
    view.set_expanded("other side", true);
    EXPECT_EQ(names(), QStringList({"server-0", "client-42", "cut off (94)", "client-0", "client-1",
                                    "client-2", "client-3", "client-4"}));
    window.views()->setCurrentWidget(&view);
    view.zoom_to(18 * ns_per_s, 23 * ns_per_s);
    window.set_time(22 * ns_per_s);
    view.clear_highlight();
    view.repaint();
    EXPECT_GT(view.arrows_drawn_last(), 0u);
    save_screenshot(window, "spacetime-lanes-grouped");
}

// A run longer than the trace cap is walked by windows (W, Shift+W): each window
// holds exactly the records a complete trace holds from its start on, so the
// replay from the run's start is the same run.
TEST(spacetime_windows, a_run_longer_than_the_trace_cap_is_walked_by_windows) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/01-lost-update.yaml"));
    const std::shared_ptr<const recorded_run> full = window.snapshot()->focus;
    ASSERT_FALSE(full->truncated);
    constexpr std::size_t cap = 2000;
    ASSERT_GT(full->records.size(), 2 * cap);
    window.runner().set_trace_cap(cap);
    ASSERT_TRUE(run_and_wait(window));
    const auto same_as_full = [&](const recorded_run& part) {
        const auto start =
            std::find_if(full->records.begin(), full->records.end(),
                         [&](const trace_record& r) { return r.at_ns >= part.window_from_ns; });
        ASSERT_LE(part.records.size() - part.carried,
                  static_cast<std::size_t>(full->records.end() - start));
        for (std::size_t i = 0; i + part.carried < part.records.size(); ++i) {
            const trace_record &a = part.records[part.carried + i],
                               &b = start[static_cast<std::ptrdiff_t>(i)];
            ASSERT_EQ(std::tie(a.at_ns, a.kind, a.node, a.peer, a.message, a.change, a.detail),
                      std::tie(b.at_ns, b.kind, b.node, b.peer, b.message, b.change, b.detail))
                << "record " << i << " of the window from " << part.window_from_ns;
        }
        // Carried in front: the sends of exactly the messages in flight at the
        // window's start, in the run's order, each a message of the window.
        std::vector<std::uint64_t> in_flight, carried;
        for (const recorded_message& m : full->messages)
            if (m.sent_ns < part.window_from_ns &&
                (m.delivered_ns < 0 || m.delivered_ns >= part.window_from_ns))
                in_flight.push_back(m.id);
        for (std::size_t i = 0; i < part.carried; ++i) {
            ASSERT_LT(part.records[i].at_ns, part.window_from_ns);
            if (part.records[i].kind == trace_kind::send) {
                carried.push_back(part.records[i].message);
                EXPECT_NE(part.message_of(part.records[i]), recorded_message::none);
            }
        }
        EXPECT_EQ(carried, in_flight) << "in the window from " << part.window_from_ns;
    };
    std::vector<time_ns> starts;
    for (int step = 0; step < 20; ++step) {
        const recorded_run& part = *window.snapshot()->focus;
        same_as_full(part);
        starts.push_back(part.window_from_ns);
        if (!part.truncated)
            break;
        EXPECT_EQ(part.records.size() - part.carried, cap);
        if (part.window_from_ns > 0) {
            EXPECT_GT(part.carried, 0u) << "messages cross the start of every later window";
        }
        const time_ns last = part.records.back().at_ns;
        ASSERT_TRUE(wait(window, [&] { EXPECT_TRUE(window.next_window(true)); }));
        EXPECT_EQ(window.snapshot()->focus->window_from_ns, last)
            << "the next starts where this one stops";
    }
    EXPECT_GE(starts.size(), 3u);
    EXPECT_FALSE(window.snapshot()->focus->truncated) << "the walk reached the end of the run";
    EXPECT_FALSE(window.next_window(true));
    ASSERT_TRUE(wait(window, [&] { EXPECT_TRUE(window.next_window(false)); }));
    EXPECT_LT(window.snapshot()->focus->window_from_ns, starts.back());
    same_as_full(*window.snapshot()->focus);
}

// A window that starts inside lesson 03's partition (10 s to 30 s) still draws
// its band from 10 s: the fault is carried in with the messages in flight.
TEST(spacetime_windows, a_window_inside_a_partition_draws_the_partition) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/03-partition-heal.yaml"));
    ASSERT_TRUE(
        wait(window, [&] { window.runner().record_window(window.snapshot(), 20 * ns_per_s); }));
    const recorded_run& part = *window.snapshot()->focus;
    ASSERT_EQ(part.window_from_ns, 20 * ns_per_s);
    ASSERT_EQ(part.faults.size(), 1u);
    EXPECT_EQ(part.faults[0].from_ns, 10 * ns_per_s);
    EXPECT_EQ(part.faults[0].until_ns, 30 * ns_per_s);
    EXPECT_GT(part.carried, 1u) << "the partition and messages held across it";
    window.views()->setCurrentWidget(window.spacetime());
    save_screenshot(window, "spacetime-window-in-partition");
}

// Lesson 02: client-0's clock is 300 ms slow. Its lane must say so, and read 300 ms
// less than the others at the cursor.
TEST(spacetime_clocks, each_lane_shows_its_clock_at_the_cursor_and_a_skew_in_words) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "lessons/02-clock-skew.yaml"));
    const recorded_run& run = *window.snapshot()->focus;
    ASSERT_EQ(run.node_clocks.size(), run.node_names.size());
    window.views()->setCurrentWidget(window.spacetime());
    window.set_time(5 * ns_per_s);
    window.spacetime()->repaint();
    const QStringList labels = window.spacetime()->clock_labels_last();
    ASSERT_EQ(labels.size(), static_cast<qsizetype>(run.node_names.size()));
    const double t = static_cast<double>(window.cursor_time()) / ns_per_s;
    for (std::size_t n = 0; n < run.node_names.size(); ++n) {
        const bool slow = run.node_names[n] == "client-0";
        const QString reading = QString::number(slow ? t - 0.3 : t, 'f', 3) + " s";
        EXPECT_EQ(labels[static_cast<qsizetype>(n)], slow ? reading + "\n-300 ms" : reading)
            << run.node_names[n];
    }
    save_screenshot(window, "lesson-clock-skew-clocks");
}

} // namespace
} // namespace immersim::gui
