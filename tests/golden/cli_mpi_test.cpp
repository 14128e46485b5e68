// A study spread over MPI ranks (`mpirun -n K immersim run`): every output byte
// equal to `--jobs 1`, for 1, 2 and 3 ranks (more ranks than cores: oversubscribed),
// with and without sequential stopping, and --resume after a kill -9 of the job.
#include "command_output.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::string cli = IMMERSIM_CLI_PATH;
const std::string data = IMMERSIM_TEST_DATA_DIR;
const std::string scenarios = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/";

using output = immersim::testing::command_output;
using immersim::testing::sh;

// Root in CI containers; no leak reports from Open MPI's own allocations under ASan.
std::string mpirun(int ranks) {
    return "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 "
           "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 "
           "timeout 600 " IMMERSIM_MPIRUN " --oversubscribe -x ASAN_OPTIONS -n " +
           std::to_string(ranks) + " ";
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const char* const files[] = {"runs.csv", "summary.csv", "summary.json", "timeseries.csv"};

class cli_mpi : public ::testing::TestWithParam<const char*> {};

TEST_P(cli_mpi, any_rank_count_writes_the_files_of_one_job) {
    const fs::path dir = fs::path(testing::TempDir()) / (std::string("immersim_mpi_") + GetParam());
    fs::remove_all(dir);
    const std::string scenario = scenarios + GetParam();
    const output one = sh(cli + " run " + scenario + " --jobs 1 --out " + (dir / "jobs1").string());
    ASSERT_EQ(one.code, 0) << one.text;
    for (int ranks : {1, 2, 3}) {
        const fs::path out = dir / ("ranks" + std::to_string(ranks));
        const output spread =
            sh(mpirun(ranks) + cli + " run " + scenario + " --out " + out.string());
        ASSERT_EQ(spread.code, 0) << ranks << " ranks\n" << spread.text;
        EXPECT_EQ(spread.text, one.text) << ranks << " ranks";
        for (const char* file : files)
            EXPECT_EQ(read(out / file), read(dir / "jobs1" / file)) << ranks << " ranks: " << file;
        // Only a study with documents has one (each document's counts cross ranks too).
        EXPECT_EQ(fs::exists(out / "documents.csv"), fs::exists(dir / "jobs1" / "documents.csv"));
        EXPECT_EQ(read(out / "documents.csv"), read(dir / "jobs1" / "documents.csv")) << ranks;
    }
}

INSTANTIATE_TEST_SUITE_P(shipped, cli_mpi,
                         ::testing::Values("quickstart.yaml", "until-narrow.yaml",
                                           "documents.yaml"));

TEST(cli_mpi_resume, a_killed_job_resumes_under_mpirun_to_the_same_files) {
    const fs::path dir = fs::path(testing::TempDir()) / "immersim_mpi_resume";
    fs::remove_all(dir);
    const std::string scenario = data + "/resume_sweep.yaml";
    const output full = sh(cli + " run " + scenario + " --out " + (dir / "full").string());
    ASSERT_EQ(full.code, 0) << full.text;
    const fs::path part = dir / "part";
    // Start on two ranks, wait for three finished runs in the checkpoint, kill -9
    // the whole job (mpirun and its ranks).
    sh("set -m; " + mpirun(2) + cli + " run " + scenario + " --out " + part.string() +
       " >/dev/null 2>&1 & pid=$!; while [ $(cat " + (part / ".checkpoint.jsonl").string() +
       " 2>/dev/null | wc -l) -lt 4 ]; do sleep 0.01; done; kill -9 -- -$pid; wait $pid");
    ASSERT_TRUE(fs::exists(part / ".checkpoint.jsonl"));
    ASSERT_FALSE(fs::exists(part / "runs.csv")) << "the job finished before it was killed";
    const output resumed =
        sh(mpirun(3) + cli + " run " + scenario + " --resume --out " + part.string());
    ASSERT_EQ(resumed.code, 0) << resumed.text;
    EXPECT_EQ(resumed.text, full.text);
    for (const char* file : files)
        EXPECT_EQ(read(dir / "full" / file), read(part / file)) << file;
}

TEST(cli_mpi_errors, a_trace_across_ranks_is_refused_and_every_rank_stops) {
    const output out = sh(mpirun(2) + cli + " run " + scenarios + "quickstart.yaml --trace " +
                          testing::TempDir() + "immersim_mpi_trace.json");
    EXPECT_NE(out.code, 0) << out.text;
    EXPECT_NE(out.text.find("--trace: error: not available across MPI ranks"), std::string::npos)
        << out.text;
}

} // namespace
