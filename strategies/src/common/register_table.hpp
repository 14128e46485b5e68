// The latest write at each place, as last-writer-wins registers keep it: shared by
// the resolver (which orders writes by a rule) and the `none` baseline (which lets
// the last arrival win). Places overlap when one path is a prefix of the other.
#pragma once

#include "immersim/strategies/strategy.hpp"

#include <functional>
#include <map>

namespace immersim::strategies {

// What a register keeps about its latest write: the write's change, node and
// timestamps, and (with an authority) the version that stored it, which a later
// change compares with the version it was made on.
struct register_entry {
    std::uint64_t change = 0;
    std::uint32_t node = 0;
    stamp at;
    std::uint64_t version = 0;
};

class register_book final : public replica_book {
public:
    std::map<state::path, register_entry> entries;
};

// Decides whether the arriving change `c` beats the stored write `e`.
using register_rule = std::function<bool(const change& c, const register_entry& e,
                                         const integrate_context& ctx)>;

// What was compared between the arriving change and a stored write, and by which
// rule, in words (for decision_record).
struct register_verdict_text {
    std::string compared;
    std::string rule;
};
using register_explainer =
    std::function<register_verdict_text(const change& c, const register_entry& e)>;

// Applies the writes of `c` one place at a time: a place is written when `beats`
// holds against every stored write that overlaps it. Names the stored writes `c`
// replaced, and for each write of `c` that lost, the write that beat it; when the
// context asks, explains each of these decisions with `explain`.
integrate_result integrate_registers(register_book& book, const state::value& current,
                                     const change& c, const integrate_context& ctx,
                                     const register_rule& beats, const register_explainer& explain);

// Writes one place as a register does: add binds a map key whether or not it
// exists; a remove of a place already gone changes nothing. False when the place's
// parent is gone or of the wrong type.
bool write_place(state::value& doc, const state::patch& p);

} // namespace immersim::strategies
