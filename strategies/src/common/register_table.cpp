#include "register_table.hpp"

namespace immersim::strategies {

namespace {

// Stored writes at `where`, at its prefixes and below it.
std::vector<std::map<state::path, register_entry>::iterator>
overlapping(std::map<state::path, register_entry>& entries, const state::path& where) {
    std::vector<std::map<state::path, register_entry>::iterator> found;
    state::path prefix;
    for (std::size_t k = 0; k < where.size(); ++k) {
        if (auto it = entries.find(prefix); it != entries.end())
            found.push_back(it);
        prefix.push_back(where[k]);
    }
    for (auto it = entries.lower_bound(where);
         it != entries.end() && state::is_prefix(where, it->first); ++it)
        found.push_back(it);
    return found;
}

} // namespace

bool write_place(state::value& doc, const state::patch& p) {
    state::patch as_register = p;
    if (p.op == state::patch_op::remove) {
        if (state::value_at(doc, p.where) == nullptr)
            return true;
    } else if (!p.where.empty()) {
        as_register.op = state::patch_op::add;
        const state::path parent(p.where.begin(), p.where.end() - 1);
        const state::value* container = state::value_at(doc, parent);
        if (container == nullptr || !container->is_map())
            return false;
    } else {
        doc = p.val;
        return true;
    }
    const state::patch single[] = {as_register};
    state::apply_result applied = state::apply_patches(doc, single);
    if (applied.error)
        return false;
    doc = std::move(applied.state);
    return true;
}

integrate_result integrate_registers(register_book& book, const state::value& current,
                                     const change& c, const integrate_context& ctx,
                                     const register_rule& beats,
                                     const register_explainer& explain) {
    integrate_result out{current, {}};
    const auto note = [&](const state::path& where, std::uint64_t winner, std::uint64_t loser,
                          const register_entry& stored) {
        if (ctx.explain) {
            register_verdict_text text = explain(c, stored);
            out.result.why.push_back(
                {where, winner, loser, std::move(text.compared), std::move(text.rule)});
        }
    };
    for (const state::patch& p : c.patches) {
        const auto stored = overlapping(book.entries, p.where);
        const register_entry* winner = nullptr;
        for (const auto& it : stored)
            if (it->second.change != c.id && !beats(c, it->second, ctx)) {
                winner = &it->second;
                break;
            }
        if (winner != nullptr) {
            out.result.lost_to.push_back(winner->change);
            note(p.where, winner->change, c.id, *winner);
            continue;
        }
        if (!write_place(out.next, p)) {
            out.result.lost_to.push_back(no_rival); // its place is gone: lost all the same
            if (ctx.explain)
                out.result.why.push_back({p.where, no_rival, c.id,
                                          "the map it writes into is gone or no longer a map",
                                          "a write to a place that no longer exists is lost"});
            continue;
        }
        ++out.result.applied;
        for (const auto& it : stored) {
            if (it->second.change != c.id) {
                out.result.replaced.push_back(it->second.change);
                note(it->first, c.id, it->second.change, it->second);
            }
            book.entries.erase(it);
        }
        book.entries[p.where] = {c.id, c.node, c.at, ctx.version + 1};
    }
    return out;
}

} // namespace immersim::strategies
