// The worked example of docs/extending.md: a strategy added from outside the
// project. `drop-every`: the authority discards every n-th change that reaches it
// (a flaky server, for a lesson on what lost writes look like) and applies the
// others. It uses only the public headers, as a program that links immersim would.
#pragma once

#include "immersim/state/patch.hpp"
#include "immersim/strategies/registry.hpp"

#include <memory>

namespace immersim::examples {

class drop_every final : public strategies::strategy {
public:
    explicit drop_every(std::int64_t every) : every_(every) {}

    struct arrivals final : strategies::replica_book {
        std::int64_t count = 0;
    };
    std::unique_ptr<strategies::replica_book> new_book(const state::value&) const override {
        return std::make_unique<arrivals>();
    }

    strategies::integrate_result integrate(strategies::replica_book& book,
                                           const state::value& current, const strategies::change& c,
                                           const strategies::integrate_context&) override {
        strategies::integrate_result out{current, {}};
        const bool dropped = ++static_cast<arrivals&>(book).count % every_ == 0;
        state::apply_result applied = state::apply_patches(current, c.patches);
        if (dropped || applied.error) { // lost to no rival write: the server's doing
            out.result.lost_to.assign(c.patches.size(), strategies::no_rival);
            return out;
        }
        out.next = std::move(applied.state);
        out.result.applied = static_cast<std::uint32_t>(c.patches.size());
        return out;
    }

private:
    std::int64_t every_;
};

// The one registration call: name, description, what it needs, its options.
inline void register_drop_every() {
    strategy_descriptor d;
    d.name = "drop-every";
    d.description = "the authority discards every n-th change that reaches it";
    d.needs_authority = true;
    d.options.push_back(
        {"every", option_spec::type::whole, "discard every n-th change", {}, 1, 1000, ""});
    strategies::register_strategy(d, [](const strategy_config& config) {
        return std::make_unique<drop_every>(strategies::whole_option(config, "every"));
    });
}

} // namespace immersim::examples
