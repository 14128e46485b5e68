// A strategy that crosses the boundary on purpose: it includes the causality
// oracle and calls it. `strategy_boundary_catches_a_crossing` runs the boundary
// check on this file and its library, and passes only if the check reports both
// the header and the symbol, so the check itself cannot silently stop working.
#include "immersim/metrics/causality_oracle.hpp"

namespace immersim::boundary_fixture {

std::uint64_t peek_at_the_oracle() {
    const metrics::causality_oracle judge(2);
    return judge.summary().changes;
}

} // namespace immersim::boundary_fixture
