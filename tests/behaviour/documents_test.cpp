// Documents: each is its own causal domain. A change reaches only its document's
// members; documents add up to the run's metrics; one document is the world as it
// always was.
#include "immersim/run/document_plan.hpp"
#include "scenario_runs.hpp"

#include <fmt/format.h>
#include <set>

namespace immersim {
namespace {

using metrics::metric;

// `documents` is the section's text, or empty for none.
std::string world_text(std::uint32_t clients, const std::string& documents,
                       const std::string& servers = "1") {
    return fmt::format(R"(
name: documents
duration: 20s
drain: 10s
topology: {{ kind: star, clients: {}, servers: {}, link: {{ latency: 30ms, jitter: 20ms }} }}
{}
state: {{ initial: {{ likes: 0, cards: {{ generate: 4, template: {{ done: false }} }} }} }}
workload:
  rate_per_client: 2/s
  ops:
    - {{ weight: 1, increment: likes }}
    - {{ weight: 2, set: "cards/{{c}}/done", value: toggle }}
  keys: {{ c: {{ dist: uniform, n: 4 }} }}
compare:
  - merge: {{ paths: {{ likes: sum, "*": lww }} }}
  - none
  - occ: {{ validate: path, on_conflict: retry, max_retries: 5 }}
  - resolver: {{ rule: priority, ranking: [client-3, client-0..1] }}
)",
                       clients, servers, documents);
}

double value(const run_result& r, metric m) {
    return r.metrics[m].value_or(-1);
}

TEST(documents, one_document_is_the_world_without_documents) {
    const auto plain = testing::load(world_text(12, ""));
    const auto one = testing::load(world_text(12, "documents: { count: 1 }"));
    ASSERT_TRUE(plain && one);
    for (const std::string label : {"merge", "none", "occ path/retry 5"}) {
        const run_result a = testing::run_named(plain, label, 5);
        const run_result b = testing::run_named(one, label, 5);
        EXPECT_EQ(a.digest, b.digest) << label;
        EXPECT_EQ(a.metrics.values, b.metrics.values) << label;
        ASSERT_EQ(b.documents.size(), 1u);
        EXPECT_EQ(b.documents[0].clients, 12u);
        EXPECT_TRUE(a.documents.empty()); // no documents.csv without the section
    }
}

// With a document per client, no one else ever writes what a client writes: no
// conflict, no loss, and each change costs its commit and one sync back to its
// writer, not a sync to everyone.
TEST(documents, changes_travel_only_within_their_document) {
    const auto alone = testing::load(world_text(12, "documents: { count: 12 }"));
    const auto shared = testing::load(world_text(12, "documents: { count: 1 }"));
    ASSERT_TRUE(alone && shared);
    const run_result a = testing::run_named(alone, "none", 9);
    EXPECT_GT(value(a, metric::changes), 200);
    EXPECT_EQ(value(a, metric::conflicting_changes), 0);
    EXPECT_EQ(value(a, metric::overwritten_writes), 0);
    EXPECT_EQ(value(a, metric::lost_increments), 0);
    EXPECT_EQ(value(a, metric::messages), 2 * value(a, metric::changes));
    EXPECT_EQ(value(a, metric::converged), 1);

    const run_result s = testing::run_named(shared, "none", 9);
    EXPECT_GT(value(s, metric::conflicting_changes), 0);
    EXPECT_EQ(value(s, metric::messages), 13 * value(s, metric::changes)); // 1 + 12 syncs
}

TEST(documents, the_run_adds_up_its_documents) {
    const auto s = testing::load(world_text(30, "documents: { count: 5, clients: { zipf: 1.2 } }"));
    ASSERT_TRUE(s);
    for (const std::string label : {"merge", "none", "occ path/retry 5"}) {
        const run_result r = testing::run_named(s, label, 3);
        ASSERT_FALSE(r.documents.empty());
        document_result sum;
        std::uint32_t clients = 0;
        for (const document_result& d : r.documents) {
            clients += d.clients;
            sum.operations += d.operations;
            sum.changes += d.changes;
            sum.conflicting_changes += d.conflicting_changes;
            sum.overwritten_writes += d.overwritten_writes;
            sum.lost_increments += d.lost_increments;
        }
        EXPECT_EQ(clients, 30u);
        EXPECT_EQ(static_cast<double>(sum.operations), value(r, metric::operations));
        EXPECT_EQ(static_cast<double>(sum.changes), value(r, metric::changes));
        EXPECT_EQ(static_cast<double>(sum.conflicting_changes),
                  value(r, metric::conflicting_changes));
        EXPECT_EQ(static_cast<double>(sum.overwritten_writes),
                  value(r, metric::overwritten_writes));
        EXPECT_EQ(static_cast<double>(sum.lost_increments), value(r, metric::lost_increments));
        EXPECT_DOUBLE_EQ(value(r, metric::conflict_rate),
                         static_cast<double>(sum.conflicting_changes) / sum.changes);
    }
}

// A crowded document conflicts more than a quiet one: the oracle judges each
// document's changes against its own, not against the whole world's.
TEST(documents, conflicts_gather_where_clients_crowd) {
    const auto s = testing::load(world_text(40, "documents: { count: 8, clients: { zipf: 1.5 } }"));
    ASSERT_TRUE(s);
    const run_result r = testing::run_named(s, "none", 4);
    const auto by_clients = [](const document_result& a, const document_result& b) {
        return a.clients < b.clients;
    };
    const auto most = std::max_element(r.documents.begin(), r.documents.end(), by_clients);
    const auto least = std::min_element(r.documents.begin(), r.documents.end(), by_clients);
    ASSERT_GE(most->clients, 4 * least->clients);
    const auto rate = [](const document_result& d) {
        return static_cast<double>(d.conflicting_changes) / static_cast<double>(d.changes);
    };
    EXPECT_GT(rate(*most), rate(*least));
}

TEST(documents, a_crash_of_a_server_stops_every_document_it_hosts) {
    const auto s = testing::load(world_text(
        12, "documents: { count: 4 }\nfaults: [ { at: 5s, crash: server-1, restart: 40s } ]", "2"));
    ASSERT_TRUE(s);
    const run_result r = testing::run_named(s, "merge", 2);
    // Documents 1 and 3 live on server-1, which comes back after the run's end:
    // their clients' later changes are never taken, so their replicas disagree.
    ASSERT_EQ(r.documents.size(), 4u);
    EXPECT_TRUE(r.documents[0].converged);
    EXPECT_FALSE(r.documents[1].converged);
    EXPECT_TRUE(r.documents[2].converged);
    EXPECT_FALSE(r.documents[3].converged);
    EXPECT_EQ(value(r, metric::converged), 0);
}

// Documents of a star with one server share nothing that decides anything, so
// the engine runs them one after another between the run's own events (engine.hpp).
// Users rely on that being only faster: every result, every document's row and the
// digest are those of the single time-ordered queue, through a partition that holds
// messages back and releases them at the heal, a client's crash and restart, and
// every kind of strategy. A traced run keeps the single queue and the same digest.
TEST(documents, documents_run_apart_give_the_results_of_one_queue) {
    const auto s = testing::load(world_text(
        24, "documents: { count: 6, clients: { zipf: 1.1 } }\n"
            "faults:\n"
            "  - { at: 4s, partition: [[server-0, client-0..11], [client-12..23]], heal: 11s }\n"
            "  - { at: 6s, crash: client-5, restart: 14s }"));
    ASSERT_TRUE(s);
    for (std::size_t k = 0; k < s->compare.size(); ++k) {
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const std::string what = fmt::format("{} seed {}", s->compare[k].label(), seed);
            const run_result apart = run_once({s, k, seed});
            const run_result together = run_once({s, k, seed, 0, 0, true});
            ASSERT_TRUE(apart.perf.documents_apart) << what;
            ASSERT_FALSE(together.perf.documents_apart) << what;
            EXPECT_EQ(apart.digest, together.digest) << what;
            EXPECT_EQ(apart.metrics.values, together.metrics.values) << what;
            EXPECT_EQ(apart.documents, together.documents) << what;
            EXPECT_EQ(apart.samples, together.samples) << what;
            EXPECT_GT(value(apart, metric::changes), 100) << what;
        }
    }
    testing::decision_log trace;
    const run_result traced = testing::run_named(s, "merge", 2, &trace);
    EXPECT_FALSE(traced.perf.documents_apart);
    EXPECT_EQ(traced.digest, testing::run_named(s, "merge", 2).digest);
}

