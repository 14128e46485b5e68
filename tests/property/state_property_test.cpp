// Properties of produce, patches, diff and diff3 over thousands of random documents
// and random recipes. A failure names the seed; rerun one case with
// --gtest_filter and IMMERSIM_PROPERTY_SEED=<seed>.
#include "immersim/random/distributions.hpp"
#include "immersim/state/diff.hpp"
#include "immersim/state/json.hpp"
#include "immersim/state/produce.hpp"

#include "../support/random_document.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace immersim {
namespace {

using state::value;

constexpr std::uint64_t cases = 3000;

std::uint64_t first_seed() {
    const char* fixed = std::getenv("IMMERSIM_PROPERTY_SEED");
    return fixed != nullptr ? std::strtoull(fixed, nullptr, 10) : 1;
}
std::uint64_t case_count() { return std::getenv("IMMERSIM_PROPERTY_SEED") != nullptr ? 1 : cases; }

struct edited {
    value base;
    state::produce_result result;
    std::vector<state::path> written;
};

edited random_case(std::uint64_t seed, std::uint64_t side = 0) {
    generator g = generator::stream(seed, stream_purpose::test, side);
    generator doc_g = generator::stream(seed, stream_purpose::test, 100);
    edited e;
    e.base = value::empty_map().set("root", testing::random_document(doc_g, 4));
    const int edits = static_cast<int>(uniform_int(g, 0, 6));
    e.result = state::produce(e.base, [&](state::draft& d) {
        testing::random_edits(g, d, e.base, edits, e.written);
    });
    return e;
}

nlohmann::json as_json(const value& v) { return nlohmann::json::parse(state::to_json(v)); }

// Every subtree of `base` that no write overlaps must be the very same node in
// `result`.
std::uint64_t untouched_checked = 0;

void expect_untouched_shared(const value& base, const value& result, state::path& where,
                             const std::vector<state::path>& written, std::uint64_t seed) {
    bool touched = false;
    for (const state::path& w : written)
        touched = touched || state::overlaps(w, where);
    if (!touched) {
        untouched_checked += base.node_address() != nullptr;
        EXPECT_TRUE(base.identical(result))
            << "seed " << seed << ": untouched " << state::format_path(where) << " was copied";
        return;
    }
    if (base.is_map() && result.is_map()) {
        base.for_each_entry([&](std::string_view k, const value& child) {
            const value* other = result.find(k);
            if (other == nullptr)
                return;
            where.emplace_back(std::string(k));
            expect_untouched_shared(child, *other, where, written, seed);
            where.pop_back();
        });
    } else if (base.is_list() && result.is_list() && base.size() == result.size()) {
        for (std::size_t i = 0; i < base.size(); ++i) {
            where.emplace_back(i);
            expect_untouched_shared(base.at(i), result.at(i), where, written, seed);
            where.pop_back();
        }
    }
}

TEST(state_properties, patches_turn_base_into_result_and_inverse_patches_back) {
    std::uint64_t with_changes = 0;
    for (std::uint64_t seed = first_seed(); seed < first_seed() + case_count(); ++seed) {
        const edited e = random_case(seed);
        with_changes += !e.result.patches.empty();
        const auto forward = state::apply_patches(e.base, e.result.patches);
        ASSERT_FALSE(forward.error) << "seed " << seed << ": " << forward.error->message;
        EXPECT_EQ(forward.state, e.result.state) << "seed " << seed;
        const auto backward = state::apply_patches(e.result.state, e.result.inverse_patches);
        ASSERT_FALSE(backward.error) << "seed " << seed << ": " << backward.error->message;
        EXPECT_EQ(backward.state, e.base) << "seed " << seed;
    }
    // The generator must produce real edits, or the loop above proves nothing.
    EXPECT_GT(with_changes, case_count() / 2);
}

TEST(state_properties, untouched_subtrees_are_pointer_identical) {
    for (std::uint64_t seed = first_seed(); seed < first_seed() + case_count(); ++seed) {
        const edited e = random_case(seed);
        state::path where;
        expect_untouched_shared(e.base, e.result.state, where, e.written, seed);
        if (e.result.patches.empty()) {
            EXPECT_TRUE(e.base.identical(e.result.state)) << "seed " << seed;
        }
    }
    EXPECT_GT(untouched_checked, case_count() / 2);
}

TEST(state_properties, diff_agrees_with_a_full_naive_comparison) {
    for (std::uint64_t seed = first_seed(); seed < first_seed() + case_count(); ++seed) {
        const edited e = random_case(seed);
        std::vector<testing::naive_change> got;
        for (const state::patch& p : state::diff(e.base, e.result.state))
            got.push_back(testing::as_naive(p));
        std::sort(got.begin(), got.end());
        EXPECT_EQ(got, testing::naive_diff(as_json(e.base), as_json(e.result.state)))
            << "seed " << seed;
    }
}

// The reference classification: every pair of changes compared, O(n * m).
TEST(state_properties, diff3_agrees_with_a_naive_classification) {
    std::size_t conflicts_seen = 0;
    std::size_t agreements_seen = 0;
    for (std::uint64_t seed = first_seed(); seed < first_seed() + case_count(); ++seed) {
        const edited ours = random_case(seed, 1);
        const edited theirs = random_case(seed, 2);
        const value& base = ours.base;
        const state::diff3_result got = state::diff3(base, ours.result.state, theirs.result.state);
        conflicts_seen += got.conflicts.size();
        agreements_seen += got.both_same.size();

        const state::patch_list mine = state::diff(base, ours.result.state);
        const state::patch_list other = state::diff(base, theirs.result.state);
        std::size_t expected_same = 0;
        std::size_t expected_ours_only = 0;
        std::size_t expected_theirs_only = 0;
        std::vector<bool> other_agreed(other.size(), false);
        std::vector<bool> mine_agreed(mine.size(), false);
        for (std::size_t i = 0; i < mine.size(); ++i)
            for (std::size_t j = 0; j < other.size(); ++j)
                if (mine[i] == other[j]) {
                    mine_agreed[i] = other_agreed[j] = true;
                    ++expected_same;
                }
        for (std::size_t i = 0; i < mine.size(); ++i) {
            bool clash = false;
            for (std::size_t j = 0; j < other.size(); ++j)
                clash = clash || (!mine_agreed[i] && !other_agreed[j] &&
                                  state::overlaps(mine[i].where, other[j].where));
            expected_ours_only += !mine_agreed[i] && !clash;
        }
        for (std::size_t j = 0; j < other.size(); ++j) {
            bool clash = false;
            for (std::size_t i = 0; i < mine.size(); ++i)
                clash = clash || (!mine_agreed[i] && !other_agreed[j] &&
                                  state::overlaps(mine[i].where, other[j].where));
            expected_theirs_only += !other_agreed[j] && !clash;
        }
        EXPECT_EQ(got.both_same.size(), expected_same) << "seed " << seed;
        EXPECT_EQ(got.ours_only.size(), expected_ours_only) << "seed " << seed;
        EXPECT_EQ(got.theirs_only.size(), expected_theirs_only) << "seed " << seed;
        std::size_t in_conflicts = 0;
        for (const state::conflict& c : got.conflicts) {
            in_conflicts += c.ours.size() + c.theirs.size();
            EXPECT_FALSE(c.ours.empty() || c.theirs.empty()) << "seed " << seed;
            for (const state::patch_list* side : {&c.ours, &c.theirs})
                for (const state::patch& p : *side)
                    EXPECT_TRUE(state::is_prefix(c.where, p.where)) << "seed " << seed;
        }
        EXPECT_EQ(in_conflicts + 2 * expected_same + expected_ours_only + expected_theirs_only,
                  mine.size() + other.size())
            << "seed " << seed;
    }
    EXPECT_GT(conflicts_seen, case_count() / 10);
    EXPECT_GT(agreements_seen, 0u);
}

TEST(state_properties, equal_states_have_equal_hashes) {
    for (std::uint64_t seed = first_seed(); seed < first_seed() + case_count(); ++seed) {
        const edited e = random_case(seed);
        // Rebuilt from JSON: equal content, no node in common, different trie history.
        const auto rebuilt = state::from_json(state::to_json(e.result.state));
        ASSERT_TRUE(rebuilt.state) << rebuilt.error;
        EXPECT_EQ(*rebuilt.state, e.result.state) << "seed " << seed;
        EXPECT_EQ(rebuilt.state->hash(), e.result.state.hash()) << "seed " << seed;
        const value copy = state::deep_copy(e.result.state);
        EXPECT_EQ(copy.hash(), e.result.state.hash()) << "seed " << seed;
        if (!(e.base == e.result.state)) {
            EXPECT_NE(e.base.hash(), e.result.state.hash()) << "seed " << seed;
        }
    }
}

} // namespace
} // namespace immersim
