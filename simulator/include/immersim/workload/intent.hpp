// An intent: one operation a user meant to perform, with every random choice
// already made. It is executed as a recipe on a replica's current state, so it can
// be run again on fresh state (an OCC retry) and still mean the same thing.
#pragma once

#include "immersim/random/distributions.hpp"
#include "immersim/state/path.hpp"
#include "immersim/state/produce.hpp"
#include "immersim/workload/workload_spec.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace immersim::workload {

struct intent {
    op_kind kind = op_kind::set;
    state::path where;
    value_source source = value_source::constant;
    state::value val;          // the value, member or element chosen
    std::int64_t amount = 0;   // increment
    std::uint64_t position = 0; // insert/remove_at: the index is position mod (size [+1])
    std::vector<intent> parts;  // transaction: the intents it carries out together
};

// The single operations an intent carries out: its parts for a transaction, else
// itself.
std::vector<const intent*> atoms_of(const intent& what);

// Draws one intent per call from a client's own stream. Holds its own copies of
// the scenario's constant values: state nodes are reference-counted without
// atomics, so a value must never be shared between runs on different threads.
class intent_source {
public:
    explicit intent_source(const workload_spec& spec);
    intent draw(generator& g) const;

private:
    std::uint64_t draw_key(const std::string& name, generator& g) const;
    intent draw_op(const op_spec& op, const state::value& constant, generator& g,
                   std::map<std::string, std::uint64_t>& keys) const;

    const workload_spec& spec_;
    std::vector<double> cumulative_weights_;
    std::vector<state::value> constants_; // per op, copies
    std::vector<std::vector<state::value>> part_constants_; // per op, per transaction part
    std::map<std::string, std::shared_ptr<const zipf_table>> zipf_;
};

// Executes the intent on a draft. Returns false when it cannot apply to this state
// (its path runs through a missing key or a value of the wrong type; for a
// transaction, when any part cannot): the caller then discards the draft, so a
// transaction applies all its parts or none, and counts the intent as failed.
bool execute(const intent& what, const state::draft& root);

} // namespace immersim::workload
