// The study features of `immersim run` through the real command: --set overrides,
// sweeps, --resume after a kill, and traces.
#include "command_output.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const std::string cli = IMMERSIM_CLI_PATH;
const std::string data = IMMERSIM_TEST_DATA_DIR;
const std::string quickstart = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml";

using output = immersim::testing::command_output;
using immersim::testing::sh;

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(cli_study, resume_after_a_kill_gives_the_files_of_an_uninterrupted_run) {
    const fs::path dir = fs::path(testing::TempDir()) / "immersim_resume";
    fs::remove_all(dir);
    const std::string scenario = data + "/resume_sweep.yaml";
    const output full = sh(cli + " run " + scenario + " --jobs 2 --out " + (dir / "full").string());
    ASSERT_EQ(full.code, 0) << full.text;
    const fs::path part = dir / "part";
    // Start, wait for three finished runs in the checkpoint, kill -9.
    sh(cli + " run " + scenario + " --out " + part.string() + " >/dev/null & pid=$!; " +
       "while [ $(cat " + (part / ".checkpoint.jsonl").string() +
       " 2>/dev/null | wc -l) -lt 4 ]; do sleep 0.01; done; kill -9 $pid; wait $pid");
    ASSERT_TRUE(fs::exists(part / ".checkpoint.jsonl"));
    ASSERT_FALSE(fs::exists(part / "runs.csv")) << "the run finished before it was killed";
    const output resumed = sh(cli + " run " + scenario + " --resume --out " + part.string());
    ASSERT_EQ(resumed.code, 0) << resumed.text;
    EXPECT_EQ(resumed.text, full.text);
    for (const char* file : {"runs.csv", "summary.csv", "summary.json", "timeseries.csv"})
        EXPECT_EQ(read(dir / "full" / file), read(part / file)) << file;
    EXPECT_FALSE(fs::exists(part / ".checkpoint.jsonl")); // finished: nothing to resume
    // A checkpoint of another study is refused, not mixed in.
    std::ofstream(part / ".checkpoint.jsonl") << "immersim checkpoint 0000 seed default\n";
    EXPECT_EQ(sh(cli + " run " + scenario + " --resume --out " + part.string()).code, 2);
}

TEST(cli_study, a_folder_with_an_unfinished_checkpoint_is_never_thrown_away_silently) {
    const fs::path dir = fs::path(testing::TempDir()) / "immersim_checkpoint_kept";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string scenario = data + "/resume_sweep.yaml";
    const std::string out = " --out " + dir.string();
    // An interrupted study left its checkpoint there.
    const std::string left = "immersim checkpoint 0000 seed default\n";
    std::ofstream(dir / ".checkpoint.jsonl") << left;
    const output refused = sh(cli + " run " + scenario + out);
    EXPECT_EQ(refused.code, 2);
    EXPECT_NE(refused.text.find("holds the checkpoint of an unfinished study"), std::string::npos)
        << refused.text;
    EXPECT_NE(refused.text.find("add --resume to finish it, or --overwrite to start over"),
              std::string::npos);
    EXPECT_EQ(read(dir / ".checkpoint.jsonl"), left); // untouched
    EXPECT_EQ(sh(cli + " run " + scenario + out + " --resume --overwrite").code, 2);

    const output over = sh(cli + " run " + scenario + out + " --overwrite");
    ASSERT_EQ(over.code, 0) << over.text;
    EXPECT_TRUE(fs::exists(dir / "runs.csv"));
    EXPECT_FALSE(fs::exists(dir / ".checkpoint.jsonl")); // finished

    // Nothing to resume: said, then the study runs from the beginning.
    const output resumed = sh(cli + " run " + scenario + out + " --resume");
    ASSERT_EQ(resumed.code, 0) << resumed.text;
    EXPECT_NE(resumed.text.find("--resume: note: " + dir.string() + " holds no checkpoint"),
              std::string::npos)
        << resumed.text;
}

