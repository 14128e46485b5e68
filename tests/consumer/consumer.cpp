// Registers `longest` (a merge function: of two concurrent titles, the longer
// stays) and `drop-all` (a strategy: the server discards every change), loads the
// scenario named on the command line, runs it, and checks that the simulator
// called both: exit 0 only when `longest` settled conflicts and `drop-all` lost
// every change that reached the server.
#include "immersim/run/runner.hpp"
#include "immersim/scenario/scenario.hpp"
#include "immersim/state/patch.hpp"
#include "immersim/strategies/merge_functions.hpp"
#include "immersim/strategies/registry.hpp"

#include <atomic>
#include <iostream>

namespace {

using namespace immersim;

std::atomic<long> longest_calls{0};

strategies::merge_output longest(const strategies::merge_input& in) {
    ++longest_calls;
    auto length = [](const state::value* v) {
        return v != nullptr && v->type() == state::value_type::string ? v->as_string().size() : 0;
    };
    const state::value* kept = length(in.theirs) > length(in.ours) ? in.theirs : in.ours;
    strategies::merge_output out;
    if (kept != nullptr)
        out.merged = *kept;
    out.overwritten = in.ours != nullptr && in.theirs != nullptr && *in.ours != *in.theirs;
    return out;
}

class drop_all final : public strategies::strategy {
public:
    std::unique_ptr<strategies::replica_book> new_book(const state::value&) const override {
        return std::make_unique<strategies::replica_book>();
    }
    strategies::integrate_result integrate(strategies::replica_book&, const state::value& current,
                                           const strategies::change& c,
                                           const strategies::integrate_context&) override {
        strategies::integrate_result out{current, {}};
        out.result.lost_to.assign(c.patches.size(), strategies::no_rival);
        return out;
    }
};

void register_extensions() {
    strategies::register_merge_function("longest", longest);
    strategy_descriptor d;
    d.name = "drop-all";
    d.description = "the server discards every change";
    d.needs_authority = true;
    strategies::register_strategy(
        d, [](const strategy_config&) { return std::make_unique<drop_all>(); });
}

double metric_of(const run_result& r, metrics::metric m) {
    return r.metrics[m].value_or(-1);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer SCENARIO.yaml\n";
        return 2;
    }
    register_extensions();
    study_load_result study = load_study_file(argv[1]);
    for (const diagnostic& d : study.errors)
        std::cerr << format_diagnostic(d) << '\n';
    if (!study.errors.empty())
        return 2;

    bool ok = true;
    for (const run_spec& spec : expand_runs(study.points.at(0).world, std::nullopt, 0)) {
        const run_result r = run_once(spec);
        const double changes = metric_of(r, metrics::metric::changes);
        const double lost = metric_of(r, metrics::metric::overwritten_writes);
        std::cout << r.strategy_label << " seed " << r.seed << ": changes " << changes
                  << ", overwritten " << lost << ", digest " << format_digest(r.digest) << '\n';
        if (r.strategy_label == "drop-all")
            ok = ok && changes > 0 && lost == changes;
    }
    std::cout << "longest called " << longest_calls << " times\n";
    return ok && longest_calls > 0 ? 0 : 1;
}
