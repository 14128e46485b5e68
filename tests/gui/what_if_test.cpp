// What if: a fault added at a moment of the run, or one of the scenario's faults
// taken away, edits the scenario's text (block or flow lists, comments kept), the
// edited text loads with exactly that fault more or less, and the GUI runs it
// again and draws it.
#include "gui_support.hpp"
#include "immersim/net/faults.hpp"
#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"
#include "main_window.hpp"
#include "scenario_editor.hpp"
#include "spacetime_view.hpp"
#include "what_if.hpp"

#include <QApplication>
#include <QRegularExpression>
#include <QTabWidget>
#include <gtest/gtest.h>
#include <optional>

namespace immersim::gui {
namespace {

using namespace testing_support;

const char* block_list = R"(name: t
duration: 30s
topology: { kind: star, clients: 3, servers: 1 }
faults:
  # the partition a lesson is about
  - { at: 5s, partition: [[server-0, client-0], [client-1, client-2]], heal: 10s }
  - at: 12s
    crash: client-1
    restart: 14s

state: { initial: { n: 0 } }
workload: { rate_per_client: 1/s, ops: [ { increment: n } ] }
compare: [ none ]
)";

std::vector<fault_config> faults_of(const QString& text) {
    const study_load_result study = load_study_text(text.toStdString(), "t.yaml", {});
    EXPECT_TRUE(study.errors.empty())
        << (study.errors.empty() ? "" : study.errors.front().message) << "\n"
        << text.toStdString();
    return study.points.empty() ? std::vector<fault_config>{} : study.points.front().world->faults;
}

TEST(what_if_text, a_fault_added_to_a_block_list_loads_after_the_others) {
    const QString entry =
        fault_entry(what_if_fault::crash, "client-2", 20'500'000'000, 5 * ns_per_s);
    EXPECT_EQ(entry, "{ at: 20.500s, crash: client-2, restart: 25.500s }");
    const QString edited = add_fault(block_list, entry);
    EXPECT_TRUE(edited.contains("# the partition a lesson is about")) << "comments stay";
    const auto faults = faults_of(edited);
    ASSERT_EQ(faults.size(), 3u);
    EXPECT_EQ(faults[2].kind, net::fault_kind::crash);
    EXPECT_EQ(faults[2].nodes, std::vector<std::string>{"client-2"});
    EXPECT_EQ(faults[2].at_ns, 20'500'000'000);
    EXPECT_EQ(faults[2].restart_ns, 25'500'000'000);
}

TEST(what_if_text, a_fault_added_to_a_flow_list_or_to_no_list_loads_too) {
    QString flow = QString(block_list);
    flow.replace(flow.indexOf("faults:"), flow.indexOf("state:") - flow.indexOf("faults:"),
                 "faults: [ { at: 5s, isolate: client-0, heal: 6s } ]\n");
    const QString entry =
        fault_entry(what_if_fault::isolate, "client-1", 2 * ns_per_s, 5 * ns_per_s);
    auto faults = faults_of(add_fault(flow, entry));
    ASSERT_EQ(faults.size(), 2u);
    EXPECT_EQ(faults[0].kind, net::fault_kind::isolate);
    EXPECT_EQ(faults[0].nodes, std::vector<std::string>{"client-1"});
    EXPECT_EQ(faults[0].heal_ns, 7 * ns_per_s);
    QString none = flow;
    none.remove(QRegularExpression("faults:[^\n]*\n"));
    faults = faults_of(add_fault(none, entry));
    ASSERT_EQ(faults.size(), 1u);
    EXPECT_EQ(faults[0].at_ns, 2 * ns_per_s);
}

TEST(what_if_text, a_fault_taken_away_leaves_the_others_and_the_last_one_the_key) {
    const auto first = remove_fault(block_list, 0);
    ASSERT_TRUE(first.has_value());
    auto faults = faults_of(*first);
    ASSERT_EQ(faults.size(), 1u);
    EXPECT_EQ(faults[0].kind, net::fault_kind::crash); // the multi-line item stays whole
    const auto second = remove_fault(*first, 0);
    ASSERT_TRUE(second.has_value());
    EXPECT_FALSE(second->contains("faults:"));
    EXPECT_TRUE(faults_of(*second).empty());
    EXPECT_FALSE(remove_fault(block_list, 2).has_value()) << "no third fault";
}

TEST(what_if_text, node_names_are_shortened_to_the_ranges_a_scenario_writes) {
    EXPECT_EQ(shortened({"server-0", "client-0", "client-1", "client-2", "client-4", "client-007",
                         "client-8", "hq"}),
              QStringList({"server-0", "client-0..2", "client-4", "client-007", "client-8", "hq"}));
}

const char* with_nemesis = R"(name: t
duration: 20s
topology: { kind: star, clients: 6, servers: 1 }
# random faults, Jepsen style
nemesis:
  partitions: true
  crashes: true
  mean_interval: 2s
  mean_duration: 1s
  until: 18s
state: { initial: { n: 0 } }
workload: { rate_per_client: 2/s, ops: [ { increment: n } ] }
compare: [ none, { resolver: { rule: lww, clock: physical } }, { occ: { validate: version, on_conflict: retry, max_retries: 5 } } ]
)";

std::shared_ptr<const scenario> world_of(const QString& text) {
    const study_load_result study = load_study_text(text.toStdString(), "t.yaml", {});
    EXPECT_TRUE(study.errors.empty())
        << (study.errors.empty() ? "" : study.errors.front().message) << "\n"
        << text.toStdString();
    return study.points.empty() ? nullptr : study.points.front().world;
}

// The nemesis's faults of one seed, written out, make that seed's run again, for
// every strategy; without one of them, a run that differs.
TEST(what_if_text, the_nemesis_written_out_runs_the_same_world_and_without_a_fault_another) {
    const auto original = world_of(with_nemesis);
    ASSERT_TRUE(original);
    constexpr std::uint64_t seed = 7;
    const std::optional<QString> all = write_out_nemesis(with_nemesis, *original, seed);
    ASSERT_TRUE(all);
    EXPECT_FALSE(all->contains("nemesis:")) << all->toStdString();
    EXPECT_TRUE(all->contains("# random faults, Jepsen style")) << "the author's comment stays";
    const auto written = world_of(*all);
    ASSERT_TRUE(written);
    EXPECT_FALSE(written->nemesis.enabled());
    const std::vector<net::timed_fault> drawn = net::nemesis_timeline(
        original->nemesis, 7, seed, original->duration_ns + original->drain_ns);
    ASSERT_GE(drawn.size(), 8u) << "about one fault every 3 s";
    ASSERT_EQ(written->faults.size(), drawn.size() / 2);
    for (std::size_t k = 0; k < original->compare.size(); ++k) {
        const run_result a = run_once({original, k, seed}), b = run_once({written, k, seed});
        EXPECT_EQ(a.metrics.values, b.metrics.values) << original->compare[k].label();
        EXPECT_NE(a.metrics.values, run_once({original, k, seed + 1}).metrics.values)
            << "the metrics tell seeds apart";
    }
    const std::optional<QString> fewer =
        write_out_nemesis(with_nemesis, *original, seed, drawn[2].at);
    ASSERT_TRUE(fewer);
    const auto without = world_of(*fewer);
    ASSERT_TRUE(without);
    ASSERT_EQ(without->faults.size(), drawn.size() / 2 - 1);
    EXPECT_NE(run_once({original, 0, seed}).metrics.values,
              run_once({without, 0, seed}).metrics.values);
    EXPECT_FALSE(write_out_nemesis(with_nemesis, *original, seed, drawn[2].at + 1))
        << "no fault strikes then";
}

// In the GUI: on the quickstart, client-3 crashes at 10 s; then the partition is
// taken away. Each time the editor shows the edited scenario, the study runs
// again, the diagram draws the faults that are left, and the moment stays.
TEST(what_if_gui, adding_a_crash_and_removing_the_partition_rerun_the_study) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "quickstart.yaml"));
    const std::uint64_t before = window.snapshot()->results.digest;
    const auto node = [&](const std::string& name) {
        const auto& names = window.snapshot()->focus->node_names;
        return static_cast<std::uint32_t>(std::find(names.begin(), names.end(), name) -
                                          names.begin());
    };
    ASSERT_TRUE(wait(window, [&] {
        window.what_if_add(what_if_fault::crash, node("client-3"), 10 * ns_per_s);
    }));
    EXPECT_TRUE(
        window.editor()->text().contains("- { at: 10.000s, crash: client-3, restart: 15.000s }"));
    EXPECT_NE(window.snapshot()->results.digest, before);
    const auto& faults = window.snapshot()->focus->faults;
    ASSERT_EQ(faults.size(), 2u);
    EXPECT_EQ(faults[0].from_ns, 10 * ns_per_s);
    EXPECT_EQ(faults[0].until_ns, 15 * ns_per_s);
    EXPECT_EQ(faults[0].nodes, std::vector<std::uint32_t>{node("client-3")});
    EXPECT_LE(window.cursor_time(), 10 * ns_per_s) << "the moment stays";
    EXPECT_GT(window.cursor_time(), 9 * ns_per_s);
    window.views()->setCurrentWidget(window.spacetime());
    window.spacetime()->zoom_to(8 * ns_per_s, 24 * ns_per_s);
    save_screenshot(window, "what-if-crash");
    // The partition (20 s to 35 s) taken away: only the crash is left.
    ASSERT_TRUE(wait(window, [&] { EXPECT_TRUE(window.what_if_remove(1)); }));
    EXPECT_FALSE(window.editor()->text().contains("partition: [[")) << "the fault, not the prose";
    ASSERT_EQ(window.snapshot()->focus->faults.size(), 1u);
    EXPECT_EQ(window.snapshot()->focus->faults[0].what, "crash client-3");
}

