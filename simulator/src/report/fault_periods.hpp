// The scheduled faults of a scenario as periods of simulated time, for outputs
// that shade them (summary.json's points[].faults, and `immersim plot` from it).
#pragma once

#include "immersim/scenario/scenario.hpp"

#include <nlohmann/json.hpp>

namespace immersim::report {

// One entry per fault that lasts (partition, isolate, one-way cut, crash,
// degrade): its kind, the nodes it names, when it starts, and when it ends: its
// own heal or restart time, else the next fault that ends it (heal, restart,
// restore), else null (it lasts to the end of the run). Times in milliseconds.
nlohmann::ordered_json fault_periods(const scenario& s);

} // namespace immersim::report
