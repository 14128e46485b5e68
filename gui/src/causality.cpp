#include "causality.hpp"

#include "immersim/state/path.hpp"

#include <algorithm>

namespace immersim::gui {

namespace {

constexpr std::size_t none = recorded_message::none;

// Faults are the world's doing, not a node's: no causal order through them.
bool is_event(const trace_record& r) {
    return r.kind != trace_kind::fault;
}

std::vector<std::size_t> past_frontier(const recorded_run& run, std::size_t anchor) {
    std::vector<std::size_t> until(run.node_names.size(), none);
    until[run.steps[anchor].node] = anchor;
    for (std::size_t i = anchor + 1; i-- > 0;) {
        const causal_step& s = run.steps[i];
        if (!s.deliver || s.message == none || until[s.node] == none || i > until[s.node])
            continue;
        // A delivery in the past puts its send, and all before it there, in the past.
        const recorded_message& msg = run.messages[s.message];
        std::size_t& other = until[msg.from];
        other = other == none ? msg.send_record : std::max(other, msg.send_record);
    }
    return until;
}

std::vector<std::size_t> future_frontier(const recorded_run& run, std::size_t anchor) {
    std::vector<std::size_t> from(run.node_names.size(), none);
    from[run.steps[anchor].node] = anchor;
    for (std::size_t i = anchor; i < run.steps.size(); ++i) {
        const causal_step& s = run.steps[i];
        if (!s.send || s.message == none || from[s.node] == none || i < from[s.node])
            continue;
        // A send in the future puts its delivery, and all after it there, in the future.
        const recorded_message& msg = run.messages[s.message];
        if (msg.deliver_record != none)
            from[msg.to] = std::min(from[msg.to], msg.deliver_record);
    }
    return from;
}

bool at_or_before(const std::vector<std::size_t>& until, const trace_record& r, std::size_t i) {
    return is_event(r) && until[r.node] != none && i <= until[r.node];
}

QString seconds(time_ns t) {
    return QString::number(static_cast<double>(t) / ns_per_s, 'f', 3) + " s";
}

} // namespace

bool causal_cone::in_past(const trace_record& r, std::size_t index) const {
    return at_or_before(past_until, r, index);
}

bool causal_cone::in_future(const trace_record& r, std::size_t index) const {
    return is_event(r) && future_from[r.node] != none && index >= future_from[r.node];
}

causal_cone cone_of(const recorded_run& run, std::size_t record) {
    causal_cone cone;
    if (record >= run.records.size() || !is_event(run.records[record]))
        return cone;
    cone.anchor = record;
    cone.past_until = past_frontier(run, record);
    cone.future_from = future_frontier(run, record);
    // From the messages alone (a send's node is the message's sender, a delivery's
    // its receiver; reading a million whole records made a click take 130 ms at
    // 1,000 clients). Messages are in send order: those sent before the anchor can
    // only be in its past, the others only in its future.
    const auto& until = cone.past_until;
    const auto& from = cone.future_from;
    const auto first_after =
        std::partition_point(run.messages.begin(), run.messages.end(),
                             [&](const recorded_message& msg) { return msg.send_record < record; });
    const auto split = static_cast<std::size_t>(first_after - run.messages.begin());
    for (std::size_t m = 0; m < split; ++m) {
        const recorded_message& msg = run.messages[m];
        if (msg.deliver_record != none && until[msg.to] != none &&
            msg.deliver_record <= until[msg.to])
            cone.past_messages.push_back(m);
    }
    for (std::size_t m = split; m < run.messages.size(); ++m) {
        const recorded_message& msg = run.messages[m];
        if (from[msg.from] != none && msg.send_record >= from[msg.from])
            cone.future_messages.push_back(m);
    }
    return cone;
}

namespace {

// The first reason at `decision` that lost a write, optionally about `change`.
const decision_reason* lost_reason(const trace_record& decision,
                                   std::optional<std::uint64_t> change = std::nullopt) {
    for (const decision_reason& reason : decision.why)
        if (reason.lost && reason.said.loser != strategies::no_rival &&
            (!change || reason.said.loser == *change || reason.said.winner == *change))
            return &reason;
    return nullptr;
}

// The decision that lost a write of the change at `record` (or lost one to it).
std::optional<std::size_t> losing_decision(const recorded_run& run, std::size_t record) {
    const trace_record& r = run.records[record];
    if (r.kind == trace_kind::decision && lost_reason(r))
        return record;
    if (r.kind != trace_kind::operation && r.kind != trace_kind::conflict &&
        r.kind != trace_kind::decision)
        return std::nullopt;
    for (std::size_t d : run.decisions)
        if (const decision_reason* reason = lost_reason(run.records[d], r.change);
            reason && reason->said.loser == r.change)
            return d;
    for (std::size_t d : run.decisions)
        if (lost_reason(run.records[d], r.change))
            return d;
    return std::nullopt;
}

QString write_by(const recorded_run& run, std::uint64_t change, std::size_t operation) {
    if (operation == none)
        return change_name(change);
    const trace_record& op = run.records[operation];
    return QString("%1 (%2's edit at %3)")
        .arg(change_name(change))
        .arg(QString::fromStdString(run.node_names.at(op.node)), seconds(op.at_ns));
}

QString sentence_for(const recorded_run& run, const lost_update& story,
                     const decision_reason& why) {
    const trace_record& d = run.records[story.decision];
    QString text = QString("%1 was lost at %2 at %3")
                       .arg(write_by(run, story.loser, story.loser_operation),
                            QString::fromStdString(run.node_names.at(d.node)), seconds(d.at_ns));
    if (!why.said.where.empty())
        text += QString(" (its write to %1)")
                    .arg(QString::fromStdString(state::format_path(why.said.where)));
    text += story.has_winner ? QString(": %1 stayed over it")
                                   .arg(write_by(run, story.winner, story.winner_operation))
                             : QString(": its place was gone");
    text +=
        QString(", because %1 (%2).")
            .arg(QString::fromStdString(why.said.compared), QString::fromStdString(why.said.rule));
    text += why.causality_violation
                ? " The losing write had already seen the one that stayed: a causality violation."
                : " Neither write had seen the other.";
    return text;
}

// The last message delivered to the writer of `operation` before it (none if none
// was). Messages are in send order, and one delivered before the write was sent
// before it.
std::size_t last_received_before(const recorded_run& run, std::size_t operation) {
    const std::uint32_t writer = run.records[operation].node;
    std::size_t found = none;
    for (std::size_t m = 0; m < run.messages.size() && run.messages[m].send_record < operation;
         ++m) {
        const recorded_message& msg = run.messages[m];
        if (msg.to == writer && msg.deliver_record < operation &&
            (found == none || msg.deliver_record > run.messages[found].deliver_record))
            found = m;
    }
    return found;
}

std::vector<std::size_t> messages_carrying(const recorded_run& run, std::uint64_t change,
                                           time_ns until) {
    std::vector<std::size_t> found;
    for (std::size_t m = 0; m < run.messages.size() && run.messages[m].sent_ns <= until; ++m)
        if (run.messages[m].change == change)
            found.push_back(m);
    return found;
}

} // namespace

std::optional<lost_update> lost_update_at(const recorded_run& run, std::size_t record) {
    if (record >= run.records.size())
        return std::nullopt;
    const std::optional<std::size_t> decision = losing_decision(run, record);
    if (!decision)
        return std::nullopt;
    const trace_record& d = run.records[*decision];
    const trace_record& r = run.records[record];
    const decision_reason* why =
        r.kind == trace_kind::decision ? lost_reason(d) : lost_reason(d, r.change);
    lost_update story;
    story.decision = *decision;
    story.loser = why->said.loser;
    story.has_winner = why->said.winner != strategies::no_rival;
    story.winner = story.has_winner ? why->said.winner : 0;
    story.loser_operation = run.operation_of(story.loser, *decision);
    if (story.has_winner)
        story.winner_operation = run.operation_of(story.winner, *decision);
    // What both had seen: the meet of the two writes' causal pasts.
    story.common_past_until.assign(run.node_names.size(), none);
    if (story.loser_operation != none && story.winner_operation != none) {
        const auto a = past_frontier(run, story.loser_operation);
        const auto b = past_frontier(run, story.winner_operation);
        for (std::size_t n = 0; n < a.size(); ++n)
            if (a[n] != none && b[n] != none)
                story.common_past_until[n] = std::min(a[n], b[n]);
    }
    for (std::size_t op : {story.loser_operation, story.winner_operation})
        if (op != none)
            if (const std::size_t m = last_received_before(run, op);
                m != none && (story.last_received.empty() || story.last_received[0] != m))
                story.last_received.push_back(m);
    story.loser_messages = messages_carrying(run, story.loser, d.at_ns);
    if (story.has_winner)
        story.winner_messages = messages_carrying(run, story.winner, d.at_ns);
    story.sentence = sentence_for(run, story, *why);
    return story;
}

} // namespace immersim::gui
