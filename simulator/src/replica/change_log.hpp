// Every change of one document, by id, held only while someone may still read it.
//
// Messages and protocols name changes by id, so ids index the log. A change's
// record (288 bytes, more than half of what a long run used to keep per change)
// is let go in two halves that the protocol releases separately: its contents,
// once the authority has settled it, and its intent, once its own client is done
// with it (adopted, given up, or replaced by a retry). Records live in chunks of 64; a chunk whose
// every change is let go is freed, so a run's memory follows what is still live,
// not how long it ran, and a change stuck in flight (a crashed client's) holds
// only its own chunk. Protocols that release nothing (peer to peer, where every
// replica may still need every change) keep every chunk, as before.
#pragma once

#include "immersim/strategies/strategy.hpp"
#include "immersim/support/assert.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace immersim::replication {

class change_log {
public:
    using change = strategies::change;
    enum class half : std::uint8_t { contents = 1, intent = 2 };

    // The number of ids handed out: the id the next change gets.
    std::uint64_t size() const { return next_; }
    bool holds(std::uint64_t id) const {
        return id < next_ && chunks_[id >> chunk_bits] != nullptr;
    }
    // Precondition: holds(id). A push_back may move the changes of the newest
    // chunk, so a reference into it does not outlive the next push_back.
    change& operator[](std::uint64_t id) { return at(id); }
    const change& operator[](std::uint64_t id) const {
        return const_cast<change_log&>(*this).at(id);
    }
    change& back() { return at(next_ - 1); }

    void push_back(change c) {
        if ((next_ & chunk_mask) == 0)
            chunks_.push_back(std::make_unique<chunk>());
        chunks_.back()->items.push_back(std::move(c));
        ++next_;
    }

    // Nothing reads this half of change `id` any more; the change is let go (and
    // its chunk with it, if it was the last live one) once both halves are.
    void release(std::uint64_t id, half h) {
        if (!holds(id))
            return;
        std::unique_ptr<chunk>& owner = chunks_[id >> chunk_bits];
        const std::uint64_t bit = std::uint64_t{1} << (id & chunk_mask);
        (h == half::contents ? owner->contents_gone : owner->intent_gone) |= bit;
        if (owner->items.size() == chunk_size &&
            (owner->contents_gone & owner->intent_gone) == ~std::uint64_t{0})
            owner.reset();
    }

private:
    static constexpr unsigned chunk_bits = 6;
    static constexpr std::size_t chunk_size = std::size_t{1} << chunk_bits;
    static constexpr std::uint64_t chunk_mask = chunk_size - 1;
    static_assert(chunk_size == 64, "one bit per change in a 64-bit mask");

    struct chunk {
        std::vector<change> items; // grows as changes come: a small document's stays small
        std::uint64_t contents_gone = 0;
        std::uint64_t intent_gone = 0;
    };

    change& at(std::uint64_t id) {
        IMMERSIM_ASSERT(holds(id));
        return chunks_[id >> chunk_bits]->items[id & chunk_mask];
    }

    std::vector<std::unique_ptr<chunk>> chunks_; // null once every change in it is let go
    std::uint64_t next_ = 0;
};

} // namespace immersim::replication
