// `merge`: the authority merges each arriving change three ways: the state the
// client edited (base), the authority's current state (ours) and the client's
// result (theirs). Places changed on one side only merge without conflict; places
// both changed go to the merge function their path pattern names.
#include "merge_strategy.hpp"

#include "immersim/strategies/three_way_merge.hpp"
#include "immersim/support/assert.hpp"

namespace immersim::strategies {

namespace {

class merge_strategy final : public strategy {
public:
    merge_strategy(const strategy_config& config, const merge_registry& functions)
        : policy_(*functions.find("lww")) {
        for (const auto& [pattern, name] : config.merge_paths) {
            const merge_function* f = functions.find(name);
            IMMERSIM_ASSERT(f != nullptr); // the loader accepts only known names
            policy_.set(pattern, *f);
        }
    }

    bool needs_authority() const override { return true; }

    integrate_result integrate(replica_book&, const state::value& current, const change& c,
                               const integrate_context&) override {
        merge_result merged = three_way_merge(c.before, current, c.after, policy_);
        integrate_result out{std::move(merged.merged), {}};
        out.result.applied = static_cast<std::uint32_t>(c.patches.size());
        out.result.auto_merged = merged.stats.auto_merged;
        out.result.merge_conflicts = merged.stats.conflicts;
        out.result.discarded = merged.stats.overwritten;
        out.result.kept_both = merged.stats.kept_both;
        return out;
    }

private:
    merge_policy policy_;
};

} // namespace

std::unique_ptr<strategy> make_merge(const strategy_config& config,
                                     const merge_registry& functions) {
    return std::make_unique<merge_strategy>(config, functions);
}

} // namespace immersim::strategies
