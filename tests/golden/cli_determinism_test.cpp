// The determinism users rely on, checked through the real command: two separate
// processes with the same scenario and seed print the same bytes.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>

namespace {

struct process_output {
    std::string text;
    int exit_code;
};

process_output run_command(const std::string& command) {
    process_output out{{}, -1};
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr)
        return out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.text.append(buffer.data(), n);
    const int status = pclose(pipe);
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

const std::string cli = IMMERSIM_CLI_PATH;
const std::string quickstart = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml";

std::string digest_line(const std::string& text) {
    const auto at = text.rfind("digest: ");
    return at == std::string::npos ? std::string{} : text.substr(at);
}

TEST(cli_determinism, two_processes_print_identical_tables) {
    const process_output first = run_command(cli + " run " + quickstart);
    const process_output second = run_command(cli + " run " + quickstart);
    ASSERT_EQ(first.exit_code, 0) << first.text;
    EXPECT_EQ(first.text, second.text);
    EXPECT_EQ(digest_line(first.text).size(), std::string("digest: ").size() + 16 + 1);
}

TEST(cli_determinism, seed_flag_changes_the_digest) {
    const process_output a = run_command(cli + " run " + quickstart + " --seed 1");
    const process_output b = run_command(cli + " run " + quickstart + " --seed 2");
    ASSERT_EQ(a.exit_code, 0) << a.text;
    EXPECT_NE(digest_line(a.text), digest_line(b.text));
}

TEST(cli_determinism, json_lists_each_strategy_and_run_and_keeps_wall_clock_apart) {
    const process_output out = run_command(cli + " run " + quickstart + " --format json");
    ASSERT_EQ(out.exit_code, 0) << out.text;
    for (const char* key : {"\"strategies\"", "\"runs\"", "\"seed\"", "\"digest\"",
                            "\"conflict_rate\"", "\"lost_increments\"", "\"ci95_half\"",
                            "\"vs_first\""})
        EXPECT_NE(out.text.find(key), std::string::npos) << key;
    // Wall-clock figures differ between identical runs: only with --perf.
    EXPECT_EQ(out.text.find("wall_s"), std::string::npos);
    const process_output perf = run_command(cli + " run " + quickstart + " --format json --perf");
    EXPECT_NE(perf.text.find("wall_s"), std::string::npos);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The quickstart, a study whose seeds are chosen as it runs (sequential
// stopping: the rule is checked on finished batches only), and one of many
// documents.
class cli_jobs : public ::testing::TestWithParam<const char*> {};

TEST_P(cli_jobs, any_job_count_gives_the_same_output_and_files) {
    const std::string scenario = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/" + GetParam();
    // One folder per scenario: ctest runs the two cases at once.
    const std::string dir = testing::TempDir() + "immersim_jobs_" + GetParam() + "_";
    for (const char* jobs : {"1", "2"}) // a killed earlier run may have left a checkpoint
        std::filesystem::remove_all(dir + jobs);
    const process_output one =
        run_command(cli + " run " + scenario + " --jobs 1 --out " + dir + "1");
    const process_output two =
        run_command(cli + " run " + scenario + " --jobs 2 --out " + dir + "2");
    ASSERT_EQ(one.exit_code, 0) << one.text;
    EXPECT_EQ(one.text, two.text);
    for (const char* file : {"/runs.csv", "/summary.csv", "/summary.json", "/timeseries.csv"}) {
        const std::string a = read_file(dir + "1" + file);
        EXPECT_FALSE(a.empty()) << file;
        EXPECT_EQ(a, read_file(dir + "2" + file)) << file;
    }
    // A study with documents writes each one's counts; the others write none.
    const bool documents = std::string(GetParam()) == "documents.yaml";
    EXPECT_EQ(std::filesystem::exists(dir + "1/documents.csv"), documents);
    EXPECT_EQ(read_file(dir + "1/documents.csv"), read_file(dir + "2/documents.csv"));
    // perf.csv holds the wall-clock figures: it exists, with one row per run.
    EXPECT_NE(read_file(dir + "1/perf.csv").find("wall_s"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(shipped, cli_jobs,
                         ::testing::Values("quickstart.yaml", "until-narrow.yaml",
                                           "documents.yaml"));

TEST(cli_errors, unknown_flag_and_missing_file_exit_with_code_2) {
    EXPECT_EQ(run_command(cli + " run " + quickstart + " --no-such-flag").exit_code, 2);
    const process_output missing = run_command(cli + " run /nonexistent/scenario.yaml");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.text.find("/nonexistent/scenario.yaml"), std::string::npos);
    EXPECT_EQ(run_command(cli + " run " + quickstart + " --format xml").exit_code, 2);
    EXPECT_EQ(run_command(cli).exit_code, 2);
}

TEST(cli_help, lists_every_flag_with_an_example) {
    const process_output help = run_command(cli + " run --help");
    EXPECT_EQ(help.exit_code, 0);
    for (const char* flag : {"--seed", "--format", "--out", "--perf", "--jobs"})
        EXPECT_NE(help.text.find(flag), std::string::npos) << flag;
    EXPECT_NE(help.text.find("Example"), std::string::npos);
    EXPECT_EQ(run_command(cli + " --version").exit_code, 0);
}

} // namespace