TEST(cli_study, one_seed_gives_no_spread_and_no_interval_rather_than_zeros) {
    const fs::path dir = fs::path(testing::TempDir()) / "immersim_one_seed";
    fs::remove_all(dir);
    const std::string run = cli + " run " + data + "/resume_sweep.yaml --overwrite --out ";
    ASSERT_EQ(sh(run + (dir / "one").string() + " --set seeds=1").code, 0);
    ASSERT_EQ(sh(run + (dir / "two").string() + " --set seeds=2").code, 0);
    // summary.csv: n,mean,stddev,ci95_low,ci95_high,diff_mean,diff_low,diff_high
    const auto cells_of = [&](const fs::path& csv) {
        std::ifstream in(csv);
        std::string header, row;
        std::getline(in, header);
        std::getline(in, row);
        const auto split = [](const std::string& line) {
            std::vector<std::string> cells(1);
            for (char ch : line) // no quoted fields in these rows
                if (ch == ',')
                    cells.emplace_back();
                else
                    cells.back() += ch;
            return cells;
        };
        const auto cells = split(row);
        EXPECT_EQ(cells.size(), split(header).size());
        return std::vector<std::string>(cells.end() - 8, cells.end());
    };
    const auto one = cells_of(dir / "one" / "summary.csv");
    EXPECT_EQ(one[0], "1");
    EXPECT_EQ(one[2] + one[3] + one[4], "") << "no stddev or interval from one value";
    const auto two = cells_of(dir / "two" / "summary.csv");
    EXPECT_EQ(two[0], "2");
    EXPECT_NE(two[2], "");
    EXPECT_NE(two[3], "");
    const auto json = nlohmann::json::parse(read(dir / "one" / "summary.json"));
    const auto& first = json["points"][0]["strategies"][0]["metrics"]["operations"]["over_seeds"];
    EXPECT_TRUE(first["stddev"].is_null());
    EXPECT_TRUE(first["ci95_half"].is_null());
}

TEST(cli_study, set_overrides_a_key_and_reports_bad_values_as_the_command_line) {
    const output base = sh(cli + " run " + quickstart + " --format json --set seeds=2");
    ASSERT_EQ(base.code, 0) << base.text;
    const auto doc = nlohmann::json::parse(base.text);
    EXPECT_EQ(doc["seeds"], 2);
    EXPECT_EQ(doc["runs"].size(), 2u * doc["points"][0]["strategies"].size());
    const output bad = sh(cli + " run " + quickstart + " --set topology.clients=many");
    EXPECT_EQ(bad.code, 2);
    // The column is that of the value in KEY=VALUE: the place of the mistake.
    EXPECT_NE(bad.text.find("--set topology.clients=many: col 18: error: 'clients' must be a "
                            "whole number"),
              std::string::npos)
        << bad.text;
    EXPECT_EQ(sh(cli + " run " + quickstart + " --set no_equals_sign").code, 2);
}

TEST(cli_study, a_sweeps_traces_name_the_point_of_each_run) {
    const std::string file = (fs::path(testing::TempDir()) / "sweep.jsonl").string();
    ASSERT_EQ(sh(cli + " run " + data +
                 "/resume_sweep.yaml --set seeds=1 --set duration=2s --trace " + file)
                  .code,
              0);
    std::ifstream in(file);
    std::set<std::string> labels;
    for (std::string line; std::getline(in, line);)
        labels.insert(nlohmann::json::parse(line)["run"].get<std::string>());
    EXPECT_EQ(labels, (std::set<std::string>{"none seed 1 [topology.link.latency=5ms]",
                                             "none seed 1 [topology.link.latency=50ms]",
                                             "merge seed 1 [topology.link.latency=5ms]",
                                             "merge seed 1 [topology.link.latency=50ms]"}));
}

