// What the op-based protocols share: every replica integrates every change itself,
// once, whatever order and however often the change arrives.
#pragma once

#include "protocol.hpp"

#include <vector>

namespace immersim::replication {

class op_based : public protocol {
public:
    explicit op_based(const protocol_context& ctx);

    void on_intent(replica& r, std::uint64_t intent_id, const workload::intent& what) override;
    // A version vector of the changes integrated (8 bytes per replica), which is
    // what lets a replica drop a duplicate.
    std::uint64_t delivery_metadata_bytes(const replica& r) const override;

protected:
    // Sends a change made at `r` (already integrated there) on its way.
    virtual void publish(replica& r, std::uint64_t change_id) = 0;
    // Integrates the change at `r` unless it has it already; whether it was new.
    bool integrate_operation(replica& r, std::uint64_t change_id);
    bool has(const replica& r, std::uint64_t change_id) const;
    // The changes `r` has, in the order it got them.
    const std::vector<std::uint64_t>& log_of(const replica& r) const { return log_[r.node]; }

private:
    std::vector<std::vector<std::uint8_t>> seen_; // per replica, by change id
    std::vector<std::vector<std::uint64_t>> log_; // per replica
    std::vector<std::uint32_t> integrated_count_; // per change: replicas that have it
};

} // namespace immersim::replication