// In the GUI: the quickstart's lanes grouped by role; the clients' group is cut
// off from the server at 5 s for 5 s, a partition in two written with ranges.
TEST(what_if_gui, a_group_of_lanes_is_cut_off_from_the_rest) {
    main_window window;
    ASSERT_TRUE(show_and_run(window, "quickstart.yaml"));
    spacetime_view& view = *window.spacetime();
    view.set_grouping(lane_grouping::role);
    std::optional<std::size_t> clients;
    for (std::size_t lane = 0; lane < view.lanes().size(); ++lane)
        if (view.lanes().at(lane).group && view.lanes().at(lane).name.startsWith("clients"))
            clients = lane;
    ASSERT_TRUE(clients);
    const std::vector<std::uint32_t> nodes = view.lanes().at(*clients).nodes;
    ASSERT_EQ(nodes.size(), 10u);
    ASSERT_TRUE(wait(window, [&] { window.what_if_cut_off(nodes, 5 * ns_per_s); }));
    EXPECT_TRUE(window.editor()->text().contains(
        "{ at: 5.000s, partition: [[client-0..9], [server-0]], heal: 10.000s }"))
        << window.editor()->text().toStdString();
    const auto& faults = window.snapshot()->focus->faults;
    ASSERT_EQ(faults.size(), 2u) << "the quickstart's partition and this one";
    EXPECT_EQ(faults[0].from_ns, 5 * ns_per_s);
    EXPECT_EQ(faults[0].until_ns, 10 * ns_per_s);
    EXPECT_EQ(faults[0].nodes.size(), 10u) << "every client is on the side away from the server";
    window.views()->setCurrentWidget(&view);
    view.zoom_to(3 * ns_per_s, 13 * ns_per_s);
    save_screenshot(window, "what-if-cut-off");
}

