// Where two strategies' runs of the same seed part ways. With common random
// numbers the users' edits come at the same times from the same nodes; the runs
// differ by the strategies' decisions, and after them by what the edits find. So
// a difference is a decision: one run decided an edit at a node otherwise than the
// other did, or did not decide it there at all (edits are matched by node and
// time, not by change id).
#pragma once

#include "recorded_run.hpp"

#include <cstddef>
#include <vector>

namespace immersim::gui {

// The decisions of `a` (indices into a.records) that `b` did not take alike: no
// decision on the same edit at the same node, or one with another outcome or
// another winner.
std::vector<std::size_t> decisions_not_in(const recorded_run& a, const recorded_run& b);

} // namespace immersim::gui
