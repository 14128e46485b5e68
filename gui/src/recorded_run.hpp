// One run as the GUI shows it: every trace record of the run (the states around
// each change are shared handles, so keeping them is cheap), plus the indexes the
// views need: messages from send to delivery, conflicts, partition bands.
#pragma once

#include "immersim/run/trace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace immersim::gui {

struct recorded_message {
    std::uint64_t id = 0;
    std::uint32_t from = 0, to = 0;
    time_ns sent_ns = 0;
    time_ns delivered_ns = -1; // -1: never delivered (held across a cut to the end)
    std::uint64_t change = 0;
};

struct time_band {
    time_ns from_ns = 0;
    time_ns until_ns = 0;
    std::string what;
    std::vector<std::uint32_t> nodes; // the nodes it struck (the side cut off)
};

class recorded_run final : public trace_sink {
public:
    // At most this many records are kept (a 1,000-client run makes millions); the
    // views say when a run was cut.
    static constexpr std::size_t max_records = 1'500'000;

    explicit recorded_run(std::vector<std::string> names) : node_names(std::move(names)) {}
    void record(const trace_record& r) override;
    // Builds the indexes once the run has finished.
    void finish(time_ns end_ns);

    std::vector<std::string> node_names;
    std::vector<trace_record> records;
    bool truncated = false;
    time_ns end_ns = 0;
    std::vector<recorded_message> messages;  // in send order
    std::vector<std::size_t> conflicts;      // indices into records
    std::vector<std::size_t> decisions;      // indices into records
    // Where a teacher stops: conflicts and decisions that lost a write, in record
    // order (the Page keys jump between them).
    std::vector<std::size_t> landmarks;
    std::vector<time_band> faults;           // partitions, cuts and crashes, until healed

    // The last record at or before `t` (0 when none).
    std::size_t record_at(time_ns t) const;
};

} // namespace immersim::gui