// Peer to peer, a document lives on its clients: operations (broadcast or gossip)
// reach only them, and each document converges on its own.
TEST(documents, peer_to_peer_documents_replicate_among_their_clients) {
    for (const char* replication : {"broadcast", "gossip"}) {
        const std::string text = fmt::format(R"(
name: peers
duration: 10s
drain: 20s
topology: {{ kind: mesh, clients: 12, servers: 0, replication: {}, gossip_interval: 200ms }}
documents: {{ count: 3 }}
state: {{ initial: {{ likes: 0 }} }}
workload: {{ rate_per_client: 2/s, ops: [ {{ weight: 1, increment: likes }} ] }}
compare: [ crdt ]
)",
                                             replication);
        const auto s = testing::load(text);
        ASSERT_TRUE(s) << replication;
        const run_result r = testing::run_named(s, "crdt", 6);
        ASSERT_EQ(r.documents.size(), 3u) << replication;
        for (const document_result& d : r.documents) {
            EXPECT_EQ(d.clients, 4u);
            EXPECT_TRUE(d.converged) << replication << " document " << d.document;
            EXPECT_EQ(d.lost_increments, 0u) << replication;
        }
        if (std::string(replication) == "broadcast") { // each change to its 3 peers
            EXPECT_EQ(value(r, metric::messages), 3 * value(r, metric::changes));
        }
    }
}

