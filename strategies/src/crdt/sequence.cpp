#include "sequence.hpp"

#include "immersim/support/assert.hpp"

namespace immersim::strategies {

rga::rga(const state::value* initial) {
    if (initial != nullptr && initial->is_list())
        for (std::size_t i = 0; i < initial->size(); ++i)
            elements_.push_back({i, initial->at(i), false});
}

std::size_t rga::visible_size() const {
    std::size_t n = 0;
    for (const element& e : elements_)
        n += e.removed ? 0 : 1;
    return n;
}

std::uint64_t rga::anchor_for(std::size_t index) const {
    return index == 0 ? head : id_at(index - 1);
}

std::uint64_t rga::id_at(std::size_t index) const {
    for (const element& e : elements_)
        if (!e.removed && index-- == 0)
            return e.id;
    IMMERSIM_ASSERT(false && "index past the visible elements");
    return head;
}

std::optional<std::size_t> rga::position_of(std::uint64_t id) const {
    for (std::size_t i = 0; i < elements_.size(); ++i)
        if (elements_[i].id == id)
            return i;
    return std::nullopt;
}

void rga::insert(std::uint64_t id, std::uint64_t anchor, const state::value& v) {
    if (anchor != head && !position_of(anchor)) {
        waiting_[anchor].emplace_back(id, v);
        return;
    }
    place(id, anchor, v);
}

void rga::place(std::uint64_t id, std::uint64_t anchor, const state::value& v) {
    std::size_t at = anchor == head ? 0 : *position_of(anchor) + 1;
    while (at < elements_.size() && elements_[at].id > id)
        ++at;
    elements_.insert(elements_.begin() + static_cast<std::ptrdiff_t>(at),
                     {id, v, removed_early_.erase(id) > 0});
    // Inserts that were waiting for this element can go in now.
    if (auto it = waiting_.find(id); it != waiting_.end()) {
        const auto ready = std::move(it->second);
        waiting_.erase(it);
        for (const auto& [waiting_id, value] : ready)
            place(waiting_id, id, value);
    }
}

void rga::remove(std::uint64_t id) {
    if (const auto at = position_of(id))
        elements_[*at].removed = true;
    else
        removed_early_.insert(id);
}

state::value rga::visible() const {
    std::vector<state::value> items;
    for (const element& e : elements_)
        if (!e.removed)
            items.push_back(e.val);
    return state::value::list_of(items);
}

std::uint64_t rga::kept() const {
    std::uint64_t n = elements_.size() + removed_early_.size();
    for (const auto& [anchor, inserts] : waiting_)
        n += inserts.size();
    return n;
}

} // namespace immersim::strategies
