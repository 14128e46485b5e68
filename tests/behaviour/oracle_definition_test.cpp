// The oracle's definition, recomputed from the trace. docs/metrics.md says: client
// to server, the authority learns each change it processes, a client that adopts
// version v learns every change processed up to v (accepted or rejected), and two
// changes conflict when neither's node had heard of the other. This test replays a
// run's trace with that definition alone and demands the simulator's
// `conflict_rate` exactly, for a strategy whose attempts the authority rejects
// (OCC) and for one that accepts everything, so the rate means the same for both.
#include "scenario_runs.hpp"

#include <map>
#include <set>

namespace immersim {
namespace {

// Everyone edits one counter, so any two concurrent changes overlap.
const std::string contended = R"(
name: contended counter
duration: 30s
topology: { kind: star, clients: 4, servers: 1, link: { latency: 25ms, jitter: 10ms } }
state: { initial: { likes: 0 } }
workload: { rate_per_client: 2/s, ops: [ { increment: likes } ] }
compare:
  - none
  - occ: { validate: version, on_conflict: notify }
  - occ: { validate: version, on_conflict: retry, max_retries: 3, backoff: 20ms }
)";

// Replays the trace: the authority's decisions give the processing order; a client
// that receives a message about an accepted change adopts the version it made; a
// rejection carries the version current when it was decided.
class definition_replay final : public trace_sink {
public:
    void record(const trace_record& r) override {
        switch (r.kind) {
        case trace_kind::decision:
            processed(r);
            break;
        case trace_kind::deliver:
            if (r.peer == 0 && r.node != 0)
                learn(r.node, r.change);
            break;
        case trace_kind::operation:
            made(r.node, r.change);
            break;
        default:
            break;
        }
    }

    double conflict_rate() const {
        return changes_.empty() ? 0.0 : static_cast<double>(conflicting_.size()) / changes_.size();
    }

private:
    struct made_change {
        std::uint64_t id;
        std::uint32_t node;
    };

    void processed(const trace_record& r) {
        if (r.node != 0)
            return;
        position_[r.change] = ++processed_;
        if (r.detail != "rejected")
            last_accepted_ = processed_;
        else
            version_at_reject_[r.change] = last_accepted_;
    }

    // Accepted: its version holds everything processed up to it. Rejected: the
    // rejection carries the version current then.
    void learn(std::uint32_t client, std::uint64_t change) {
        const auto rejected = version_at_reject_.find(change);
        const std::uint64_t upto =
            rejected != version_at_reject_.end() ? rejected->second : position_.at(change);
        known_upto_[client] = std::max(known_upto_[client], upto);
    }

    bool had_heard_of(std::uint32_t node, const made_change& earlier) const {
        if (earlier.node == node)
            return true;
        const auto pos = position_.find(earlier.id);
        const auto known = known_upto_.find(node);
        return pos != position_.end() && known != known_upto_.end() && pos->second <= known->second;
    }

    void made(std::uint32_t node, std::uint64_t id) {
        for (const made_change& earlier : changes_)
            if (!had_heard_of(node, earlier)) {
                conflicting_.insert(earlier.id);
                conflicting_.insert(id);
            }
        changes_.push_back({id, node});
    }

    std::vector<made_change> changes_;
    std::set<std::uint64_t> conflicting_;
    std::map<std::uint64_t, std::uint64_t> position_;          // change -> processing order
    std::map<std::uint64_t, std::uint64_t> version_at_reject_; // rejected -> last accepted
    std::map<std::uint32_t, std::uint64_t> known_upto_;        // client -> processed prefix
    std::uint64_t processed_ = 0;
    std::uint64_t last_accepted_ = 0;
};

TEST(oracle_definition, conflict_rate_follows_the_documented_definition_for_every_strategy) {
    const auto s = load(contended);
    ASSERT_TRUE(s);
    for (const std::string label : {"none", "occ version/notify", "occ version/retry 3"})
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            definition_replay replay;
            const run_result r = run_named(s, label, seed, &replay);
            EXPECT_GT(metric_of(r, metric::conflict_rate), 0.0) << label << " seed " << seed;
            EXPECT_DOUBLE_EQ(metric_of(r, metric::conflict_rate), replay.conflict_rate())
                << label << " seed " << seed;
        }
}

// The rejections themselves must be there for the comparison above to mean
// anything: OCC under this contention rejects attempts.
TEST(oracle_definition, the_contended_world_makes_occ_reject_attempts) {
    const auto s = load(contended);
    ASSERT_TRUE(s);
    EXPECT_GT(metric_of(run_named(s, "occ version/notify", 1), metric::aborted), 0);
    EXPECT_GT(metric_of(run_named(s, "occ version/retry 3", 1), metric::retried), 0);
}

} // namespace
} // namespace immersim