TEST(cli_study, a_sweep_runs_every_point_and_labels_the_files_with_its_keys) {
    const fs::path dir = fs::path(testing::TempDir()) / "immersim_sweep";
    fs::remove_all(dir); // a killed earlier run may have left a checkpoint
    // --set applies at every point (here: fewer seeds, a shorter run).
    const output out = sh(cli + " run " + data + "/resume_sweep.yaml --set seeds=2 --set duration=3s " +
                          "--out " + dir.string());
    ASSERT_EQ(out.code, 0) << out.text;
    EXPECT_NE(out.text.find("point 2 of 2: topology.link.latency=50ms"), std::string::npos) << out.text;
    const std::string runs = read(dir / "runs.csv");
    // A swept duration is a number of milliseconds, its unit in the column's name.
    EXPECT_EQ(runs.rfind("scenario,topology.link.latency_ms,strategy,seed", 0), 0u);
    EXPECT_EQ(std::count(runs.begin(), runs.end(), '\n'), 1 + 2 * 2 * 2);
    EXPECT_NE(runs.find("resume-sweep,5,none,1,"), std::string::npos);
    EXPECT_NE(runs.find("resume-sweep,50,merge,2,"), std::string::npos);
}

TEST(cli_study, metrics_picks_the_tables_rows_and_refuses_unknown_names) {
    const output picked =
        sh(cli + " run " + quickstart + " --set seeds=2 --metrics merge_conflicts,events");
    ASSERT_EQ(picked.code, 0) << picked.text;
    const std::size_t header = picked.text.find("\nmetric ");
    ASSERT_NE(header, std::string::npos) << picked.text;
    std::istringstream rows(picked.text.substr(header + 1));
    std::string line, names;
    std::getline(rows, line); // the header
    while (std::getline(rows, line) && !line.empty())
        names += line.substr(0, line.find(' ')) + ";";
    EXPECT_EQ(names, "merge_conflicts;events;");
    const output bad = sh(cli + " run " + quickstart + " --metrics conflict_rate,lost");
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.text.find("--metrics conflict_rate,lost: col 15: error: unknown metric 'lost'"),
              std::string::npos)
        << bad.text;
    EXPECT_EQ(bad.text.find("digest"), std::string::npos) << "nothing ran";
}

// In a world of several documents a trace follows the first one edited: every
// record names its host or one of its clients, never a node of another document,
// and its runs' digests are those of the untraced study.
TEST(cli_study, a_trace_of_many_documents_follows_the_first) {
    const std::string documents = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/documents.yaml";
    const std::string lines = (fs::path(testing::TempDir()) / "documents.jsonl").string();
    const output traced =
        sh(cli + " run " + documents + " --set seeds=1 --set duration=5s --trace " + lines);
    ASSERT_EQ(traced.code, 0) << traced.text;
    const output plain = sh(cli + " run " + documents + " --set seeds=1 --set duration=5s");
    EXPECT_EQ(traced.text, plain.text);
    // Zipf(1) over 20 documents puts about a quarter of the 200 clients in document 0;
    // the plan for seed 7 is checked in documents_test.cpp, here only its shape.
    std::ifstream in(lines);
    std::string line;
    std::set<std::string> named;
    std::size_t records = 0;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        ++records;
        named.insert(j["node"].get<std::string>());
        if (j.contains("peer"))
            named.insert(j["peer"].get<std::string>());
    }
    EXPECT_GT(records, 1000u);
    EXPECT_TRUE(named.count("server-0"));
    EXPECT_FALSE(named.count("server-1")); // hosts documents 1, 3, 5...
    EXPECT_GT(named.size(), 20u);
    EXPECT_LT(named.size(), 200u);
}

