// `occ`: optimistic concurrency control. A client commits its change with the
// version it started from; the authority validates it and either applies it or
// rejects it. A rejected client retries its intent on fresh state after an
// exponential back-off with jitter, up to max_retries, or (notify) gives up and
// tells the user.
//   version  strict: the base must be the current version.
//   path     reject only when a place written since the base overlaps a place
//            this change writes (so writes to disjoint places pass).
#include "occ.hpp"

#include "../common/register_table.hpp"
#include "immersim/random/distributions.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace immersim::strategies {

namespace {

class occ_book final : public replica_book {
public:
    struct entry {
        std::uint64_t version;
        std::vector<state::path> writes;
    };
    std::vector<entry> log; // accepted changes in version order
};

class occ final : public strategy {
public:
    explicit occ(const strategy_config& config)
        : validate_paths_(config.validate_paths), retry_(config.retry),
          max_retries_(config.max_retries), backoff_ns_(config.backoff_ns),
          backoff_max_ns_(config.backoff_max_ns) {}

    // backoff x 2^attempt, capped, times a uniform jitter in [0.5, 1.5); compared
    // before shifting so that it cannot wrap.
    std::optional<time_ns> retry_after(const change& rejected,
                                       generator& client_stream) const override {
        if (!retry_ || rejected.attempt >= max_retries_)
            return std::nullopt;
        const std::uint32_t doublings = std::min<std::uint32_t>(rejected.attempt, 30);
        const time_ns capped = backoff_ns_ > (backoff_max_ns_ >> doublings)
                                   ? backoff_max_ns_
                                   : backoff_ns_ << doublings;
        return saturating_time(static_cast<double>(capped) * uniform_real(client_stream, 0.5, 1.5));
    }

    bool needs_authority() const override { return true; }
    bool acknowledged() const override { return true; }
    std::unique_ptr<replica_book> new_book(const state::value&) const override {
        return std::make_unique<occ_book>();
    }

    integrate_result integrate(replica_book& book, const state::value& current, const change& c,
                               const integrate_context& ctx) override {
        auto& log = static_cast<occ_book&>(book).log;
        integrate_result out{current, {}};
        if (const std::optional<conflict> found = check(log, c, ctx.version)) {
            out.result.accepted = false;
            if (ctx.explain)
                out.result.why.push_back(explain(c, *found, ctx.version));
            return out;
        }
        state::value next = current;
        for (const state::patch& p : c.patches)
            if (!write_place(next, p)) {
                out.result.accepted = false; // the base no longer has the place
                if (ctx.explain)
                    out.result.why.push_back(
                        {p.where, no_rival, c.id,
                         "the map this change writes into is gone from the current version",
                         "occ: a change that no longer applies is rejected"});
                return out;
            }
        out.next = std::move(next);
        out.result.applied = static_cast<std::uint32_t>(c.patches.size());
        if (validate_paths_)
            log.push_back({ctx.version + 1, c.writes});
        return out;
    }

    // `path` keeps a log of the places each accepted change wrote: per entry its
    // version (8) and its paths. It is never trimmed, since the authority cannot
    // know how old a base the next commit will carry. `version` keeps nothing but
    // the authority's version, which every client-server protocol has.
    std::uint64_t metadata_bytes(const replica_book& book) const override {
        std::uint64_t bytes = 0;
        for (const occ_book::entry& e : static_cast<const occ_book&>(book).log) {
            bytes += 8;
            for (const state::path& p : e.writes)
                bytes += path_bytes(p);
        }
        return bytes;
    }

private:
    // Why a change fails validation: the version moved on (version), or a place it
    // writes was written at `version` after its base (path, `where`).
    struct conflict {
        std::uint64_t version = 0;
        state::path where;
    };

    std::optional<conflict> check(const std::vector<occ_book::entry>& log, const change& c,
                                  std::uint64_t version) const {
        if (!validate_paths_)
            return c.base_version == version ? std::nullopt
                                             : std::optional<conflict>({version, {}});
        // Newest first: only writes after the base matter.
        for (auto it = log.rbegin(); it != log.rend() && it->version > c.base_version; ++it)
            for (const state::path& theirs : it->writes)
                for (const state::path& ours : c.writes)
                    if (state::overlaps(theirs, ours))
                        return conflict{it->version, theirs};
        return std::nullopt;
    }

    decision_record explain(const change& c, const conflict& found, std::uint64_t version) const {
        if (!validate_paths_)
            return {{},
                    no_rival,
                    c.id,
                    fmt::format("change {} was made on version {}; the authority is at version {}",
                                c.id, c.base_version, version),
                    "occ, version validation: a change made on an older version is rejected"};
        return {found.where, no_rival, c.id,
                fmt::format("{} was written at version {}, after change {}'s base version {}",
                            state::format_path(found.where), found.version, c.id, c.base_version),
                "occ, path validation: a change is rejected when a place it writes was written "
                "since its base"};
    }

    bool validate_paths_;
    bool retry_;
    std::uint32_t max_retries_;
    time_ns backoff_ns_;
    time_ns backoff_max_ns_;
};

} // namespace

std::unique_ptr<strategy> make_occ(const strategy_config& config) {
    return std::make_unique<occ>(config);
}

} // namespace immersim::strategies
