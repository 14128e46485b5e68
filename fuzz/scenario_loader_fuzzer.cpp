// libFuzzer target: the scenario loader, as `immersim validate` and `immersim run`
// call it. Whatever the bytes, the loader must return either a study or diagnostics,
// every diagnostic with a line and a column, and never crash, hang or exhaust memory
// (libFuzzer's -timeout and -rss_limit_mb catch the last two).
#include "fuzz_input.hpp"
#include "immersim/scenario/scenario.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what, const immersim::diagnostic* d) {
    std::fprintf(stderr, "scenario_loader_fuzzer: %s\n", what);
    if (d != nullptr)
        std::fprintf(stderr, "  %s\n", immersim::format_diagnostic(*d).c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (immersim::fuzzing::asks_for_a_large_count(text) ||
        immersim::fuzzing::sweeps_many_points(text))
        return -1; // not added to the corpus
    const immersim::study_load_result study = immersim::load_study_text(text, "fuzz.yaml");
    if (study.points.empty() == study.errors.empty())
        fail("a study must have points exactly when it has no diagnostics", nullptr);
    for (const immersim::diagnostic& d : study.errors)
        if (d.line < 1 || d.column < 1 || d.message.empty())
            fail("a diagnostic about a file must have a line, a column and a message", &d);
    return 0;
}
