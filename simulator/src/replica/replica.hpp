// One node's replica: the document it shows, what its strategy remembers, its
// clocks and its random streams. What a replication protocol keeps about a
// replica (versions adopted, changes in flight, what it has seen) lives in the
// protocol, so that a replica means the same thing under every protocol.
#pragma once

#include "immersim/net/clocks.hpp"
#include "immersim/net/network.hpp"
#include "immersim/random/generator.hpp"
#include "immersim/state/value.hpp"
#include "immersim/strategies/strategy.hpp"

#include <cstdint>
#include <memory>

namespace immersim::replication {

struct replica {
    replica(net::node_id id, generator workload, generator strategy)
        : node(id), workload_stream(workload), strategy_stream(strategy) {}

    // The timestamps of an event here now, by every clock (each clock ticks).
    strategies::stamp stamp(time_ns now) {
        const time_ns physical = clock.read(now);
        return {physical, lamport.tick(), hlc.tick(physical)};
    }
    // A message stamped with these clocks arrived: the logical clocks catch up.
    void observe(std::uint64_t their_lamport, const net::hlc_timestamp& their_hlc, time_ns now) {
        lamport.observe(their_lamport);
        hlc.observe(their_hlc, clock.read(now));
    }

    // What every delivery reads or writes comes first, in one cache line when the
    // replica starts at one: with many documents, each delivery's replica is a
    // likely cache miss, and the streams (64 bytes) are read only when it acts.
    net::node_id node = 0;
    bool issues_operations = false; // clients do; servers do not
    bool up = true;
    state::value doc; // the state this replica shows
    net::physical_clock clock;
    net::lamport_clock lamport;
    net::hybrid_logical_clock hlc;
    std::uint64_t changes_made = 0; // numbers its changes (change::sequence)
    std::unique_ptr<strategies::replica_book> book;
    generator workload_stream;
    generator strategy_stream;
};

} // namespace immersim::replication
