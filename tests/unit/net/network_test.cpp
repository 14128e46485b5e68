#include "immersim/net/faults.hpp"
#include "immersim/net/network.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace immersim::net {
namespace {

struct arrival {
    std::uint64_t id;
    node_id target;
    time_ns at;
    time_ns sent_at;
    bool duplicate;
};

class collector final : public message_receiver {
public:
    void deliver(engine& sim, const message& m) override {
        got.push_back({m.id, m.target, sim.now(), m.sent_at, m.duplicate});
    }
    std::vector<arrival> got;
};

// Calls f at a given time, from inside the event loop.
class at_time final : public event_handler {
public:
    explicit at_time(engine& sim) : sim_(sim) { kind_ = sim.register_handler("test", *this); }
    void schedule(time_ns t, std::function<void()> f) {
        actions_.push_back(std::move(f));
        sim_.schedule_at(t, kind_, 0, actions_.size() - 1);
    }
    void handle(engine&, const event& e) override { actions_[e.payload](); }

private:
    engine& sim_;
    event_kind kind_;
    std::vector<std::function<void()>> actions_;
};

topology pair_with(const link_config& c) {
    topology t;
    t.add_node("a", node_role::client);
    t.add_node("b", node_role::client);
    t.add_link(0, 1, c);
    return t;
}

// A star of a server and `clients` clients over lossy, duplicating, jittered links.
topology lossy_star(int clients) {
    link_config c;
    c.latency = latency_distribution::of(distribution_spec::lognormal(20e6, 0.5));
    c.jitter_ns = 3'000'000;
    c.loss = 0.1;
    c.duplicate = 0.05;
    topology t;
    t.add_node("server", node_role::server);
    for (int i = 0; i < clients; ++i) {
        t.add_node("client-" + std::to_string(i), node_role::client);
        t.add_link(0, static_cast<node_id>(i + 1), c);
    }
    return t;
}

// A broadcast sent at once must be the sends one by one: the same ids, draws,
// arrivals, counters and digest, also from a crashed sender and to a crashed
// target, and for reliable and unreliable messages alike. With 300 clients the
// broadcast goes to the engine as one batch (network::min_batch), with 12 not.
void expect_send_to_each_is_a_send_to_each_in_turn(int clients_count) {
    struct outcome {
        std::vector<arrival> got;
        std::uint64_t digest;
        network_counters counters;
    };
    const auto broadcast = [clients_count](bool at_once) {
        topology t = lossy_star(clients_count);
        engine sim(3);
        network net(sim, t, 5);
        collector got;
        net.set_receiver(&got);
        at_time act(sim);
        std::vector<node_id> clients;
        for (node_id n = 1; n <= static_cast<node_id>(clients_count); ++n)
            clients.push_back(n);
        const auto send = [&](channel kind, std::uint64_t body) {
            if (at_once) {
                net.send_to_each(0, clients, 100, kind, body);
                return;
            }
            for (const node_id n : clients)
                net.send(0, n, 100, kind, body);
        };
        for (int round = 0; round < 20; ++round)
            act.schedule(round * 10'000'000, [&, round] {
                send(round % 2 == 0 ? channel::reliable : channel::unreliable, round);
            });
        act.schedule(55'000'000, [&] { net.crash(4); });
        act.schedule(105'000'000, [&] { net.crash(0); });
        act.schedule(125'000'000, [&] { net.restart(0); });
        sim.run({});
        return outcome{got.got, sim.digest(), net.counters()};
    };
    const outcome one_by_one = broadcast(false);
    const outcome at_once = broadcast(true);
    ASSERT_EQ(at_once.got.size(), one_by_one.got.size());
    for (std::size_t i = 0; i < at_once.got.size(); ++i) {
        EXPECT_EQ(at_once.got[i].id, one_by_one.got[i].id);
        EXPECT_EQ(at_once.got[i].target, one_by_one.got[i].target);
        EXPECT_EQ(at_once.got[i].at, one_by_one.got[i].at);
        EXPECT_EQ(at_once.got[i].duplicate, one_by_one.got[i].duplicate);
    }
    EXPECT_EQ(at_once.digest, one_by_one.digest);
    EXPECT_EQ(at_once.counters.sent, one_by_one.counters.sent);
    EXPECT_EQ(at_once.counters.duplicated, one_by_one.counters.duplicated);
    EXPECT_EQ(at_once.counters.dropped_loss, one_by_one.counters.dropped_loss);
    EXPECT_EQ(at_once.counters.dropped_crash, one_by_one.counters.dropped_crash);
    EXPECT_EQ(at_once.counters.held, one_by_one.counters.held);
    EXPECT_EQ(at_once.counters.bytes_sent, one_by_one.counters.bytes_sent);
    // The run exercised what it claims to: losses, copies and a crashed sender.
    EXPECT_GT(one_by_one.counters.dropped_loss, 0u);
    EXPECT_GT(one_by_one.counters.duplicated, 0u);
    EXPECT_GT(one_by_one.counters.dropped_crash, 0u);
}

TEST(network, send_to_each_is_a_send_to_each_in_turn) {
    expect_send_to_each_is_a_send_to_each_in_turn(12);
    expect_send_to_each_is_a_send_to_each_in_turn(300);
}

TEST(network, sampled_latencies_match_the_distribution) {
    link_config c;
    c.latency = latency_distribution::of(distribution_spec::lognormal(20e6, 0.5));
    c.fifo = false; // FIFO would delay some messages past their own draw
    topology t = pair_with(c);
    engine sim(1);
    network net(sim, t, 11);
    collector got;
    net.set_receiver(&got);
    constexpr int messages = 100'000;
    for (int i = 0; i < messages; ++i)
        net.send(0, 1, 100, channel::unreliable, 0);
    sim.run();
    ASSERT_EQ(got.got.size(), static_cast<std::size_t>(messages));
    double sum = 0;
    double squares = 0;
    for (const arrival& a : got.got) {
        const double d = static_cast<double>(a.at - a.sent_at);
        sum += d;
        squares += d * d;
    }
    const double mean = sum / messages;
    const double stddev = std::sqrt(squares / messages - mean * mean);
    const double expected_mean = 20e6 * std::exp(0.125);
    const double expected_stddev = expected_mean * std::sqrt(std::exp(0.25) - 1);
    EXPECT_NEAR(mean, expected_mean, 5 * expected_stddev / std::sqrt(messages));
    EXPECT_NEAR(stddev, expected_stddev, 0.03 * expected_stddev);
}

std::size_t inversions(const std::vector<arrival>& got) {
    std::size_t count = 0;
    for (std::size_t i = 1; i < got.size(); ++i)
        count += got[i].id < got[i - 1].id;
    return count;
}

TEST(network, fifo_links_never_reorder_and_reordering_links_do) {
    for (const bool fifo : {true, false}) {
        link_config c;
        c.latency = latency_distribution::of(distribution_spec::exponential(5e6));
        c.fifo = fifo;
        topology t = pair_with(c);
        engine sim(1);
        network net(sim, t, 5);
        collector got;
        net.set_receiver(&got);
        at_time at(sim);
        for (int i = 0; i < 10'000; ++i)
            at.schedule(i * 100 * ns_per_us, [&] { net.send(0, 1, 10, channel::unreliable, 0); });
        sim.run();
        ASSERT_EQ(got.got.size(), 10'000u);
        if (fifo)
            EXPECT_EQ(inversions(got.got), 0u);
        else
            EXPECT_GT(inversions(got.got), 1000u);
    }
}

TEST(network, loss_and_duplication_rates_match) {
    link_config c;
    c.loss = 0.1;
    c.duplicate = 0.05;
    topology t = pair_with(c);
    engine sim(1);
    network net(sim, t, 9);
    collector got;
    net.set_receiver(&got);
    constexpr double n = 100'000;
    for (int i = 0; i < n; ++i)
        net.send(0, 1, 10, channel::unreliable, 0);
    sim.run();
    const network_counters& k = net.counters();
    EXPECT_NEAR(k.dropped_loss / n, 0.1, 5 * std::sqrt(0.1 * 0.9 / n));
    // Duplicates: chosen for delivered messages with p = 0.05, and the copy itself
    // survives the loss with p = 0.9.
    const double delivered_originals = n - k.dropped_loss;
    EXPECT_NEAR(k.duplicated / delivered_originals, 0.05 * 0.9, 5 * std::sqrt(0.045 / n));
    EXPECT_EQ(k.delivered, static_cast<std::uint64_t>(delivered_originals) + k.duplicated);
    EXPECT_EQ(got.got.size(), k.delivered);
}

TEST(network, reliable_messages_survive_loss_by_retransmission) {
    link_config c;
    c.loss = 0.3;
    topology t = pair_with(c);
    engine sim(1);
    network net(sim, t, 9, {.retransmit_delay_ns = 100 * ns_per_ms});
    collector got;
    net.set_receiver(&got);
    for (int i = 0; i < 1000; ++i)
        net.send(0, 1, 10, channel::reliable, 0);
    sim.run();
    EXPECT_EQ(got.got.size(), 1000u);
    EXPECT_GT(net.counters().retransmitted, 300u);
}

// The network reads its links' configurations when it is built: a test that wants
// other links says so here (or degrades a link, as a fault does).
struct star_fixture {
    explicit star_fixture(const link_config& link = {})
        : topo(topology::build(topology_kind::star, 1, 4, link)) {
        net.set_receiver(&got);
    }
    topology topo;
    engine sim{1};
    network net{sim, topo, 3};
    collector got;
    at_time at{sim};
};

TEST(network, a_partition_stops_delivery_and_heal_resumes_it) {
    star_fixture f;
    // client-0..1 with the server, client-2..3 cut off, from 10 ms to 1 s.
    f.at.schedule(10 * ns_per_ms, [&] { f.net.partition({{0, 1, 2}}); });
    f.at.schedule(20 * ns_per_ms, [&] {
        EXPECT_EQ(f.net.component_count(), 3u); // {server, c0, c1}, {c2}, {c3}
        EXPECT_FALSE(f.net.reachable(1, 3));
        EXPECT_TRUE(f.net.reachable(1, 2));
        for (int i = 0; i < 5; ++i) {
            f.net.send(1, 3, 10, channel::unreliable, 0); // across the cut: dropped
            f.net.send(1, 4, 10, channel::reliable, 0);   // across the cut: held
            f.net.send(1, 2, 10, channel::unreliable, 0); // same side: delivered
        }
    });
    f.at.schedule(500 * ns_per_ms, [&] {
        EXPECT_EQ(f.got.got.size(), 5u);
        EXPECT_EQ(f.net.held_count(), 5u);
    });
    f.at.schedule(ns_per_s, [&] { f.net.heal(); });
    f.sim.run();
    EXPECT_EQ(f.net.counters().dropped_partition, 5u);
    EXPECT_EQ(f.got.got.size(), 10u);
    for (std::size_t i = 5; i < 10; ++i) {
        EXPECT_EQ(f.got.got[i].target, 4u);
        EXPECT_GE(f.got.got[i].at, ns_per_s); // after heal, one retransmission later
    }
}

TEST(network, messages_in_flight_when_a_partition_starts_are_stopped) {
    link_config slow;
    slow.latency = latency_distribution::constant(100 * ns_per_ms);
    star_fixture f(slow);
    f.net.send(1, 0, 10, channel::unreliable, 0); // client-0 to server-0, 100 ms
    f.at.schedule(50 * ns_per_ms, [&] { f.net.isolate(1); });
    f.sim.run();
    EXPECT_TRUE(f.got.got.empty());
    EXPECT_EQ(f.net.counters().dropped_partition, 1u);
}

TEST(network, one_way_cuts_block_one_direction) {
    star_fixture f;
    f.net.cut_one_way({1}, {0}); // client-0 can no longer reach the server
    EXPECT_FALSE(f.net.reachable(1, 0));
    EXPECT_TRUE(f.net.reachable(0, 1));
    f.net.send(1, 0, 10, channel::unreliable, 0);
    f.net.send(0, 1, 10, channel::unreliable, 0);
    f.sim.run();
    ASSERT_EQ(f.got.got.size(), 1u);
    EXPECT_EQ(f.got.got[0].target, 1u);
}

TEST(network, crash_drops_or_holds_and_restart_delivers) {
    star_fixture f;
    f.net.crash(2);
    EXPECT_FALSE(f.net.is_up(2));
    f.net.send(0, 2, 10, channel::unreliable, 0);
    f.net.send(0, 2, 10, channel::reliable, 7);
    f.net.send(2, 0, 10, channel::unreliable, 0); // a crashed node sends nothing
    f.at.schedule(ns_per_s, [&] { f.net.restart(2); });
    f.sim.run();
    EXPECT_EQ(f.net.counters().dropped_crash, 2u);
    ASSERT_EQ(f.got.got.size(), 1u);
    EXPECT_GE(f.got.got[0].at, ns_per_s);
}

TEST(network, degraded_links_use_their_temporary_configuration) {
    link_config bad;
    bad.latency = latency_distribution::constant(ns_per_s);
    star_fixture f;
    f.net.degrade_link(0, bad);
    f.net.send(0, 1, 10, channel::unreliable, 0);
    f.net.restore_link(0);
    f.net.send(0, 1, 10, channel::unreliable, 0);
    f.sim.run();
    ASSERT_EQ(f.got.got.size(), 2u);
    EXPECT_EQ(f.got.got[1].at, ns_per_s); // FIFO: the second waits for the first
}

std::uint64_t gossip_digest(std::uint64_t seed) {
    link_config c;
    c.latency = latency_distribution::of(distribution_spec::exponential(3e6));
    c.loss = 0.05;
    c.duplicate = 0.02;
    c.fifo = false;
    topology t = topology::build(topology_kind::small_world, 0, 30, c, 2,
                                 {.neighbours = 4, .rewire_probability = 0.2}, seed);
    engine sim(seed);
    network net(sim, t, seed);
    fault_schedule faults(sim, net, {}, {.partitions = true, .crashes = true,
                                          .mean_interval_ns = 200 * ns_per_ms,
                                          .mean_duration_ns = 50 * ns_per_ms,
                                          .until_ns = 2 * ns_per_s},
                          seed);
    at_time at(sim);
    generator g(seed);
    for (int i = 0; i < 3000; ++i) {
        const auto from = static_cast<node_id>(uniform_int(g, 0, 29));
        const auto to = static_cast<node_id>(uniform_int(g, 0, 29));
        const auto kind = bernoulli(g, 0.5) ? channel::reliable : channel::unreliable;
        at.schedule(uniform_int(g, 0, 2 * ns_per_s), [&net, from, to, kind] {
            net.send(from, to, 10, kind, 0);
        });
    }
    sim.run();
    EXPECT_GT(faults.faults_applied(), 4u);
    return sim.digest();
}

TEST(network, the_same_seed_gives_the_same_delivery_sequence) {
    EXPECT_EQ(gossip_digest(5), gossip_digest(5));
    EXPECT_NE(gossip_digest(5), gossip_digest(6));
}

TEST(fault_schedule, applies_the_timeline_in_order) {
    star_fixture f;
    std::vector<timed_fault> timeline;
    fault_action split;
    split.kind = fault_kind::partition;
    split.groups = {{0, 1}};
    fault_action heal;
    heal.kind = fault_kind::heal;
    fault_action crash;
    crash.kind = fault_kind::crash;
    crash.nodes = {3};
    fault_action restart = crash;
    restart.kind = fault_kind::restart;
    timeline.push_back({ns_per_s, split});
    timeline.push_back({2 * ns_per_s, heal});
    timeline.push_back({3 * ns_per_s, crash});
    timeline.push_back({4 * ns_per_s, restart});
    fault_schedule faults(f.sim, f.net, timeline, {}, 1);
    f.at.schedule(1500 * ns_per_ms, [&] { EXPECT_FALSE(f.net.reachable(1, 2)); });
    f.at.schedule(2500 * ns_per_ms, [&] { EXPECT_TRUE(f.net.reachable(1, 2)); });
    f.at.schedule(3500 * ns_per_ms, [&] { EXPECT_FALSE(f.net.is_up(3)); });
    f.sim.run();
    EXPECT_TRUE(f.net.is_up(3));
    EXPECT_EQ(faults.faults_applied(), 4u);
    EXPECT_EQ(faults.last_recovery_ns(), 4 * ns_per_s);
}

} // namespace
} // namespace immersim::net
