// A first-in first-out queue over one vector: elements are pushed at the back,
// let go at the front, and read by their place from the front, like a std::deque.
//
// Why not std::deque: the run's hottest queues (the authority's versions, the
// messages' payloads, the engine's free slots) are indexed on every delivery, and
// a deque's indexing walks its block map (a division and two loads; .at() adds
// a size computed from the map): a tenth of a delivery's instructions at 5,000
// clients. Here an index is one addition. The front's elements are destroyed as
// they leave (their memory, a state for instance, goes at once), and the vector
// is compacted once the gap at its front is as large as what is live, so every
// operation is amortised O(1) and the memory follows the live elements. An empty
// window allocates nothing (an empty std::deque takes over half a kilobyte).
#pragma once

#include "immersim/support/assert.hpp"

#include <cstddef>
#include <utility>
#include <vector>

namespace immersim {

template <typename T>
class sliding_window {
public:
    using iterator = typename std::vector<T>::iterator;
    using const_iterator = typename std::vector<T>::const_iterator;

    std::size_t size() const { return items_.size() - head_; }
    bool empty() const { return size() == 0; }

    // i counts from the front. Precondition: i < size().
    T& operator[](std::size_t i) { return items_[head_ + i]; }
    const T& operator[](std::size_t i) const { return items_[head_ + i]; }
    T& at(std::size_t i) {
        IMMERSIM_ASSERT_OP(i, <, size());
        return items_[head_ + i];
    }
    const T& at(std::size_t i) const {
        IMMERSIM_ASSERT_OP(i, <, size());
        return items_[head_ + i];
    }
    T& front() { return items_[head_]; }
    const T& front() const { return items_[head_]; }
    T& back() { return items_.back(); }
    const T& back() const { return items_.back(); }

    iterator begin() { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
    iterator end() { return items_.end(); }
    const_iterator begin() const { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
    const_iterator end() const { return items_.end(); }

    void push_back(T item) { items_.push_back(std::move(item)); }
    template <typename... Args>
    T& emplace_back(Args&&... args) {
        return items_.emplace_back(std::forward<Args>(args)...);
    }
    void resize(std::size_t n, const T& fill) { items_.resize(head_ + n, fill); }

    // Precondition: !empty().
    void pop_front() {
        IMMERSIM_ASSERT(!empty());
        items_[head_] = T{}; // let go of what it holds now, not at the next compaction
        ++head_;
        if (head_ == items_.size()) {
            items_.clear();
            head_ = 0;
        } else if (head_ >= min_gap && head_ >= items_.size() - head_) {
            items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
            head_ = 0;
        }
    }

    void clear() {
        items_.clear();
        head_ = 0;
    }

private:
    // Below this, a gap costs less than moving the live elements down.
    static constexpr std::size_t min_gap = 16;

    std::vector<T> items_;
    std::size_t head_ = 0; // items_[0, head_) have left
};

} // namespace immersim
