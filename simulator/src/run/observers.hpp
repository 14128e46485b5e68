// The run's instruments: the causality oracle, the intent ledger, the convergence
// tracker, the counters and latencies, and the optional trace. They watch what the
// replication protocol reports, the same way for every strategy, and make the
// run's metrics from it. Nothing they hold flows back into a decision.
#pragma once

#include "convergence_tracker.hpp"
#include "immersim/engine/engine.hpp"
#include "immersim/metrics/causality_oracle.hpp"
#include "immersim/metrics/metric_catalogue.hpp"
#include "immersim/metrics/quantile_sketch.hpp"
#include "immersim/run/trace.hpp"
#include "intent_ledger.hpp"
#include "replica/watcher.hpp"

#include <optional>
#include <vector>

namespace immersim::run_detail {

using replication::replica;
using strategies::change;

// What the oracle makes of one integration's decisions.
struct judgement {
    std::uint32_t overwritten = 0;
    std::uint32_t causality_violations = 0;
};

struct totals {
    std::uint64_t operations = 0, failed_intents = 0;
    std::uint64_t applied = 0, overwritten = 0, causality_violations = 0;
    std::uint64_t auto_merged = 0, merge_conflicts = 0, kept_both = 0;
    std::uint64_t committed = 0, retried = 0, aborted = 0, surfaced = 0;
};

// What the run measures across all its documents: latencies are pooled before
// their percentiles are taken, and convergence is timed from the last write
// anywhere.
struct run_log {
    // Exact up to a million samples, then within 0.5% (quantile_sketch.hpp): the
    // run's memory does not grow with its length.
    metrics::quantile_sketch visibility_ms;
    metrics::quantile_sketch commit_latency_ms;
    time_ns last_write_ns = 0;
};

// One document's instruments (a run without `documents:` has one). Node numbers
// are the document's own (document_plan.hpp).
class observers final : public replication::watcher {
public:
    // `authority`: the node all knowledge flows through, if the protocol has one.
    observers(engine& sim, std::size_t nodes, std::optional<net::node_id> authority,
              trace_sink* trace, run_log& log);

    // A user issued `what` now: its intent id.
    std::uint64_t issue(const workload::intent& what);
    // Replica `r` starts the run, or goes down or comes back.
    void joined(const replica& r);
    void set_live(net::node_id node, bool live);

    std::uint64_t conflicting_changes() const { return oracle_.summary().conflicting_changes; }
    std::uint32_t divergent() const { return convergence_.divergent(); }
    bool converged() const { return convergence_.converged(); }
    time_ns converged_since() const { return convergence_.converged_since(); }
    // This document's counts (operations, changes, conflicts, decisions, lost
    // intent) and whether it converged; `final_doc` is its member 0's state. The
    // run adds them up (world_metrics.cpp).
    void report(metrics::metric_values& m, const state::value& initial,
                const state::value& final_doc) const;

    void intent_ran(std::uint64_t intent_id, bool applied, std::uint32_t attempt) override;
    void change_made(const replica& r, const change& c) override;
    void learned(net::node_id who, std::uint64_t change_id) override;
    void received(net::node_id who, const change& c) override;
    void decided(const replica& r, const change& c, const strategies::outcome& o,
                 const state::value& before) override;
    void committed(const change* c) override;
    void retried(const change& c) override;
    void gave_up(const change& c) override;
    void visible_everywhere(time_ns created) override;
    void shown(const replica& r) override;

private:
    judgement judge(const change& c, const strategies::outcome& o) const;
    // The strategy's reasons with the oracle's verdict on each (for the trace).
    std::vector<decision_reason> reasons(const change& c, const strategies::outcome& o) const;
    void count(const strategies::outcome& o, const judgement& j);

    engine& sim_;
    trace_sink* trace_;
    metrics::causality_oracle oracle_;
    intent_ledger ledger_;
    convergence_tracker convergence_;
    totals totals_;
    run_log& log_;
};

// The run's metrics from its documents' (`each`, added up as report() says) and
// the pooled latencies: the conflict rate over all changes, converged when every
// document did, the time since the last write or recovery until the last one did.
void report_run(metrics::metric_values& m, const std::vector<const observers*>& each,
                const std::vector<metrics::metric_values>& counted, const run_log& log,
                time_ns last_recovery_ns);

} // namespace immersim::run_detail
