// A replicated growable array (RGA; Roh, Jeon, Kim and Lee, 2011): the sequence
// CRDT behind list `insert` and `remove_at` under `crdt`. Every element has a
// unique id, larger for elements made later (so an element made knowing another has
// the larger id). An insert travels as (its id, the id of the element it goes
// after); a removal as the id of the element it removes, which stays as a
// tombstone so that later inserts can still find their place. Integrating an
// insert: go to its anchor, skip the elements with larger ids that follow (inserts
// at the same place that win, and what was inserted after them), put it there.
// Every replica that has integrated the same operations, in any order, holds the
// same sequence.
#pragma once

#include "immersim/state/value.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace immersim::strategies {

class rga {
public:
    static constexpr std::uint64_t head = ~std::uint64_t{0}; // the anchor before the first

    // The initial elements, ids 0, 1, ... in order: the same on every replica.
    explicit rga(const state::value* initial);

    std::size_t visible_size() const;
    // The anchor an insert at visible position `index` goes after.
    std::uint64_t anchor_for(std::size_t index) const;
    // The id of the visible element at `index`.
    std::uint64_t id_at(std::size_t index) const;

    // An insert whose anchor has not arrived yet waits for it; a removal of an
    // element that has not arrived yet marks it removed when it does.
    void insert(std::uint64_t id, std::uint64_t anchor, const state::value& v);
    void remove(std::uint64_t id);

    state::value visible() const;
    // Elements kept: visible, tombstones, and inserts waiting for their anchor.
    std::uint64_t kept() const;

private:
    struct element {
        std::uint64_t id;
        state::value val;
        bool removed;
    };
    void place(std::uint64_t id, std::uint64_t anchor, const state::value& v);
    std::optional<std::size_t> position_of(std::uint64_t id) const;

    std::vector<element> elements_; // in sequence order, tombstones included
    std::map<std::uint64_t, std::vector<std::pair<std::uint64_t, state::value>>> waiting_;
    std::set<std::uint64_t> removed_early_;
};

} // namespace immersim::strategies
