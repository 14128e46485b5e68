// A strategy a program adds, run from YAML by name: declared with its options in
// one call (strategies::register_strategy), its options read and checked by the
// loader like a built-in's, and its decisions judged by the same oracle. The
// strategy is the worked example of docs/extending.md (examples/drop_every.hpp).
#include "drop_every.hpp"
#include "scenario_runs.hpp"

#include <cmath>

namespace immersim {
namespace {

using examples::drop_every;
using examples::register_drop_every;

std::string world(const std::string& topology, const std::string& compare) {
    return R"(
name: flaky server
duration: 10s
drain: 5s
topology: )" +
           topology + R"(
state: { initial: { title: a } }
workload: { rate_per_client: 2/s, ops: [ { set: title, value: random_word } ] }
compare: )" +
           compare + "\n";
}

TEST(user_strategy, runs_from_yaml_by_name_and_decides_as_written) {
    register_drop_every();
    const auto s = load(
        world("{ kind: star, clients: 3, servers: 1 }", "[ { drop-every: { every: 3 } }, none ]"));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->compare[0].label(), "drop-every");
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const run_result r = run_named(s, "drop-every", seed);
        const double changes = metric_of(r, metric::changes);
        EXPECT_GT(changes, 20);
        // Every change reached the authority (the run drains), one in three was dropped.
        EXPECT_EQ(metric_of(r, metric::overwritten_writes), std::floor(changes / 3)) << seed;
        EXPECT_EQ(metric_of(r, metric::converged), 1);
    }
}

TEST(user_strategy, its_options_are_checked_with_positions_like_a_builtins) {
    register_drop_every();
    const scenario_load_result loaded =
        load_scenario_text(world("{ kind: star, clients: 3, servers: 1 }",
                                 "\n  - drop-every\n  - { drop-every: { every: 0, name: b } }\n"
                                 "  - { drop-every: { every: 2, often: yes, name: c } }"),
                           "flaky.yaml");
    ASSERT_FALSE(loaded.value.has_value());
    std::vector<std::string> messages;
    for (const diagnostic& d : loaded.errors)
        messages.push_back(format_diagnostic(d));
    ASSERT_EQ(messages.size(), 3U) << ::testing::PrintToString(messages);
    EXPECT_NE(messages[0].find("flaky.yaml:9:5: error: 'drop-every' needs the option 'every'"),
              std::string::npos)
        << messages[0];
    EXPECT_NE(messages[1].find("flaky.yaml:10:28: error: 'every' must be"), std::string::npos)
        << messages[1];
    EXPECT_NE(messages[2].find("flaky.yaml:11:31: error: unknown key 'often'"), std::string::npos)
        << messages[2];
}

TEST(user_strategy, one_that_needs_an_authority_is_refused_peer_to_peer) {
    register_drop_every();
    const scenario_load_result loaded = load_scenario_text(
        world("{ kind: mesh, clients: 3, servers: 0 }", "[ { drop-every: { every: 2 } } ]"),
        "p2p.yaml");
    ASSERT_EQ(loaded.errors.size(), 1U);
    EXPECT_NE(loaded.errors[0].message.find("'drop-every' needs an authoritative server"),
              std::string::npos)
        << loaded.errors[0].message;
}

TEST(user_strategy, a_builtins_name_or_a_default_outside_its_schema_is_refused_at_registration) {
    const auto make = [](const strategy_config&) { return std::make_unique<drop_every>(2); };
    EXPECT_THROW(strategies::register_strategy({"crdt", "a second crdt", false, {}}, make),
                 std::invalid_argument);
    strategy_descriptor bad{"bad-default", "a default its schema refuses", false, {}};
    bad.options.push_back(
        {"mode", option_spec::type::choice, "how", {"fast", "slow"}, 0, 0, "quick"});
    EXPECT_THROW(strategies::register_strategy(bad, make), std::invalid_argument);
    EXPECT_FALSE(known_strategy("bad-default").has_value());
}

} // namespace
} // namespace immersim