TEST(document_plan, even_blocks_and_hosts_in_turn) {
    const auto s = testing::load(world_text(10, "documents: { count: 4 }", "2"));
    ASSERT_TRUE(s);
    const document_plan plan = plan_documents(*s, 1);
    ASSERT_EQ(plan.members.size(), 4u);
    // Servers are nodes 0 and 1, clients 2..11; client i edits document i * 4 / 10.
    EXPECT_EQ(plan.members[0], (std::vector<net::node_id>{0, 2, 3, 4}));
    EXPECT_EQ(plan.members[1], (std::vector<net::node_id>{1, 5, 6}));
    EXPECT_EQ(plan.members[2], (std::vector<net::node_id>{0, 7, 8, 9}));
    EXPECT_EQ(plan.members[3], (std::vector<net::node_id>{1, 10, 11}));
    const node_places places(plan);
    ASSERT_EQ(places.of(0).size(), 2u); // server-0 hosts documents 0 and 2
    EXPECT_EQ(places.of(0)[1].document, 2u);
    EXPECT_EQ(places.local_in(0, 2), 0u);
    EXPECT_EQ(places.local_in(9, 2), 3u);
}

TEST(document_plan, zipf_draws_from_the_seed_and_skews) {
    const auto s = testing::load(
        world_text(2000, "documents: { count: 50, clients: { zipf: 1.0 }, host: server-1 }", "2"));
    ASSERT_TRUE(s);
    const document_plan a = plan_documents(*s, 1);
    EXPECT_EQ(a.members, plan_documents(*s, 1).members);
    EXPECT_NE(a.members, plan_documents(*s, 2).members);
    std::set<net::node_id> seen;
    for (std::size_t d = 0; d < a.members.size(); ++d) {
        if (a.members[d].empty())
            continue;
        EXPECT_EQ(a.members[d][0], 1u); // all on server-1
        for (std::size_t i = 1; i < a.members[d].size(); ++i)
            EXPECT_TRUE(seen.insert(a.members[d][i]).second); // each client once
    }
    EXPECT_EQ(seen.size(), 2000u);
    // Zipf(1) over 50: document 0 draws 1/H(50) = 22% of clients, document 49 0.45%.
    EXPECT_GT(a.clients(0), 350u);
    EXPECT_LT(a.clients(0), 550u);
    EXPECT_LT(a.clients(49), 30u);
}

TEST(topology_patterns, matching_a_node_agrees_with_listing_the_pattern) {
    const net::topology topo = net::topology::build(net::topology_kind::star, 3, 25, {}, 2, {}, 1);
    for (const char* pattern : {"all", "servers", "clients", "client-3", "server-2", "client-0..4",
                                "client-10..24", "server-1..2", "client-7..7"}) {
        std::string error;
        const auto listed = topo.select(pattern, error);
        ASSERT_TRUE(listed) << pattern << ": " << error;
        const std::set<net::node_id> in(listed->begin(), listed->end());
        for (net::node_id n = 0; n < topo.node_count(); ++n)
            EXPECT_EQ(topo.matches(n, pattern), in.count(n) == 1) << pattern << " " << n;
    }
}

} // namespace
} // namespace immersim
