// The command's promises about bad flags and failed writes: seeds out of range are
// refused with exit 2, an --out folder or a trace file that cannot be written is
// found before any run, and a write that fails (a full disk, a file-size limit, a
// closed standard output) exits 3 with the system's reason and leaves no temporary
// file behind.
#include "command_output.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::string cli = IMMERSIM_CLI_PATH;
const std::string small = std::string(IMMERSIM_SCENARIO_ERRORS_DIR) + "/../valid/small.yaml";

using output = immersim::testing::command_output;
using immersim::testing::sh;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(cli_flags, seeds_out_of_range_are_refused_not_wrapped) {
    for (const char* seed : {"-1", "18446744073709551616", "99999999999999999999999", "7x"}) {
        const output out = sh(cli + " run " + small + " --seed " + seed);
        EXPECT_EQ(out.code, 2) << seed << "\n" << out.text;
        EXPECT_TRUE(contains(out.text, std::string("--seed ") + seed +
                                           ": error: expected a whole number from 0 to "
                                           "18446744073709551615"))
            << out.text;
    }
    const output wraps = sh(cli + " run " + small + " --seed 18446744073709551615");
    EXPECT_EQ(wraps.code, 2) << wraps.text;
    EXPECT_TRUE(contains(wraps.text, "the base seed must be at most 18446744073709551614"))
        << wraps.text;
    const output largest = sh(cli + " run " + small + " --seed 18446744073709551615 --set seeds=1");
    EXPECT_EQ(largest.code, 0) << largest.text;
    EXPECT_TRUE(contains(largest.text, "base seed 18446744073709551615")) << largest.text;
}

TEST(cli_output, a_full_standard_output_is_a_failure_with_its_reason) {
    for (const char* command : {" run ", " validate "}) {
        const output out = sh(cli + command + small + " > /dev/full");
        EXPECT_EQ(out.code, 3) << command << out.text;
        EXPECT_TRUE(contains(out.text, "No space left on device")) << out.text;
    }
    EXPECT_EQ(sh(cli + " run " + small + " --format json > /dev/full").code, 3);
}

TEST(cli_output, an_unwritable_out_folder_is_found_before_the_first_run) {
    const fs::path dir = fs::path(testing::TempDir()) / "immersim_unwritable";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "a_file") << "not a folder\n";
    // A path through a regular file cannot be made, even by root.
    const output out = sh(cli + " run " + small + " --out " + (dir / "a_file" / "out").string());
    EXPECT_EQ(out.code, 2) << out.text;
    EXPECT_TRUE(contains(out.text, "cannot create the output folder: Not a directory")) << out.text;
    EXPECT_FALSE(contains(out.text, "digest:")) << "the study ran before the folder was checked";
    const output trace =
        sh(cli + " run " + small + " --trace " + (dir / "a_file" / "t.json").string());
    EXPECT_EQ(trace.code, 2) << trace.text;
    EXPECT_FALSE(contains(trace.text, "digest:")) << trace.text;
}

TEST(cli_output, a_write_that_fails_midway_exits_3_and_leaves_no_temporary_file) {
    const fs::path dir = fs::path(testing::TempDir()) / "immersim_file_size_limit";
    fs::remove_all(dir);
    // ulimit -f 1: a write past 1 KiB fails with EFBIG (the signal is ignored), as a
    // full disk fails with ENOSPC: the checkpoint fits, the result files do not.
    const output out =
        sh("trap \"\" XFSZ; ulimit -f 1; " + cli + " run " + small + " --out " + dir.string());
    EXPECT_EQ(out.code, 3) << out.text;
    EXPECT_TRUE(contains(out.text, ": error: cannot write " + dir.string())) << out.text;
    EXPECT_TRUE(contains(out.text, "File too large")) << out.text;
    for (const auto& entry : fs::directory_iterator(dir))
        EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
}

} // namespace

namespace memory {

const std::string bench = std::string(IMMERSIM_SOURCE_DIR) + "/scenarios/bench/clients-1000.yaml";

// A million clients editing one document cannot fit in 1 GB: refused before any
// run, with the estimate term by term and what to change, never an OOM kill.
TEST(cli_memory, a_study_that_cannot_fit_the_cap_is_refused_with_its_estimate) {
    const output out = sh("timeout 120 " + cli + " run " + bench +
                          " --set topology.clients=1000000 --max-memory 1GB");
    EXPECT_EQ(out.code, 2) << out.text;
    EXPECT_TRUE(contains(out.text, "clients-1000.yaml: error: the study needs an estimated"))
        << out.text;
    EXPECT_TRUE(contains(out.text, "more than --max-memory 1.0 GB; nothing was run")) << out.text;
    EXPECT_TRUE(contains(out.text, "1,000,001 nodes x 3.0 KB")) << out.text;
    EXPECT_TRUE(contains(out.text, "to fit: lower topology.clients")) << out.text;
    EXPECT_FALSE(contains(out.text, "digest:")) << out.text;
    // The same study with a thousand clients fits the same cap and runs.
    const output fits =
        sh(cli + " run " + bench + " --set duration=1s --set drain=1s --max-memory 1GB");
    EXPECT_EQ(fits.code, 0) << fits.text;
    EXPECT_TRUE(contains(fits.text, "digest:")) << fits.text;
}

TEST(cli_memory, a_cap_that_is_not_a_size_is_bad_input) {
    for (const char* cap : {"12XB", "-1GB", "0", "GB", "1e30"}) {
        const output out = sh(cli + " run " + small + " --max-memory " + cap);
        EXPECT_EQ(out.code, 2) << cap << out.text;
        EXPECT_TRUE(contains(out.text, std::string("--max-memory ") + cap +
                                           ": error: expected a size such as 512MB"))
            << out.text;
    }
}

// validate takes run's overrides and prints the largest run's estimate, so a study
// can be sized before it is run.
TEST(cli_memory, validate_shows_the_estimate_of_an_overridden_study) {
    const output small_one = sh(cli + " validate " + bench);
    const output large = sh(cli + " validate " + bench + " --set topology.clients=100000");
    EXPECT_EQ(small_one.code, 0) << small_one.text;
    EXPECT_EQ(large.code, 0) << large.text;
    EXPECT_TRUE(contains(small_one.text, "largest run's memory, estimated: ")) << small_one.text;
    EXPECT_TRUE(contains(large.text, "estimated: 23 GB")) << large.text;
    const output bad = sh(cli + " validate " + bench + " --set topology.clients=x");
    EXPECT_EQ(bad.code, 2) << bad.text;
    EXPECT_TRUE(contains(bad.text, "--set topology.clients=x: col 18: error:")) << bad.text;
}

} // namespace memory
