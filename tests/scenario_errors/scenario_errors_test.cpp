// Golden messages for malformed scenarios. Each cases/NAME.yaml is loaded (with the
// overrides in cases/NAME.set, one KEY=VALUE a line, as `--set` gives them, when that
// file exists) and its diagnostics must equal cases/NAME.expected line for line. To regenerate
// after a deliberate change of wording: IMMERSIM_UPDATE_GOLDEN=1 ctest -L scenario_errors, then
// review the diff.
#include "immersim/scenario/scenario.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace immersim {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<fs::path> case_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(IMMERSIM_SCENARIO_ERRORS_DIR))
        if (entry.path().extension() == ".yaml")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// The overrides of a case: cases/NAME.set, one KEY=VALUE a line.
std::vector<parameter> overrides_of(fs::path yaml) {
    std::vector<parameter> out;
    std::ifstream in(yaml.replace_extension(".set"));
    for (std::string line; std::getline(in, line);)
        if (const auto eq = line.find('='); eq != std::string::npos)
            out.push_back({line.substr(0, eq), line.substr(eq + 1)});
    return out;
}

class scenario_error : public testing::TestWithParam<fs::path> {};

TEST_P(scenario_error, reports_the_expected_messages) {
    const fs::path yaml = GetParam();
    const std::string text = read_text(yaml);
    const std::vector<parameter> overrides = overrides_of(yaml);
    // `immersim run` and `validate` read through the study loader: its messages are
    // the golden ones.
    const study_load_result study = load_study_text(text, yaml.filename().string(), overrides);
    std::string got;
    for (const diagnostic& d : study.errors)
        got += format_diagnostic(d) + "\n";
    EXPECT_TRUE(study.points.empty());
    // Every error has a place: a line and column in the file, or a column in a --set.
    for (const diagnostic& d : study.errors)
        EXPECT_TRUE(d.column > 0 && (d.line > 0 || d.file.rfind("--set ", 0) == 0))
            << format_diagnostic(d);
    // The single-scenario loader rejects the file too, with the same messages when
    // there is no sweep to expand (it checks a sweep's shape, not each point).
    const scenario_load_result result =
        load_scenario_text(text, yaml.filename().string(), overrides);
    EXPECT_FALSE(result.value.has_value());
    if (text.find("\nsweep:") == std::string::npos) {
        std::string from_scenario;
        for (const diagnostic& d : result.errors)
            from_scenario += format_diagnostic(d) + "\n";
        EXPECT_EQ(from_scenario, got);
    }
    fs::path expected_file = yaml;
    expected_file.replace_extension(".expected");
    if (std::getenv("IMMERSIM_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(expected_file, std::ios::binary) << got;
        return;
    }
    ASSERT_TRUE(fs::exists(expected_file)) << expected_file;
    EXPECT_EQ(got, read_text(expected_file)) << yaml;
}

std::string case_name(const testing::TestParamInfo<fs::path>& param_info) {
    std::string name = param_info.param.stem().string();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(cases, scenario_error, testing::ValuesIn(case_files()), case_name);

TEST(scenario_load, a_missing_file_is_a_diagnostic_not_a_crash) {
    const scenario_load_result result = load_scenario_file("/nonexistent/file.yaml");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(format_diagnostic(result.errors[0]),
              "/nonexistent/file.yaml: error: cannot open the scenario file");
}

} // namespace
} // namespace immersim

namespace immersim {
namespace {

TEST(scenario_load, a_rate_with_a_counted_unit_is_that_many_per_that_time) {
    const auto with_rate = [](const std::string& rate) {
        return load_scenario_text("name: r\nduration: 10s\ntopology: { clients: 2, servers: 1 }\n"
                                  "workload: { rate_per_client: " +
                                      rate + ", ops: [ { increment: n } ] }\ncompare: [ none ]\n",
                                  "rate.yaml");
    };
    for (const auto& [rate, per_s] : {std::pair{"5/10s", 0.5},
                                      {"300/m", 5.0},
                                      {"2/s", 2.0},
                                      {"1/8760h", 1.0 / (8760.0 * 3600.0)}}) {
        const scenario_load_result loaded = with_rate(rate);
        ASSERT_TRUE(loaded.value) << rate;
        EXPECT_DOUBLE_EQ(loaded.value->workload.rate_per_client, per_s) << rate;
    }
}

} // namespace
} // namespace immersim
