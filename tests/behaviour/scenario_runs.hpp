// Helpers for behaviour tests: a scenario written as YAML text (so the tests go
// through the same loader users do, and a failing case can be saved and rerun
// with the CLI), run for one strategy and one seed.
#pragma once

#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace immersim::testing {

inline std::shared_ptr<const scenario> load(const std::string& yaml) {
    scenario_load_result loaded = load_scenario_text(yaml, "test.yaml");
    std::string errors;
    for (const diagnostic& d : loaded.errors)
        errors += format_diagnostic(d) + "\n";
    EXPECT_TRUE(loaded.value.has_value()) << errors << yaml;
    if (!loaded.value)
        return nullptr;
    return std::make_shared<const scenario>(std::move(*loaded.value));
}

// Runs the `compare:` entry labelled `label` (as tables show it: "crdt",
// "occ version/notify", a `name:`). Tests pick strategies by label, never by
// position, so that reordering `compare:` cannot make a test check another
// strategy than the one it names; an unknown label fails the test.
inline run_result run_named(const std::shared_ptr<const scenario>& s, const std::string& label,
                            std::uint64_t seed, trace_sink* trace = nullptr) {
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < s->compare.size(); ++k) {
        if (s->compare[k].label() == label)
            return run_once({s, k, seed}, trace);
        labels.push_back(s->compare[k].label());
    }
    std::string known;
    for (const std::string& l : labels)
        known += " '" + l + "'";
    throw std::invalid_argument("no strategy labelled '" + label + "' in compare:" + known);
}

inline double metric_of(const run_result& r, metrics::metric m) {
    return r.metrics[m].value_or(-1.0);
}

// Collects decisions from the trace: who lost, who won.
class decision_log final : public trace_sink {
public:
    struct entry {
        std::uint32_t origin;
        std::string what;
    };
    void record(const trace_record& r) override {
        if (r.kind == trace_kind::decision)
            entries.push_back({r.peer, r.detail});
    }
    std::size_t count(std::uint32_t origin, const std::string& what) const {
        std::size_t n = 0;
        for (const entry& e : entries)
            n += e.origin == origin && e.what == what;
        return n;
    }
    std::vector<entry> entries;
};

// Saves a scenario that failed, so the failure message can give a command that
// reproduces it outside the test.
inline std::string save_for_repro(const std::string& yaml, const std::string& name) {
    const std::string path = ::testing::TempDir() + name + ".yaml";
    std::ofstream(path) << yaml;
    return path;
}

} // namespace immersim::testing

// The names every behaviour test uses (the tests live in namespace immersim).
namespace immersim {
using metrics::metric;
using testing::load;
using testing::metric_of;
using testing::run_named;
} // namespace immersim
