// `none`: the baseline with no conflict handling at all. Every write is applied
// as it arrives, so the last arrival wins and concurrent writes (and increments
// computed on stale values) are silently lost: the failure the other strategies
// exist to prevent.
#include "blind_overwrite.hpp"

#include "../common/register_table.hpp"

namespace immersim::strategies {

namespace {

class blind_overwrite final : public strategy {
public:
    std::unique_ptr<replica_book> new_book(const state::value&) const override {
        return std::make_unique<register_book>();
    }
    integrate_result integrate(replica_book& book, const state::value& current, const change& c,
                               const integrate_context& ctx) override {
        return integrate_registers(
            static_cast<register_book&>(book), current, c, ctx,
            [](const change&, const register_entry&, const integrate_context&) { return true; },
            [](const change& arriving, const register_entry& stored) {
                return register_verdict_text{
                    "change " + std::to_string(arriving.id) + " arrived after change " +
                        std::to_string(stored.change),
                    "none: every write is applied as it arrives, so the last arrival stays"};
            });
    }
};

} // namespace

std::unique_ptr<strategy> make_blind_overwrite() { return std::make_unique<blind_overwrite>(); }

} // namespace immersim::strategies
