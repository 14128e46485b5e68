// One run as the GUI shows it: every trace record of the run (the states around
// each change are shared handles, so keeping them is cheap), plus the indexes the
// views need: messages from send to delivery, conflicts, partition bands.
#pragma once

#include "immersim/run/trace.hpp"

#include <QString>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace immersim::gui {

// What a message does, by the colour it is drawn in.
enum class message_role : std::uint8_t {
    commit, // a client's change to the server
    sync,   // the server's new version, to everyone
    reject, // the server refusing a client's change
    peer,   // an operation or a gossip batch between peers
};

struct recorded_message {
    static constexpr std::size_t none = SIZE_MAX;
    std::uint64_t id = 0;
    std::uint32_t from = 0, to = 0;
    time_ns sent_ns = 0;
    time_ns delivered_ns = -1; // -1: never delivered (held across a cut to the end)
    std::uint64_t change = 0;
    std::size_t send_record = none;    // index into the run's records
    std::size_t deliver_record = none; // its first delivery, if any
    std::uint32_t bytes = 0;
    message_role role = message_role::peer;
};

// What causality needs of a record, 16 bytes instead of a whole record: a cone
// walks the run, and a million records' cache lines made a click slow.
struct causal_step {
    std::size_t message = SIZE_MAX; // send / deliver: its recorded_message (none: other)
    std::uint32_t node = 0;
    bool send = false, deliver = false;
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

    // A run longer than max_records is viewed by windows: the records from
    // `from_ns` on (the run itself is the same, replayed from its start).
    explicit recorded_run(std::vector<std::string> names, time_ns from_ns = 0,
                          std::size_t cap = max_records)
        : node_names(std::move(names)), window_from_ns(from_ns), record_cap(cap) {}
    void record(const trace_record& r) override;
    void nodes(const std::vector<node_facts>& per_node) override;
    // wanted_document = all_documents follows every document at once.
    static constexpr std::uint32_t all_documents = UINT32_MAX;
    std::optional<std::uint32_t> document() const override { return wanted_document; }
    bool every_document() const override { return wanted_document == all_documents; }
    void follows(std::uint32_t d) override { document_followed = d; }
    // Builds the indexes once the run has finished.
    void finish(time_ns end_ns);

    // In a world of several documents, the one to follow (none: the first anyone
    // edits; all_documents: every one) and the one the run followed (the first
    // edited when that one had no clients in this seed).
    std::optional<std::uint32_t> wanted_document;
    std::uint32_t document_followed = 0;
    std::vector<std::string> node_names;
    std::vector<net::physical_clock> node_clocks; // each node's wall clock
    std::vector<bool> node_is_server;
    std::vector<std::vector<std::uint32_t>> node_documents; // the documents each holds
    std::vector<trace_record> records;
    time_ns window_from_ns = 0; // records before it were not kept, except:
    // In a window, the first `carried` records are from before it: the sends of
    // messages still in flight at its start and the faults still in force then,
    // so that an arrow crossing the window's left edge and a partition band begun
    // earlier are drawn (and a delivery in the window has its message).
    std::size_t carried = 0;
    std::size_t record_cap = max_records;
    bool truncated = false; // records after the last kept one were not kept
    time_ns end_ns = 0;
    std::vector<recorded_message> messages;  // in send order
    std::vector<causal_step> steps;          // one per record
    std::vector<std::size_t> conflicts;      // indices into records
    std::vector<std::size_t> decisions;      // indices into records
    // Where a teacher stops: conflicts and decisions that lost a write, in record
    // order (the Page keys jump between them).
    std::vector<std::size_t> landmarks;
    std::vector<time_band> faults;           // partitions, cuts and crashes, until healed

    // The last record at or before `t` (0 when none).
    std::size_t record_at(time_ns t) const;
    // The message a send or deliver record is about (recorded_message::none if
    // its send was not recorded).
    std::size_t message_of(const trace_record& r) const;
    // The local change `change` (its operation record), searching back from
    // `before`; recorded_message::none when it is not in the trace.
    std::size_t operation_of(std::uint64_t change, std::size_t before) const;
    // The operation record of a change a user named (parse_change): following
    // every document, a number without its document is the first such change.
    std::size_t operation_named(std::uint64_t key) const;

private:
    void keep(trace_record r);
    void carry(const trace_record& r);
    void put_carried_first();

    std::unordered_map<std::uint64_t, std::size_t> message_index_; // looked up, never iterated
    // Before the window: sends not yet delivered, by message id, and the faults in
    // force, each with its place in the run's order (ties in time keep it).
    std::unordered_map<std::uint64_t, std::pair<std::uint64_t, trace_record>> in_flight_;
    std::vector<std::pair<std::uint64_t, trace_record>> faults_in_force_;
    std::uint64_t seen_before_ = 0;
};

// A change as the views know it. Following one document, its number; following
// every document, where numbers repeat, its document's number + 1 above bit 40
// as well (what record() keeps in `change` and in the reasons' winner and loser).
std::uint64_t change_key(std::uint32_t document, std::uint64_t change);
// "change 17", or "change 17 of document 3" for a key of a trace of every document.
QString change_name(std::uint64_t key);
// What a search box reads as a change ("17", "change 17", "change 17 of document
// 3"): its key, or none. Without a document, every_document's first change 17.
std::optional<std::uint64_t> parse_change(const QString& text);

// A decision that lost a write (by the oracle's verdict on its reasons).
bool loses_a_write(const trace_record& decision);

// The role of a message from its trace detail ("commit on v3", "sync to v4", ...).
message_role role_of(const std::string& detail);

} // namespace immersim::gui
