// `resolver`: concurrent writes to one place go to a single winner chosen by a rule.
//   lww       the larger timestamp wins (physical clock, Lamport or HLC), ties by
//             node id. It compares timestamps even when one write had seen the
//             other, which is how a skewed physical clock loses a later write (a
//             causality violation); Lamport and HLC timestamps respect causality.
//   fww       among concurrent writes the first to arrive stays; a write that had
//             seen the stored one replaces it.
//   priority  among concurrent writes the more favoured node wins (ties by HLC); a
//             write that had seen the stored one replaces it.
// fww and priority decide by arrival at one place, so they need an authority. The
// authority tags each register with the version that wrote it, and a change
// carries the version its client had adopted when it was made: the change had
// seen the stored write when that version is at or past the tag, or when both
// come from the same client (a client's changes are processed in its order).
#include "resolver.hpp"

#include "../common/register_table.hpp"

#include <fmt/format.h>
#include <tuple>

namespace immersim::strategies {

namespace {

auto key_of(const stamp& s, std::uint32_t node, timestamp_clock clock) {
    switch (clock) {
    case timestamp_clock::physical: return std::tuple<std::int64_t, std::uint32_t, std::uint32_t>(s.physical, 0, node);
    case timestamp_clock::lamport:
        return std::tuple<std::int64_t, std::uint32_t, std::uint32_t>(
            static_cast<std::int64_t>(s.lamport), 0, node);
    case timestamp_clock::hlc: break;
    }
    return std::tuple<std::int64_t, std::uint32_t, std::uint32_t>(s.hlc.wall, s.hlc.logical, node);
}

class resolver final : public strategy {
public:
    explicit resolver(const strategy_config& config) : config_(config) {}

    std::unique_ptr<replica_book> new_book(const state::value&) const override {
        return std::make_unique<register_book>();
    }
    bool needs_authority() const override { return config_.rule != resolver_rule::lww; }

    // priority: each node's rank, 0 the most favoured; nodes the ranking does not
    // name share the last rank. The loader checked every name.
    void meet(const net::topology& nodes, std::span<const net::node_id> members) override {
        const auto& ranking = config_.ranking;
        rank_.assign(members.size(), static_cast<std::uint32_t>(ranking.size()));
        for (std::size_t local = 0; local < members.size(); ++local)
            for (std::size_t i = 0; i < ranking.size(); ++i)
                if (nodes.matches(members[local], ranking[i])) {
                    rank_[local] = static_cast<std::uint32_t>(i);
                    break;
                }
    }

    // Per register: lww its timestamp (physical or Lamport 8 bytes, HLC 12) and
    // node (4); fww its version tag (8) and node; priority both, with the HLC
    // timestamp for ties.
    std::uint64_t metadata_bytes(const replica_book& book) const override {
        constexpr std::uint64_t node = 4, version = 8, hlc = 12, scalar_clock = 8;
        std::uint64_t per_register = node;
        if (config_.rule == resolver_rule::lww)
            per_register += config_.clock == timestamp_clock::hlc ? hlc : scalar_clock;
        else
            per_register += version + (config_.rule == resolver_rule::priority ? hlc : 0);
        return per_register * static_cast<const register_book&>(book).entries.size();
    }

    integrate_result integrate(replica_book& book, const state::value& current, const change& c,
                               const integrate_context& ctx) override {
        return integrate_registers(
            static_cast<register_book&>(book), current, c, ctx,
            [this](const change& arriving, const register_entry& stored, const integrate_context&) {
                return beats(arriving, stored);
            },
            [this](const change& arriving, const register_entry& stored) {
                return verdict(arriving, stored);
            });
    }

private:
    bool newer(const change& c, const register_entry& e, timestamp_clock clock) const {
        return key_of(c.at, c.node, clock) > key_of(e.at, e.node, clock);
    }

    static bool had_seen(const change& c, const register_entry& e) {
        return e.version <= c.base_version || e.node == c.node;
    }

    bool beats(const change& c, const register_entry& e) const {
        if (config_.rule == resolver_rule::lww)
            return newer(c, e, config_.clock);
        if (had_seen(c, e))
            return true; // c was written knowing e: not a conflict
        if (config_.rule == resolver_rule::fww)
            return false;
        const std::uint32_t rank_c = rank_.at(c.node);
        const std::uint32_t rank_e = rank_.at(e.node);
        if (rank_c != rank_e)
            return rank_c < rank_e;
        return newer(c, e, timestamp_clock::hlc);
    }

    // What `beats` compared, in words.
    register_verdict_text verdict(const change& c, const register_entry& e) const {
        if (config_.rule == resolver_rule::lww)
            return {fmt::format("change {} at {} against change {} at {}", c.id,
                                format_stamp(c.at, config_.clock), e.change,
                                format_stamp(e.at, config_.clock)),
                    fmt::format("lww by the {} clock: the larger timestamp stays (ties: the "
                                "larger node id), whether or not one write had seen the other",
                                to_string(config_.clock))};
        if (had_seen(c, e))
            return {e.node == c.node
                        ? fmt::format("changes {} and {} come from the same client", e.change, c.id)
                        : fmt::format("change {} was made on version {}, which includes version "
                                      "{} that stored change {}",
                                      c.id, c.base_version, e.version, e.change),
                    "it had seen the stored write: an ordinary update, which replaces it"};
        std::string concurrent = fmt::format(
            "change {} was made on version {}, before version {} stored change {}: concurrent",
            c.id, c.base_version, e.version, e.change);
        if (config_.rule == resolver_rule::fww)
            return {std::move(concurrent),
                    "fww: among concurrent writes the first to reach the authority stays"};
        concurrent += fmt::format("; node {} ranks {}, node {} ranks {} (0 is the most favoured)",
                                  c.node, rank_.at(c.node), e.node, rank_.at(e.node));
        if (rank_.at(c.node) == rank_.at(e.node))
            concurrent += fmt::format("; {} against {}", format_stamp(c.at, timestamp_clock::hlc),
                                      format_stamp(e.at, timestamp_clock::hlc));
        return {std::move(concurrent), "priority: among concurrent writes the favoured node's "
                                       "stays (equal ranks: the larger HLC timestamp)"};
    }

    strategy_config config_;
    std::vector<std::uint32_t> rank_;
};

} // namespace

std::unique_ptr<strategy> make_resolver(const strategy_config& config) {
    return std::make_unique<resolver>(config);
}

} // namespace immersim::strategies
