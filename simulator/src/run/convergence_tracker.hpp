// Whether all live replicas hold equal states, kept up to date as states change:
// a count of live replicas per state hash, so each update costs O(log replicas).
#pragma once

#include "immersim/engine/time.hpp"

#include <cstdint>
#include <map>
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
            counts_[hash]++;
        note(now);
    }
    void set_live(std::size_t replica, bool live, time_ns now) {
        if (live_[replica] == live)
            return;
        live_[replica] = live;
        if (live)
            counts_[hash_[replica]]++;
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
    void remove(std::uint64_t hash) {
        if (auto it = counts_.find(hash); it != counts_.end() && --it->second == 0)
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
    std::map<std::uint64_t, std::uint32_t> counts_;
    bool was_converged_ = true;
    time_ns since_ = 0;
};

} // namespace immersim::run_detail
