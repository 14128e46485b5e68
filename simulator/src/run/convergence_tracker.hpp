// Whether all live replicas hold equal states, kept up to date as states change:
// a count of live replicas per state hash. Few states are held at once (the
// versions still travelling), and the ones an update touches are the newest, so
// the counts are a flat list searched from its newest end: no allocation and no
// tree walk per delivery, which a std::map cost (a tenth of a run at 20,000 clients).
#pragma once

#include "immersim/engine/time.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace immersim::run_detail {

class convergence_tracker {
public:
    explicit convergence_tracker(std::size_t replicas) : hash_(replicas, 0), live_(replicas, false) {}

    void set_hash(std::size_t replica, std::uint64_t hash, time_ns now) {
        if (live_[replica])
            remove(hash_[replica]);
        hash_[replica] = hash;
        if (live_[replica])
            add(hash);
        note(now);
    }
    void set_live(std::size_t replica, bool live, time_ns now) {
        if (live_[replica] == live)
            return;
        live_[replica] = live;
        if (live)
            add(hash_[replica]);
        else
            remove(hash_[replica]);
        note(now);
    }

    bool converged() const { return counts_.size() <= 1; }
    // Since when the replicas have been equal (meaningful when converged()).
    time_ns converged_since() const { return since_; }
    // Live replicas that do not hold the most common state.
    std::uint32_t divergent() const {
        std::uint32_t live = 0, largest = 0;
        for (const auto& [hash, count] : counts_) {
            live += count;
            largest = count > largest ? count : largest;
        }
        return live - largest;
    }

private:
    using entry = std::pair<std::uint64_t, std::uint32_t>; // hash, live replicas holding it
    std::vector<entry>::iterator find(std::uint64_t hash) {
        auto it = counts_.end();
        while (it != counts_.begin())
            if ((--it)->first == hash)
                return it;
        return counts_.end();
    }
    void add(std::uint64_t hash) {
        if (const auto it = find(hash); it != counts_.end())
            ++it->second;
        else
            counts_.emplace_back(hash, 1);
    }
    // Order is kept (the newest stay at the end); nothing reads it but the search.
    void remove(std::uint64_t hash) {
        if (const auto it = find(hash); it != counts_.end() && --it->second == 0)
            counts_.erase(it);
    }
    void note(time_ns now) {
        const bool now_converged = converged();
        if (now_converged && !was_converged_)
            since_ = now;
        was_converged_ = now_converged;
    }

    std::vector<std::uint64_t> hash_;
    std::vector<bool> live_;
    std::vector<entry> counts_;
    bool was_converged_ = true;
    time_ns since_ = 0;
};

} // namespace immersim::run_detail
