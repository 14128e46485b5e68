// `mv-register`: Dynamo-style multi-value registers. The authority keeps, for each
// written place, every write that no later write has seen: its siblings. A write
// replaces the siblings it had seen (by the register's version tags against the
// version the change was made on, as `fww` decides) and joins the ones it had not.
// Nothing is overwritten: a place with one sibling shows its value, a place with
// several shows the list of their values (oldest first), for the next reader to
// resolve by writing over them, as a Dynamo or Riak client does on read. A removal
// is a sibling without a value.
//
// Added through strategies::register_strategy, like a program's own strategy: this
// folder and one line in registry.cpp.
#include "mv_register.hpp"

#include "../common/register_table.hpp"

#include <fmt/format.h>
#include <map>
#include <optional>

namespace immersim::strategies {

namespace {

struct sibling {
    std::uint64_t change = 0;
    std::uint32_t node = 0;
    std::uint64_t version = 0;         // the authority version that stored it
    std::optional<state::value> value; // none: a removal
};

class mv_book final : public replica_book {
public:
    std::map<state::path, std::vector<sibling>> registers;
};

// What a place with these siblings shows.
std::optional<state::value> shown(const std::vector<sibling>& siblings) {
    std::vector<state::value> values;
    for (const sibling& s : siblings)
        if (s.value)
            values.push_back(*s.value);
    if (values.empty())
        return std::nullopt;
    if (siblings.size() == 1)
        return values.front();
    return state::value::list_of(values);
}

// Which concurrent writes a change joined as siblings, in words.
decision_record siblings_kept(const state::path& where, const change& c,
                              const std::vector<sibling>& kept) {
    std::string others;
    for (const sibling& s : kept)
        others += fmt::format("{}change {} (stored at version {})", others.empty() ? "" : ", ",
                              s.change, s.version);
    return {where, no_rival, no_rival,
            fmt::format("change {} was made on version {}, before {}: concurrent", c.id,
                        c.base_version, others),
            "mv-register: concurrent writes are all kept as siblings, and a read shows them "
            "all"};
}

class mv_register final : public strategy {
public:
    std::unique_ptr<replica_book> new_book(const state::value&) const override {
        return std::make_unique<mv_book>();
    }
    bool needs_authority() const override { return true; }

    integrate_result integrate(replica_book& book, const state::value& current, const change& c,
                               const integrate_context& ctx) override {
        integrate_result out{current, {}};
        for (const state::patch& p : c.patches) {
            std::vector<sibling>& siblings = static_cast<mv_book&>(book).registers[p.where];
            std::vector<sibling> kept;
            for (sibling& s : siblings) {
                if (s.version <= c.base_version || s.node == c.node)
                    out.result.replaced.push_back(s.change); // seen: an ordinary update
                else
                    kept.push_back(std::move(s));
            }
            if (!kept.empty()) {
                ++out.result.kept_both;
                if (ctx.explain)
                    out.result.why.push_back(siblings_kept(p.where, c, kept));
            }
            std::optional<state::value> mine;
            if (p.op != state::patch_op::remove)
                mine = p.val;
            kept.push_back({c.id, c.node, ctx.version + 1, mine});
            siblings = std::move(kept);
            const std::optional<state::value> visible = shown(siblings);
            const bool written =
                visible ? write_place(out.next, {state::patch_op::add, p.where, *visible})
                        : write_place(out.next, {state::patch_op::remove, p.where, {}});
            if (written)
                ++out.result.applied;
            else
                out.result.lost_to.push_back(no_rival); // its place is gone
        }
        return out;
    }

    // Per sibling its version tag (8) and node (4); the values are in the document.
    std::uint64_t metadata_bytes(const replica_book& book) const override {
        std::uint64_t siblings = 0;
        for (const auto& [where, list] : static_cast<const mv_book&>(book).registers)
            siblings += list.size();
        return 12 * siblings;
    }
};

} // namespace

strategy_descriptor mv_register_descriptor() {
    return {"mv-register",
            "multi-value registers: concurrent writes are all kept, as siblings, until a "
            "write that has seen them replaces them",
            true,
            {}};
}

std::unique_ptr<strategy> make_mv_register(const strategy_config&) {
    return std::make_unique<mv_register>();
}

} // namespace immersim::strategies