// In the GUI: a fault the nemesis drew is taken away like a scenario's own; the
// editor then shows the nemesis's other faults written out, and the diagram draws
// exactly those, at the same times.
TEST(what_if_gui, a_fault_the_nemesis_drew_is_taken_away) {
    main_window window;
    window.resize(1400, 860);
    window.show();
    window.editor()->set_text(with_nemesis, "nemesis.yaml");
    ASSERT_TRUE(run_and_wait(window));
    const std::vector<time_band> before = window.snapshot()->focus->faults;
    ASSERT_GE(before.size(), 3u);
    ASSERT_TRUE(wait(window, [&] { EXPECT_TRUE(window.what_if_remove(1)); }));
    EXPECT_FALSE(window.editor()->text().contains("nemesis:"));
    EXPECT_TRUE(window.editor()->text().contains("faults:"));
    const std::vector<time_band>& after = window.snapshot()->focus->faults;
    ASSERT_EQ(after.size(), before.size() - 1);
    for (std::size_t i = 0, j = 0; i < before.size(); ++i) {
        if (i == 1)
            continue;
        EXPECT_EQ(after[j].from_ns, before[i].from_ns) << "fault " << i;
        EXPECT_EQ(after[j].until_ns, before[i].until_ns) << "fault " << i;
        // The same nodes struck (a written-out partition names its other side too).
        EXPECT_EQ(after[j].nodes, before[i].nodes) << "fault " << i;
        EXPECT_EQ(after[j].what.substr(0, 5), before[i].what.substr(0, 5)) << "fault " << i;
        ++j;
    }
}

} // namespace
} // namespace immersim::gui
