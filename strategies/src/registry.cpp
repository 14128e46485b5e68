// Strategies by name: the one place that knows every built-in kind, and the table
// of the strategies programs registered.
#include "immersim/strategies/registry.hpp"

#include "crdt/crdt.hpp"
#include "immersim/support/assert.hpp"
#include "merge/merge_strategy.hpp"
#include "mv_register/mv_register.hpp"
#include "none/blind_overwrite.hpp"
#include "occ/occ.hpp"
#include "resolver/resolver.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>

namespace immersim::strategies {

namespace {

std::mutex factories_mutex;

std::map<std::string, strategy_factory>& factories() {
    static std::map<std::string, strategy_factory> registered;
    return registered;
}

std::unique_ptr<strategy> make_registered(const strategy_config& config) {
    strategy_factory make;
    {
        std::lock_guard lock(factories_mutex);
        const auto it = factories().find(config.registered);
        IMMERSIM_ASSERT(it != factories().end()); // the loader accepts only known names
        make = it->second;
    }
    return make(config);
}

} // namespace

namespace {

// A default is read like a value in the file; one its own schema refuses is the
// program's mistake, found when it registers, not a scenario's.
void check_default(const strategy_descriptor& d, const option_spec& o) {
    if (o.default_value.empty())
        return;
    using type = option_spec::type;
    bool ok = true;
    if (o.kind == type::choice)
        ok = std::find(o.choices.begin(), o.choices.end(), o.default_value) != o.choices.end();
    else if (o.kind == type::flag)
        ok = o.default_value == "true" || o.default_value == "false";
    else if (o.kind == type::whole || o.kind == type::number) {
        char* end = nullptr;
        const double v = std::strtod(o.default_value.c_str(), &end);
        ok = *end == '\0' && v >= o.min && v <= o.max;
    }
    if (!ok)
        throw std::invalid_argument("strategy '" + d.name + "': the default '" + o.default_value +
                                    "' of option '" + o.key + "' does not fit its own schema");
}

} // namespace

void register_strategy(strategy_descriptor descriptor, strategy_factory make) {
    if (descriptor.name.empty() || parse_in(strategy_kind_table(), descriptor.name))
        throw std::invalid_argument("a registered strategy needs a name that no built-in has: '" +
                                    descriptor.name + "'");
    for (const option_spec& o : descriptor.options)
        check_default(descriptor, o);
    {
        std::lock_guard lock(factories_mutex);
        factories()[descriptor.name] = std::move(make);
    }
    add_known_strategy(std::move(descriptor));
}

namespace {

// Strategies that come in through the same door as a program's own: one line each.
// Run at start-up, before any scenario is loaded (this file is linked wherever
// strategies are built).
const bool registered_at_start = [] {
    register_strategy(mv_register_descriptor(), make_mv_register);
    return true;
}();

} // namespace

std::string option_text(const strategy_config& config, const std::string& key) {
    const auto it = config.options.find(key);
    if (it == config.options.end())
        throw std::invalid_argument("strategy '" + config.registered + "' has no option '" + key +
                                    "': declare it in its strategy_descriptor");
    return it->second;
}

std::int64_t whole_option(const strategy_config& config, const std::string& key) {
    return std::stoll(option_text(config, key));
}

double number_option(const strategy_config& config, const std::string& key) {
    return std::stod(option_text(config, key));
}

time_ns duration_option(const strategy_config& config, const std::string& key) {
    return std::stoll(option_text(config, key));
}

bool flag_option(const strategy_config& config, const std::string& key) {
    return option_text(config, key) == "true";
}

std::unique_ptr<strategy> make_strategy(const strategy_config& config,
                                        const merge_registry& merge_functions) {
    switch (config.kind) {
    case strategy_kind::none: return make_blind_overwrite();
    case strategy_kind::merge: return make_merge(config, merge_functions);
    case strategy_kind::resolver: return make_resolver(config);
    case strategy_kind::occ: return make_occ(config);
    case strategy_kind::crdt: return make_crdt();
    case strategy_kind::registered:
        return make_registered(config);
    }
    return make_blind_overwrite();
}

} // namespace immersim::strategies
