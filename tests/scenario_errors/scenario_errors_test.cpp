// Golden messages for malformed scenarios. Each cases/NAME.yaml is loaded and its
// diagnostics must equal cases/NAME.expected line for line. To regenerate after a
// deliberate change of wording: IMMERSIM_UPDATE_GOLDEN=1 ctest -L scenario_errors,
// then review the diff.
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

class scenario_error : public testing::TestWithParam<fs::path> {};

TEST_P(scenario_error, reports_the_expected_messages) {
    const fs::path yaml = GetParam();
    const scenario_load_result result =
        load_scenario_text(read_text(yaml), yaml.filename().string());
    EXPECT_FALSE(result.value.has_value());
    std::string got;
    for (const diagnostic& d : result.errors)
        got += format_diagnostic(d) + "\n";
    // `immersim run` and `validate` read through the study loader: the same messages.
    const study_load_result study = load_study_text(read_text(yaml), yaml.filename().string());
    std::string from_study;
    for (const diagnostic& d : study.errors)
        from_study += format_diagnostic(d) + "\n";
    EXPECT_EQ(from_study, got);
    EXPECT_TRUE(study.points.empty());
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
