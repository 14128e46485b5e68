// "What if": a fault added at a moment of the run, or one of the scenario's faults
// taken away, as an edit of the scenario's text, so that the YAML shown is the
// scenario that runs next (deterministically: the same seed, one fault more or
// less). Text edits, not a re-emitted tree: comments and layout stay the author's.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/scenario/scenario.hpp"

#include <QString>
#include <QStringList>
#include <optional>

namespace immersim::gui {

enum class what_if_fault { crash, isolate };

// A moment as a fault added at the cursor writes it, to the millisecond (what a
// click can aim at): "12.345s".
QString seconds(time_ns t);

// One line of the faults list: "{ at: 12.345s, crash: client-3, restart: 17.345s }".
QString fault_entry(what_if_fault kind, const QString& node, time_ns at, time_ns lasting);
// The same with the moments written as given (exact ones, for a fault written out).
QString fault_entry(what_if_fault kind, const QString& node, const QString& at,
                    const QString& until);

// A partition in two, the `side` against everything else: "{ at: 12.345s,
// partition: [[client-0..4], [server-0, client-5..9]], heal: 17.345s }".
QString partition_entry(const QStringList& side, const QStringList& rest, const QString& at,
                        const QString& heal);

// The text with `entry` added to its top-level `faults:` list (block or flow
// style), or a new list at the end when it has none.
QString add_fault(const QString& yaml, const QString& entry);

// The text without the `index`-th entry of its block-style `faults:` list; nothing
// when there is no such entry (or the list is written in flow style).
std::optional<QString> remove_fault(const QString& yaml, std::size_t index);

// Node names as a scenario's faults write them, runs of one prefix with
// consecutive numbers shortened: {client-0, client-1, client-2, server-0} reads
// "client-0..2, server-0".
QStringList shortened(const std::vector<std::string>& names);

// The text with its `nemesis:` section replaced by the faults the nemesis drew in
// the run of `seed`, written out in `faults:` with exact times, except the one
// that strikes at `without_at` when given: that run again without that fault, and
// otherwise the same. Nothing when the scenario has no nemesis or no fault of the
// nemesis strikes at `without_at`.
std::optional<QString> write_out_nemesis(const QString& yaml, const scenario& world,
                                         std::uint64_t seed,
                                         std::optional<time_ns> without_at = std::nullopt);

} // namespace immersim::gui
