// Properties of the three-way merge over random documents and random edits.
#include "immersim/random/distributions.hpp"
#include "immersim/state/json.hpp"
#include "immersim/strategies/three_way_merge.hpp"

#include "../support/random_document.hpp"

#include <gtest/gtest.h>

namespace immersim {
namespace {

using state::value;

value edited(const value& base, std::uint64_t seed, std::uint64_t side) {
    generator g = generator::stream(seed, stream_purpose::test, side);
    std::vector<state::path> written;
    return state::produce(base, [&](state::draft& d) {
               testing::random_edits(g, d, base, static_cast<int>(uniform_int(g, 1, 5)), written);
           }).state;
}

TEST(merge_properties, identities_hold_for_every_policy) {
    const strategies::merge_registry registry;
    for (const char* fallback : {"lww", "keep-both", "sum", "union"}) {
        const strategies::merge_policy policy(*registry.find(fallback));
        for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
            generator doc_g = generator::stream(seed, stream_purpose::test, 100);
            const value base = value::empty_map().set("root", testing::random_document(doc_g, 4));
            const value ours = edited(base, seed, 1);
            // Nothing arrived: ours stands. Nothing here yet: theirs is taken whole.
            // Both made the same change: that change, with no conflict.
            EXPECT_EQ(strategies::three_way_merge(base, ours, base, policy).merged, ours)
                << fallback << " seed " << seed;
            EXPECT_EQ(strategies::three_way_merge(base, base, ours, policy).merged, ours)
                << fallback << " seed " << seed;
            const auto same = strategies::three_way_merge(base, ours, ours, policy);
            EXPECT_EQ(same.merged, ours) << fallback << " seed " << seed;
            EXPECT_EQ(same.stats.conflicts, 0u) << fallback << " seed " << seed;
        }
    }
}

// Changes to different top-level keys never conflict, and both survive.
TEST(merge_properties, disjoint_changes_both_survive) {
    const strategies::merge_registry registry;
    const strategies::merge_policy policy(*registry.find("lww"));
    for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
        generator doc_g = generator::stream(seed, stream_purpose::test, 100);
        const value left = testing::random_document(doc_g, 3);
        const value right = testing::random_document(doc_g, 3);
        const value base = value::empty_map().set("left", left).set("right", right);
        const value ours = base.set("left", edited(value::empty_map().set("root", left), seed, 1));
        const value theirs =
            base.set("right", edited(value::empty_map().set("root", right), seed, 2));
        const auto merged = strategies::three_way_merge(base, ours, theirs, policy);
        EXPECT_EQ(merged.stats.conflicts, 0u) << "seed " << seed;
        EXPECT_EQ(*merged.merged.find("left"), *ours.find("left")) << "seed " << seed;
        EXPECT_EQ(*merged.merged.find("right"), *theirs.find("right")) << "seed " << seed;
    }
}

} // namespace
} // namespace immersim