// --trace-document K follows another document: its host (round robin: document 7
// on server-1) and its clients, none of the first document's; every run says
// which. A document the scenario does not have, or no --trace, is refused.
TEST(cli_study, a_trace_follows_the_document_asked_for) {
    const std::string documents = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/documents.yaml";
    const fs::path dir = fs::path(testing::TempDir());
    const auto names_in = [](const fs::path& file, std::set<std::string>& runs) {
        std::ifstream in(file);
        std::string line;
        std::set<std::string> named;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line);
            named.insert(j["node"].get<std::string>());
            runs.insert(j["run"].get<std::string>());
        }
        return named;
    };
    const std::string run = cli + " run " + documents + " --set seeds=1 --set duration=5s";
    ASSERT_EQ(sh(run + " --trace " + (dir / "first.jsonl").string()).code, 0);
    ASSERT_EQ(sh(run + " --trace " + (dir / "seventh.jsonl").string() + " --trace-document 7").code,
              0);
    std::set<std::string> first_runs, seventh_runs;
    const auto first = names_in(dir / "first.jsonl", first_runs);
    const auto seventh = names_in(dir / "seventh.jsonl", seventh_runs);
    EXPECT_TRUE(seventh.count("server-1"));
    EXPECT_FALSE(seventh.count("server-0"));
    EXPECT_GT(seventh.size(), 2u);
    for (const std::string& name : seventh)
        EXPECT_FALSE(first.count(name)) << name << " edits document 0, not 7";
    ASSERT_EQ(seventh_runs.size(), 5u); // one per strategy
    for (const std::string& label : seventh_runs)
        EXPECT_NE(label.find(" document 7"), std::string::npos) << label;
    for (const std::string& label : first_runs)
        EXPECT_NE(label.find(" document 0"), std::string::npos) << label;

    const output beyond =
        sh(run + " --trace " + (dir / "x.jsonl").string() + " --trace-document 20");
    EXPECT_EQ(beyond.code, 2);
    EXPECT_NE(beyond.text.find(
                  "--trace-document: error: expected all or a document from 0 to 19, got '20'"),
              std::string::npos)
        << beyond.text;
    const output word =
        sh(run + " --trace " + (dir / "x.jsonl").string() + " --trace-document some");
    EXPECT_EQ(word.code, 2);
    EXPECT_NE(word.text.find("expected all or a document from 0 to 19, got 'some'"),
              std::string::npos)
        << word.text;
    const output untraced = sh(run + " --trace-document 3");
    EXPECT_EQ(untraced.code, 2);
    EXPECT_NE(untraced.text.find("--trace-document: error: needs --trace FILE"), std::string::npos)
        << untraced.text;
}

// --trace-document all follows every document in one trace: each record names its
// document, and a document's records are, in order, those of a trace that follows
// that document alone (the same run; only the label and the document field differ).
TEST(cli_study, a_trace_of_every_document_holds_each_documents_own_trace) {
    const std::string documents = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/documents.yaml";
    const fs::path dir = fs::path(testing::TempDir());
    const std::string run = cli + " run " + documents + " --set seeds=1 --set duration=5s --trace ";
    // Records by (run, document), runs numbered in file order, without the run's label.
    using traced = std::map<std::pair<std::size_t, std::uint32_t>, std::vector<nlohmann::json>>;
    const auto read = [](const fs::path& file, std::vector<std::string>& labels) {
        traced out;
        std::ifstream in(file);
        for (std::string line; std::getline(in, line);) {
            auto j = nlohmann::json::parse(line);
            const auto label = j["run"].get<std::string>();
            if (labels.empty() || labels.back() != label)
                labels.push_back(label);
            const auto d = j.value("document", UINT32_MAX);
            j.erase("document");
            j.erase("run");
            out[{labels.size() - 1, d}].push_back(j);
        }
        return out;
    };
    ASSERT_EQ(sh(run + (dir / "all.jsonl").string() + " --trace-document all").code, 0);
    std::vector<std::string> labels;
    const traced all = read(dir / "all.jsonl", labels);
    ASSERT_EQ(labels.size(), 5u); // one run per strategy
    for (const std::string& label : labels)
        EXPECT_NE(label.find(" all documents"), std::string::npos) << label;
    std::set<std::uint32_t> seen;
    for (const auto& [key, records] : all)
        seen.insert(key.second);
    EXPECT_FALSE(seen.count(UINT32_MAX)) << "a record without its document";
    EXPECT_GT(seen.size(), 10u); // most of the twenty boards are edited in 5 s
    for (const std::uint32_t d : {0u, 7u}) {
        const fs::path one = dir / ("one-" + std::to_string(d) + ".jsonl");
        ASSERT_EQ(sh(run + one.string() + " --trace-document " + std::to_string(d)).code, 0);
        std::vector<std::string> one_labels;
        const traced alone = read(one, one_labels);
        ASSERT_EQ(one_labels.size(), 5u);
        for (std::size_t i = 0; i < 5; ++i) {
            ASSERT_TRUE(alone.count({i, UINT32_MAX})) << one_labels[i];
            ASSERT_TRUE(all.count({i, d})) << labels[i] << " document " << d;
            EXPECT_EQ(all.at({i, d}), alone.at({i, UINT32_MAX})) << labels[i] << " document " << d;
        }
    }
}

