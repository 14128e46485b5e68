// What the replication protocols report as they run, for the run layer's
// instruments (the causality judge, the intent ledger, the metrics, the trace).
// Reports go one way: nothing a protocol or a strategy decides depends on them
// (the fidelity rule; the build check `replication_boundary` holds it).
#pragma once

#include "immersim/strategies/strategy.hpp"
#include "replica.hpp"

#include <cstdint>

namespace immersim::replication {

class watcher {
public:
    virtual ~watcher() = default;

    // A replica ran an intent on its state (attempt 0 is the first try).
    virtual void intent_ran(std::uint64_t intent_id, bool applied, std::uint32_t attempt) = 0;
    // The run made change `c` at replica `r` (after the strategy prepared it).
    virtual void change_made(const replica& r, const strategies::change& c) = 0;
    // `who` learned of change `change_id` (and of all its writer's changes before it).
    virtual void learned(net::node_id who, std::uint64_t change_id) = 0;
    // `who` received change `c` itself, as an operation.
    virtual void received(net::node_id who, const strategies::change& c) = 0;
    // Replica `r` integrated `c` and decided `o`; `before` is its state before,
    // `r.doc` after.
    virtual void decided(const replica& r, const strategies::change& c,
                         const strategies::outcome& o, const state::value& before) = 0;
    // The authority made a version of `c`, or found the intent held already (none).
    virtual void committed(const strategies::change* c) = 0;
    // A rejected change will be tried again, or was given up and the user told.
    virtual void retried(const strategies::change& c) = 0;
    virtual void gave_up(const strategies::change& c) = 0;
    // Every replica now shows a state that includes a change made at `created`.
    virtual void visible_everywhere(time_ns created) = 0;
    // Replica `r` shows a new state.
    virtual void shown(const replica& r) = 0;
};

} // namespace immersim::replication
