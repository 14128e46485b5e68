// Every scenario shipped under scenarios/ validates, runs, and prints exactly the
// output pinned in tests/golden/scenarios/<path>.expected: its table, headline
// numbers and digest. After a deliberate change of the simulator or a scenario,
// regenerate all of them with
//     IMMERSIM_UPDATE_GOLDEN=1 ctest --preset ci -L golden
// and review the diff before committing it.
#include "immersim/metrics/metric_catalogue.hpp"
#include "immersim/report/report_output.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path source_dir = IMMERSIM_SOURCE_DIR;
const std::string cli = IMMERSIM_CLI_PATH;

std::string run_stdout(const std::string& command, int& exit_code) {
    std::string text;
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while (pipe != nullptr && (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        text.append(buffer.data(), n);
    const int status = pipe != nullptr ? pclose(pipe) : -1;
    exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return text;
}

std::vector<fs::path> shipped_scenarios() {
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(source_dir / "scenarios"))
        if (entry.path().extension() == ".yaml")
            found.push_back(fs::relative(entry.path(), source_dir / "scenarios"));
    std::sort(found.begin(), found.end());
    return found;
}

class shipped_scenario : public testing::TestWithParam<fs::path> {};

TEST_P(shipped_scenario, validates_runs_and_prints_its_pinned_output) {
    const fs::path scenario = source_dir / "scenarios" / GetParam();
    int code = -1;
    run_stdout(cli + " validate " + scenario.string(), code);
    ASSERT_EQ(code, 0) << scenario;
    // Run from the scenarios folder, so the pinned text does not hold this
    // machine's paths.
    const std::string out =
        run_stdout("cd " + (source_dir / "scenarios").string() + " && " + cli + " run " +
                       GetParam().string() + " --jobs 2",
                   code);
    ASSERT_EQ(code, 0) << out;
    ASSERT_NE(out.find("\ndigest: "), std::string::npos);
    fs::path expected_file = source_dir / "tests/golden/scenarios" / GetParam();
    expected_file.replace_extension(".expected");
    if (std::getenv("IMMERSIM_UPDATE_GOLDEN") != nullptr) {
        fs::create_directories(expected_file.parent_path());
        std::ofstream(expected_file, std::ios::binary) << out;
        return;
    }
    std::ifstream in(expected_file, std::ios::binary);
    ASSERT_TRUE(in) << "no pinned output yet: " << expected_file;
    const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(out, expected);
}

// A lesson that tells the reader to look at a metric must show it: every metric
// a scenario's text names is a row of the table it prints.
TEST_P(shipped_scenario, names_only_metrics_its_table_shows) {
    std::ifstream in(source_dir / "scenarios" / GetParam(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto shown = immersim::report::default_table_metrics();
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char ch = i < text.size() ? text[i] : ' ';
        if (std::islower(static_cast<unsigned char>(ch)) ||
            std::isdigit(static_cast<unsigned char>(ch)) || ch == '_') {
            word += ch;
            continue;
        }
        // Words that are metrics by name only with an underscore ("changes", "messages",
        // "events" are ordinary words too).
        const auto m = immersim::metrics::metric_named(word);
        if (m && word.find('_') != std::string::npos) {
            EXPECT_NE(std::find(shown.begin(), shown.end(), *m), shown.end())
                << GetParam() << " names " << word << ", which its table does not show";
        }
        word.clear();
    }
}

std::string scenario_name(const testing::TestParamInfo<fs::path>& param_info) {
    std::string name = param_info.param.string();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(scenarios, shipped_scenario, testing::ValuesIn(shipped_scenarios()),
                         scenario_name);

} // namespace
