// Happened-before on a recorded run (Lamport's relation, as ShiViz draws it): an
// event's causal past is what it could have known of, its causal future what it
// could have influenced. On each node both are a contiguous run of records (a
// node's records are in order), so a cone is one boundary per node, found in one
// pass over the records before (or after) the event.
//
// And a lost update's story: the two writes, what both had seen, the decision that
// lost one, and the messages that carried them there.
#pragma once

#include "recorded_run.hpp"

#include <QString>
#include <cstddef>
#include <optional>
#include <vector>

namespace immersim::gui {

struct causal_cone {
    std::size_t anchor = recorded_message::none;
    // Per node: the last record in the past, the first in the future (none: no
    // record of that node is).
    std::vector<std::size_t> past_until;
    std::vector<std::size_t> future_from;
    // Messages delivered in the past, and sent in the future (indices into
    // recorded_run::messages).
    std::vector<std::size_t> past_messages;
    std::vector<std::size_t> future_messages;

    bool in_past(const trace_record& r, std::size_t index) const;
    bool in_future(const trace_record& r, std::size_t index) const;
};

causal_cone cone_of(const recorded_run& run, std::size_t record);

struct lost_update {
    std::size_t decision = recorded_message::none; // where a write was lost
    std::uint64_t winner = 0, loser = 0;           // changes (winner: none if nothing won)
    bool has_winner = false;
    std::size_t winner_operation = recorded_message::none; // their operation records
    std::size_t loser_operation = recorded_message::none;
    // Per node: the last record both writes had seen (none: nothing of that node).
    std::vector<std::size_t> common_past_until;
    std::vector<std::size_t> winner_messages, loser_messages; // up to the decision
    // Per write, the last message its writer received before making it: the news
    // the write was made on (none, one or two; one when both are the same).
    std::vector<std::size_t> last_received;
    QString sentence;                                         // why it was lost, in one sentence
};

// The lost update behind a record: a decision that lost a write, or a change (its
// operation, a conflict on it, a decision on it) that was later lost somewhere.
// Nothing when no write was lost there.
std::optional<lost_update> lost_update_at(const recorded_run& run, std::size_t record);

} // namespace immersim::gui