TEST(cli_study, traces_name_every_node_and_draw_messages_as_flows) {
    const fs::path dir = fs::path(testing::TempDir());
    const std::string lines = (dir / "t.jsonl").string(), chrome = (dir / "t.json").string();
    ASSERT_EQ(sh(cli + " run " + quickstart + " --set seeds=1 --trace " + lines).code, 0);
    ASSERT_EQ(sh(cli + " run " + quickstart + " --set seeds=1 --trace " + chrome +
                 " --trace-format chrome --jobs 2").code, 0);
    std::ifstream in(lines);
    std::string line;
    std::size_t sends = 0, delivers = 0;
    std::set<std::string> message_kinds;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        sends += j["kind"] == "send";
        delivers += j["kind"] == "deliver";
        if (j["kind"] == "send" || j["kind"] == "deliver") { // what it is, and its size
            const std::string what = j["detail"];
            message_kinds.insert(what.substr(0, what.find(' ')));
            EXPECT_GT(j["bytes"].get<int>(), 0) << line;
        }
    }
    // Client-server strategies commit and sync; OCC's refusals are rejects; the
    // CRDT's replicas send operations.
    EXPECT_EQ(message_kinds, (std::set<std::string>{"commit", "sync", "reject", "operation"}));
    EXPECT_GT(sends, 1000u);
    EXPECT_GT(delivers, 1000u);
    const auto doc = nlohmann::json::parse(read(chrome));
    std::size_t flow_starts = 0, flow_ends = 0, tracks = 0, partition_spans = 0, instants = 0;
    std::set<int> process_ids;
    for (const auto& e : doc["traceEvents"]) {
        flow_starts += e["ph"] == "s";
        flow_ends += e["ph"] == "f";
        tracks += e["ph"] == "M" && e["name"] == "thread_name";
        if (e["ph"] == "M" && e["name"] == "process_name") {
            EXPECT_TRUE(process_ids.insert(e["pid"].get<int>()).second) << "pid named twice";
        }
        if (e["ph"] == "i") { // every event says which change it is about
            ++instants;
            EXPECT_TRUE(e["args"].contains("change")) << e.dump();
        }
        // The quickstart's partition cuts client-5..9 off from 20 s to 35 s.
        if (e["ph"] == "X" && e["cat"] == "fault") {
            ++partition_spans;
            EXPECT_EQ(e["dur"].get<double>(), 15e6) << e.dump();
            EXPECT_GE(e["tid"].get<int>(), 6) << "a span on a node the partition did not cut off";
        }
    }
    EXPECT_GT(instants, sends + delivers); // and every change and decision
    EXPECT_EQ(flow_starts, sends);
    EXPECT_EQ(flow_ends, delivers);
    // One track per node (1 server + 10 clients) of every strategy's run; the
    // strategies counted from the command's own JSON, not written down here.
    const output summary = sh(cli + " run " + quickstart + " --set seeds=1 --format json");
    ASSERT_EQ(summary.code, 0);
    const auto strategies = nlohmann::json::parse(summary.text)["points"][0]["strategies"].size();
    EXPECT_GE(strategies, 7u);
    EXPECT_EQ(tracks, strategies * 11u);
    EXPECT_EQ(partition_spans, strategies * 5u);
}

} // namespace
