// `merge`: the authority merges each arriving change three ways: the state the
// client edited (base), the authority's current state (ours) and the client's
// result (theirs). Places changed on one side only merge without conflict; places
// both changed go to the merge function their path pattern names.
#include "merge_strategy.hpp"

#include "immersim/state/json.hpp"
#include "immersim/strategies/three_way_merge.hpp"
#include "immersim/support/assert.hpp"

#include <fmt/format.h>

namespace immersim::strategies {

namespace {

class merge_strategy final : public strategy {
public:
    merge_strategy(const strategy_config& config, const merge_registry& functions)
        : policy_(*functions.find("lww")) {
        for (const auto& [pattern, name] : config.merge_paths) {
            const merge_function* f = functions.find(name);
            IMMERSIM_ASSERT(f != nullptr); // the loader accepts only known names
            policy_.set(pattern, *f, name);
        }
    }

    bool needs_authority() const override { return true; }

    integrate_result integrate(replica_book&, const state::value& current, const change& c,
                               const integrate_context& ctx) override {
        merge_result merged = three_way_merge(c.before, current, c.after, policy_);
        integrate_result out{std::move(merged.merged), {}};
        if (ctx.explain)
            for (const state::path& where : merged.conflict_places)
                out.result.why.push_back(explain(where, c, current, out.next));
        out.result.applied = static_cast<std::uint32_t>(c.patches.size());
        out.result.auto_merged = merged.stats.auto_merged;
        out.result.merge_conflicts = merged.stats.conflicts;
        out.result.discarded = merged.stats.overwritten;
        out.result.kept_both = merged.stats.kept_both;
        return out;
    }

private:
    // A place both sides changed: the three versions and what the function made.
    decision_record explain(const state::path& where, const change& c, const state::value& ours,
                            const state::value& merged) const {
        const auto at = [&](const state::value& doc) {
            const state::value* v = state::value_at(doc, where);
            return v == nullptr ? std::string("absent") : abbreviated(state::to_json(*v));
        };
        return {where, no_rival, no_rival,
                fmt::format("base {}, the server's {}, change {}'s {}: merged {}", at(c.before),
                            at(ours), c.id, at(c.after), at(merged)),
                fmt::format("merge: both the server and change {} changed {} since the change's "
                            "base, so the merge function {} decided",
                            c.id, state::format_path(where), policy_.describe(where))};
    }

    static std::string abbreviated(std::string json) {
        constexpr std::size_t longest = 48;
        if (json.size() <= longest)
            return json;
        std::size_t cut = longest - 3;
        while (cut > 0 && (static_cast<unsigned char>(json[cut]) & 0xC0) == 0x80)
            --cut; // not inside a UTF-8 character
        json = json.substr(0, cut) + "...";
        return json;
    }

    merge_policy policy_;
};

} // namespace

std::unique_ptr<strategy> make_merge(const strategy_config& config,
                                     const merge_registry& functions) {
    return std::make_unique<merge_strategy>(config, functions);
}

} // namespace immersim::strategies
