#include "observers.hpp"

#include "immersim/metrics/statistics.hpp"
#include "immersim/support/assert.hpp"

#include <algorithm>
#include <string>

namespace immersim::run_detail {

observers::observers(engine& sim, std::size_t nodes, std::optional<net::node_id> authority,
                     trace_sink* trace, run_log& log)
    : sim_(sim), trace_(trace), oracle_(authority ? metrics::causality_oracle(nodes, *authority)
                                                  : metrics::causality_oracle(nodes)),
      convergence_(nodes), log_(log) {
}

std::uint64_t observers::issue(const workload::intent& what) {
    ++totals_.operations;
    return ledger_.issue(what, sim_.now());
}

void observers::joined(const replica& r) {
    convergence_.set_live(r.node, true, 0);
    convergence_.set_hash(r.node, r.doc.hash(), 0);
}

void observers::set_live(net::node_id node, bool live) {
    convergence_.set_live(node, live, sim_.now());
}

void observers::intent_ran(std::uint64_t intent_id, bool applied, std::uint32_t attempt) {
    if (applied)
        ledger_.at(intent_id).executed = true;
    else if (attempt == 0)
        ++totals_.failed_intents;
}

void observers::change_made(const replica& r, const change& c) {
    const std::uint64_t recorded = oracle_.record_change(r.node, c.writes);
    IMMERSIM_ASSERT_OP(recorded, ==, c.id);
    IMMERSIM_ASSERT_OP(oracle_.own_count(c.id), ==, c.sequence);
    // The latest over documents, which may run one after another (engine.hpp).
    log_.last_write_ns = std::max(log_.last_write_ns, sim_.now());
    if (!trace_)
        return;
    trace_->record(
        {sim_.now(), trace_kind::operation, r.node, 0, 0, c.id,
         workload::to_string(c.what.kind) + std::string(" ") + state::format_path(c.what.where),
         c.before, c.after});
    if (oracle_.conflicting(c.id))
        trace_->record({sim_.now(), trace_kind::conflict, r.node, 0, 0, c.id, {}, {}, {}});
}

void observers::learned(net::node_id who, std::uint64_t change_id) {
    oracle_.record_knowledge(who, change_id);
}

void observers::received(net::node_id who, const change& c) {
    oracle_.record_receive_change(who, c.id);
}

// Each change's decisions are counted once, where its fate is settled for all:
// at node 0 (the authority, client-server; the first replica, peer to peer).
void observers::decided(const replica& r, const change& c, const strategies::outcome& o,
                        const state::value& before) {
    const judgement judged = judge(c, o);
    if (r.node == 0)
        count(o, judged);
    if (trace_)
        trace_->record({sim_.now(), trace_kind::decision, r.node, c.node, 0, c.id,
                        !o.accepted              ? "rejected"
                        : o.applied == 0         ? "discarded"
                        : judged.overwritten > 0 ? "applied, overwrote a write"
                        : o.merge_conflicts      ? "merged"
                                                 : "applied",
                        before, r.doc, reasons(c, o)});
}

std::vector<decision_reason> observers::reasons(const change& c,
                                                const strategies::outcome& o) const {
    std::vector<decision_reason> out;
    out.reserve(o.why.size());
    for (const strategies::decision_record& said : o.why) {
        decision_reason r{said, false, false};
        if (said.loser != strategies::no_rival && said.winner != strategies::no_rival) {
            r.lost = !oracle_.happened_before(said.loser, said.winner);
            r.causality_violation = r.lost && oracle_.happened_before(said.winner, said.loser);
        } else if (said.loser == c.id) {
            r.lost = o.accepted; // lost to nothing (its place was gone), not refused
        }
        out.push_back(std::move(r));
    }
    return out;
}

void observers::committed(const change* c) {
    ++totals_.committed;
    if (c)
        log_.commit_latency_ms.add(
            static_cast<double>(sim_.now() - ledger_.at(c->intent_id).issued_ns) / ns_per_ms);
}

void observers::retried(const change&) {
    ++totals_.retried;
}

void observers::gave_up(const change& c) {
    ++totals_.aborted;
    ++totals_.surfaced;
    ledger_.at(c.intent_id).aborted = true;
}

void observers::visible_everywhere(time_ns created) {
    log_.visibility_ms.add(static_cast<double>(sim_.now() - created) / ns_per_ms);
}

void observers::shown(const replica& r) {
    const std::uint64_t hash = r.doc.hash();
    convergence_.set_hash(r.node, hash, sim_.now());
    sim_.digest_mix(hash ^ (std::uint64_t{r.node} << 48));
}

// The oracle judges the strategy's decisions, the same way for every strategy: a
// write that lost to, or was replaced by, a concurrent write is overwritten; one
// that lost to a write it had seen is also a causality violation; one superseded
// by a write that had seen it (arriving late at this replica) is an ordinary update.
judgement observers::judge(const change& c, const strategies::outcome& o) const {
    judgement j{o.discarded, 0};
    for (std::uint64_t winner : o.lost_to) {
        if (winner == strategies::no_rival) {
            ++j.overwritten;
            continue;
        }
        if (oracle_.happened_before(c.id, winner))
            continue;
        ++j.overwritten;
        if (oracle_.happened_before(winner, c.id))
            ++j.causality_violations;
    }
    for (std::uint64_t earlier : o.replaced)
        if (!oracle_.happened_before(earlier, c.id))
            ++j.overwritten;
    return j;
}

void observers::count(const strategies::outcome& o, const judgement& j) {
    totals_.applied += o.applied;
    totals_.overwritten += j.overwritten;
    totals_.causality_violations += j.causality_violations;
    totals_.auto_merged += o.auto_merged;
    totals_.merge_conflicts += o.merge_conflicts;
    totals_.kept_both += o.kept_both;
}

void observers::report(metrics::metric_values& m, const state::value& initial,
                       const state::value& final_doc) const {
    using metrics::metric;
    const auto as_d = [](auto v) { return static_cast<double>(v); };
    // The counters, each as the metric of the same meaning.
    constexpr std::pair<metric, std::uint64_t totals::*> counted[] = {
        {metric::operations, &totals::operations},
        {metric::overwritten_writes, &totals::overwritten},
        {metric::causality_violations, &totals::causality_violations},
        {metric::failed_intents, &totals::failed_intents},
        {metric::auto_merged, &totals::auto_merged},
        {metric::merge_conflicts, &totals::merge_conflicts},
        {metric::kept_both, &totals::kept_both},
        {metric::committed, &totals::committed},
        {metric::retried, &totals::retried},
        {metric::aborted, &totals::aborted},
        {metric::surfaced_to_user, &totals::surfaced}};
    for (const auto& [which, field] : counted)
        m[which] = as_d(totals_.*field);
    const metrics::conflict_summary conflicts = oracle_.summary();
    m[metric::changes] = as_d(conflicts.changes);
    m[metric::conflicting_changes] = as_d(conflicts.conflicting_changes);
    const lost_intent lost = ledger_.evaluate(initial, final_doc);
    m[metric::lost_increments] = as_d(lost.lost_increments);
    m[metric::lost_set_adds] = as_d(lost.lost_set_adds);
    m[metric::resurrected_removes] = as_d(lost.resurrected_removes);
    m[metric::converged] = convergence_.converged() ? 1.0 : 0.0;
}

// The metrics a document's report() counts, added up over documents (converged:
// all of them).
constexpr metrics::metric summed_metrics[] = {metrics::metric::operations,
                                              metrics::metric::overwritten_writes,
                                              metrics::metric::causality_violations,
                                              metrics::metric::failed_intents,
                                              metrics::metric::auto_merged,
                                              metrics::metric::merge_conflicts,
                                              metrics::metric::kept_both,
                                              metrics::metric::committed,
                                              metrics::metric::retried,
                                              metrics::metric::aborted,
                                              metrics::metric::surfaced_to_user,
                                              metrics::metric::changes,
                                              metrics::metric::conflicting_changes,
                                              metrics::metric::lost_increments,
                                              metrics::metric::lost_set_adds,
                                              metrics::metric::resurrected_removes};

void report_run(metrics::metric_values& m, const std::vector<const observers*>& each,
                const std::vector<metrics::metric_values>& counted, const run_log& log,
                time_ns last_recovery_ns) {
    using metrics::metric;
    for (metric which : summed_metrics) {
        double sum = 0;
        for (const metrics::metric_values& doc : counted)
            sum += doc[which].value_or(0.0);
        m[which] = sum;
    }
    const double changes = *m[metric::changes];
    m[metric::conflict_rate] = changes == 0 ? 0.0 : *m[metric::conflicting_changes] / changes;
    bool converged = true;
    time_ns since = 0;
    for (const observers* o : each) {
        converged = converged && o->converged();
        since = std::max(since, o->converged_since());
    }
    m[metric::converged] = converged ? 1.0 : 0.0;
    if (converged) {
        const time_ns from = std::max(log.last_write_ns, last_recovery_ns);
        m[metric::convergence_time_ms] =
            static_cast<double>(std::max<time_ns>(0, since - from)) / ns_per_ms;
    }
    if (!log.visibility_ms.empty()) {
        m[metric::visibility_p50_ms] = log.visibility_ms.percentile(50);
        m[metric::visibility_p95_ms] = log.visibility_ms.percentile(95);
        m[metric::visibility_p99_ms] = log.visibility_ms.percentile(99);
    }
    if (!log.commit_latency_ms.empty()) {
        m[metric::commit_latency_p50_ms] = log.commit_latency_ms.percentile(50);
        m[metric::commit_latency_p99_ms] = log.commit_latency_ms.percentile(99);
    }
}

} // namespace immersim::run_detail
