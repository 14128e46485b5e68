// A star of one server and N clients (default runs: 100 and 1,000). Each client
// sends 100 messages at Poisson intervals (mean 10 ms) to the server; link latency
// 5 ms plus uniform jitter up to 1 ms; the server forwards every message to every
// other client. About N * 100 * (N - 1) deliveries: 10^8 at N = 1,000.
//
// immersim: the engine, the network (routing, per-link streams, FIFO order,
// counters) and a receiver that forwards. Reference: a bare std::priority_queue
// loop doing the same work with the same draws. Target: >= 0.5x the bare loop.
#include "ratio_reporter.hpp"

#include "immersim/net/network.hpp"
#include "immersim/random/distributions.hpp"

#include <queue>
#include <string>

namespace {

using namespace immersim;
using namespace immersim::net;

constexpr int messages_per_client = 100;
constexpr double mean_gap_ns = 10e6;
constexpr time_ns latency_ns = 5 * ns_per_ms;
constexpr time_ns jitter_ns = ns_per_ms;

class star_workload final : public event_handler, public message_receiver {
public:
    star_workload(engine& sim, network& net, std::uint32_t clients)
        : net_(net), clients_(clients) {
        kind_ = sim.register_handler("client send", *this);
        for (std::uint32_t c = 0; c < clients; ++c) {
            streams_.push_back(generator::stream(1, stream_purpose::workload, c));
            sim.schedule_at(static_cast<time_ns>(exponential(streams_[c], mean_gap_ns)), kind_,
                            c + 1, 0);
        }
    }
    // A client's next message.
    void handle(engine& sim, const event& e) override {
        net_.send(e.entity, 0, 100, channel::unreliable, e.entity);
        const std::uint32_t client = e.entity - 1;
        if (e.payload + 1 < messages_per_client)
            sim.schedule_after(static_cast<time_ns>(exponential(streams_[client], mean_gap_ns)),
                               kind_, e.entity, e.payload + 1);
    }
    // The server forwards to every other client; clients only count.
    void deliver(engine&, const message& m) override {
        if (m.target != 0) {
            ++received_;
            return;
        }
        for (node_id c = 1; c <= clients_; ++c)
            if (c != m.source)
                net_.send(0, c, 100, channel::unreliable, m.body);
    }
    std::uint64_t received() const { return received_; }

private:
    network& net_;
    std::uint32_t clients_;
    event_kind kind_ = 0;
    std::vector<generator> streams_;
    std::uint64_t received_ = 0;
};

link_config star_links() {
    link_config c;
    c.latency = latency_distribution::constant(latency_ns);
    c.jitter_ns = jitter_ns;
    return c;
}

void immersim_network(benchmark::State& state) {
    const auto clients = static_cast<std::uint32_t>(state.range(0));
    std::uint64_t deliveries = 0;
    for (auto _ : state) {
        topology topo = topology::build(topology_kind::star, 1, clients, star_links());
        engine sim(1);
        network net(sim, topo, 1);
        star_workload workload(sim, net, clients);
        net.set_receiver(&workload);
        sim.run();
        deliveries += net.counters().delivered;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(deliveries));
    state.counters["deliveries"] = static_cast<double>(deliveries) / state.iterations();
}

// The same work without a simulator: one priority queue of (time, seq, kind, node).
struct bare_event {
    time_ns time;
    std::uint64_t seq;
    std::uint32_t kind; // 0: client sends, 1: arrives at the server, 2: arrives at a client
    std::uint32_t node;
    std::uint64_t count;
    bool operator>(const bare_event& o) const {
        return time != o.time ? time > o.time : seq > o.seq;
    }
};

void bare_priority_queue(benchmark::State& state) {
    const auto clients = static_cast<std::uint32_t>(state.range(0));
    std::uint64_t deliveries = 0;
    for (auto _ : state) {
        std::priority_queue<bare_event, std::vector<bare_event>, std::greater<>> queue;
        std::vector<generator> streams;
        std::vector<generator> links;
        std::uint64_t seq = 0;
        for (std::uint32_t c = 0; c < clients; ++c) {
            streams.push_back(generator::stream(1, stream_purpose::workload, c));
            links.push_back(generator::stream(1, stream_purpose::link, c));
            queue.push({static_cast<time_ns>(exponential(streams[c], mean_gap_ns)), seq++, 0,
                        c + 1, 0});
        }
        const auto hop = [&](std::uint32_t client) {
            return latency_ns + uniform_int(links[client - 1], 0, jitter_ns);
        };
        while (!queue.empty()) {
            const bare_event e = queue.top();
            queue.pop();
            if (e.kind == 0) {
                queue.push({e.time + hop(e.node), seq++, 1, e.node, 0});
                if (e.count + 1 < messages_per_client)
                    queue.push({e.time + static_cast<time_ns>(
                                             exponential(streams[e.node - 1], mean_gap_ns)),
                                seq++, 0, e.node, e.count + 1});
            } else if (e.kind == 1) {
                ++deliveries;
                for (std::uint32_t c = 1; c <= clients; ++c)
                    if (c != e.node)
                        queue.push({e.time + hop(c), seq++, 2, c, 0});
            } else {
                ++deliveries;
            }
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(deliveries));
    state.counters["deliveries"] = static_cast<double>(deliveries) / state.iterations();
}

BENCHMARK(immersim_network)->Arg(100)->Arg(300)->Arg(1000)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(bare_priority_queue)->Arg(100)->Arg(300)->Arg(1000)->Unit(benchmark::kSecond)->Iterations(1);

} // namespace

int main(int argc, char** argv) {
    immersim::bench::ratio_reporter reporter;
    for (const char* n : {"100", "300", "1000"})
        reporter.compare(std::string("immersim_network/") + n + "/iterations:1",
                         std::string("bare_priority_queue/") + n + "/iterations:1", 0.5);
    return immersim::bench::run_with_ratios(argc, argv, reporter);
}
