// "What if": a fault added at a moment of the run, or one of the scenario's faults
// taken away, as an edit of the scenario's text, so that the YAML shown is the
// scenario that runs next (deterministically: the same seed, one fault more or
// less). Text edits, not a re-emitted tree: comments and layout stay the author's.
#pragma once

#include "immersim/engine/time.hpp"

#include <QString>
#include <optional>

namespace immersim::gui {

enum class what_if_fault { crash, isolate };

// One line of the faults list: "{ at: 12.345s, crash: client-3, restart: 17.345s }".
QString fault_entry(what_if_fault kind, const QString& node, time_ns at, time_ns lasting);

// The text with `entry` added to its top-level `faults:` list (block or flow
// style), or a new list at the end when it has none.
QString add_fault(const QString& yaml, const QString& entry);

// The text without the `index`-th entry of its block-style `faults:` list; nothing
// when there is no such entry (or the list is written in flow style).
std::optional<QString> remove_fault(const QString& yaml, std::size_t index);

} // namespace immersim::gui
