// Strategies by name: the one place that knows every kind.
#include "crdt/crdt.hpp"
#include "merge/merge_strategy.hpp"
#include "none/blind_overwrite.hpp"
#include "occ/occ.hpp"
#include "resolver/resolver.hpp"

namespace immersim::strategies {

std::unique_ptr<strategy> make_strategy(const strategy_config& config,
                                        const merge_registry& merge_functions) {
    switch (config.kind) {
    case strategy_kind::none: return make_blind_overwrite();
    case strategy_kind::merge: return make_merge(config, merge_functions);
    case strategy_kind::resolver: return make_resolver(config);
    case strategy_kind::occ: return make_occ(config);
    case strategy_kind::crdt: return make_crdt();
    }
    return make_blind_overwrite();
}

} // namespace immersim::strategies
