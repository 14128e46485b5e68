// Bookkeeping shared by both architectures: messages, states, outcomes, samples,
// and the metrics of the finished run.
#include "world.hpp"

#include "invariants.hpp"

#include "immersim/metrics/statistics.hpp"
#include "immersim/state/memory.hpp"

#include <algorithm>
#include <chrono>

namespace immersim::run_detail {

// The change a message is about (a gossip message: the first of its batch).
std::uint64_t world::traced_change(const payload& p) const {
    return p.what == payload::kind::gossip ? gossip_batches_.at(p.change).front() : p.change;
}

std::uint32_t world::send(net::node_id from, net::node_id to, payload p, std::uint32_t bytes) {
    payloads_.push_back(p);
    const std::uint64_t id =
        net_->send(from, to, bytes, net::channel::reliable, payloads_.size() - 1);
    if (trace_)
        trace_->record({sim_.now(), trace_kind::send, from, to, id, traced_change(p), {}, {}, {}});
    return static_cast<std::uint32_t>(id);
}

void world::deliver(engine& sim, const net::message& m) {
    const payload p = payloads_.at(m.body);
    if (trace_)
        trace_->record({sim.now(), trace_kind::deliver, m.target, m.source, m.id, traced_change(p), {}, {}, {}});
    replica& r = replicas_[m.target];
    switch (p.what) {
    case payload::kind::commit: authority_receive(p.change); break;
    case payload::kind::sync: adopt_version(r, p.version); break;
    case payload::kind::reject: on_reject(r, p.change, p.version); break;
    case payload::kind::gossip:
        for (std::uint64_t id : gossip_batches_.at(p.change))
            integrate_operation(r, id, r.node == 0);
        break;
    case payload::kind::operation: {
        const bool fresh = r.seen.size() <= p.change || r.seen[p.change] == 0;
        integrate_operation(r, p.change, r.node == 0);
        if (fresh && client_server() && r.node == 0) // the server relays to everyone else
            for (const replica& other : replicas_)
                if (other.node != 0 && other.node != changes_[p.change].node)
                    send(0, other.node, p, m.size_bytes);
        break;
    }
    }
}

state::value world::adopt(const state::value& v) const {
    return scenario_.state.sharing ? v : state::deep_copy(v);
}

strategies::stamp world::stamp_now(replica& r) {
    const time_ns physical = r.clock.read(sim_.now());
    return {physical, r.lamport.tick(), r.hlc.tick(physical)};
}

void world::set_doc(replica& r, state::value doc) {
    r.doc = std::move(doc);
    const std::uint64_t hash = r.doc.hash();
    convergence_.set_hash(r.node, hash, sim_.now());
    sim_.digest_mix(hash ^ (std::uint64_t{r.node} << 48));
}

// The oracle judges the strategy's decisions, the same way for every strategy: a
// write that lost to, or was replaced by, a concurrent write is overwritten; one
// that lost to a write it had seen is also a causality violation; one superseded
// by a write that had seen it (arriving late at this replica) is an ordinary update.
judgement world::judge(const change& c, const strategies::outcome& o) const {
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

void world::count(const strategies::outcome& o, const judgement& j) {
    totals_.applied += o.applied;
    totals_.overwritten += j.overwritten;
    totals_.causality_violations += j.causality_violations;
    totals_.auto_merged += o.auto_merged;
    totals_.merge_conflicts += o.merge_conflicts;
    totals_.kept_both += o.kept_both;
}

namespace {

std::vector<state::value> memory_roots(const std::vector<replica>& replicas,
                                       const std::deque<version_entry>& versions) {
    std::vector<state::value> roots;
    roots.reserve(replicas.size() + versions.size());
    for (const replica& r : replicas)
        roots.push_back(r.doc);
    for (const version_entry& v : versions)
        roots.push_back(v.doc);
    return roots;
}

} // namespace

metadata_usage world::measure_metadata() {
    metadata_usage usage;
    for (const replica& r : replicas_) {
        const std::uint64_t bytes = strategy_->metadata_bytes(*r.book);
        usage.total += bytes;
        usage.largest_replica = std::max(usage.largest_replica, bytes);
    }
    metadata_peak_ = std::max(metadata_peak_, usage.total);
    return usage;
}

void world::sample() {
    measure_metadata();
    const auto roots = memory_roots(replicas_, versions_);
    const state::memory_usage memory = state::measure_memory(roots);
    samples_.push_back({sim_.now(), oracle_.summary().conflicting_changes, convergence_.divergent(),
                        net_->in_flight() + net_->held_count(), memory.live_bytes,
                        memory.deep_copy_bytes});
}

run_result world::collect(const run_outcome& outcome, double wall_s) {
    using metrics::metric;
    run_result out;
    out.seed = spec_.seed;
    out.strategy = spec_.strategy;
    out.strategy_label = scenario_.compare[spec_.strategy].label();
    out.stop_reason = to_string(outcome.reason);
    out.complete = outcome.reason != stop_reason::event_budget;
    metrics::metric_values& m = out.metrics;
    const auto as_d = [](auto v) { return static_cast<double>(v); };

    const metrics::conflict_summary conflicts = oracle_.summary();
    m[metric::operations] = as_d(totals_.operations);
    m[metric::changes] = as_d(conflicts.changes);
    m[metric::conflicting_changes] = as_d(conflicts.conflicting_changes);
    m[metric::conflict_rate] = conflicts.conflict_rate();
    const lost_intent lost = ledger_.evaluate(initial_, replicas_[0].doc);
    m[metric::lost_increments] = as_d(lost.lost_increments);
    m[metric::overwritten_writes] = as_d(totals_.overwritten);
    m[metric::causality_violations] = as_d(totals_.causality_violations);
    m[metric::lost_set_adds] = as_d(lost.lost_set_adds);
    m[metric::resurrected_removes] = as_d(lost.resurrected_removes);
    m[metric::invariant_violations] = as_d(count_violated(scenario_.invariants, replicas_[0].doc));
    m[metric::failed_intents] = as_d(totals_.failed_intents);
    const bool converged = convergence_.converged();
    m[metric::converged] = converged ? 1.0 : 0.0;
    if (converged) {
        const time_ns from = std::max(last_write_ns_, faults_->last_recovery_ns());
        m[metric::convergence_time_ms] =
            as_d(std::max<time_ns>(0, convergence_.converged_since() - from)) / ns_per_ms;
    }
    if (!visibility_ms_.empty()) {
        m[metric::visibility_p50_ms] = metrics::percentile(visibility_ms_, 50);
        m[metric::visibility_p95_ms] = metrics::percentile(visibility_ms_, 95);
        m[metric::visibility_p99_ms] = metrics::percentile(visibility_ms_, 99);
    }
    m[metric::auto_merged] = as_d(totals_.auto_merged);
    m[metric::merge_conflicts] = as_d(totals_.merge_conflicts);
    m[metric::kept_both] = as_d(totals_.kept_both);
    m[metric::committed] = as_d(totals_.committed);
    m[metric::retried] = as_d(totals_.retried);
    m[metric::aborted] = as_d(totals_.aborted);
    m[metric::surfaced_to_user] = as_d(totals_.surfaced);
    if (!commit_latency_ms_.empty()) {
        m[metric::commit_latency_p50_ms] = metrics::percentile(commit_latency_ms_, 50);
        m[metric::commit_latency_p99_ms] = metrics::percentile(commit_latency_ms_, 99);
    }
    m[metric::messages] = as_d(net_->counters().sent);
    m[metric::bytes] = as_d(net_->counters().bytes_sent);
    const auto roots = memory_roots(replicas_, versions_);
    const state::memory_usage memory = state::measure_memory(roots);
    m[metric::memory_live_bytes] = as_d(memory.live_bytes);
    m[metric::memory_deep_copy_bytes] = as_d(memory.deep_copy_bytes);
    m[metric::memory_saved_fraction] = 1.0 - memory.live_fraction();
    const metadata_usage metadata = measure_metadata();
    m[metric::metadata_bytes] = as_d(metadata.total);
    m[metric::metadata_peak_bytes] = as_d(metadata_peak_);
    m[metric::metadata_max_replica_bytes] = as_d(metadata.largest_replica);
    m[metric::events] = as_d(sim_.events_dispatched());

    sim_.digest_mix(replicas_[0].doc.hash());
    out.digest = sim_.digest();
    out.samples = std::move(samples_);
    out.perf.wall_s = wall_s;
    out.perf.events_per_s = wall_s > 0 ? as_d(sim_.events_dispatched()) / wall_s : 0.0;
    return out;
}

run_result world::run() {
    const auto wall_start = std::chrono::steady_clock::now(); // perf only
    const run_outcome outcome = sim_.run({.until = end_ns_, .max_events = scenario_.max_events});
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
    return collect(outcome, wall.count());
}

} // namespace immersim::run_detail
