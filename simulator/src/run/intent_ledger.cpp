#include "intent_ledger.hpp"

#include "immersim/state/patch.hpp"

#include <map>
#include <string>

namespace immersim::run_detail {

namespace {

std::int64_t counter_at(const state::value& doc, const state::path& where) {
    const state::value* v = state::value_at(doc, where);
    return v != nullptr && v->type() == state::value_type::integer ? v->as_int() : 0;
}

bool member_of(const state::value& doc, const state::path& where, const state::value& member) {
    const state::value* list = state::value_at(doc, where);
    if (list == nullptr || !list->is_list())
        return false;
    for (std::size_t i = 0; i < list->size(); ++i)
        if (list->at(i) == member)
            return true;
    return false;
}

} // namespace

std::uint64_t intent_ledger::issue(const workload::intent& what, time_ns now) {
    const std::uint64_t id = records_.size();
    records_.push_back({now, false, false});
    for (const workload::intent* a : workload::atoms_of(what)) {
        if (a->kind != workload::op_kind::increment && a->kind != workload::op_kind::add_member &&
            a->kind != workload::op_kind::remove_member)
            continue;
        const auto [it, added] =
            path_ids_.try_emplace(a->where, static_cast<std::uint32_t>(paths_.size()));
        if (added)
            paths_.push_back(a->where);
        ops_.push_back({id, it->second, a->kind, a->amount, a->val});
    }
    return id;
}

lost_intent intent_ledger::evaluate(const state::value& initial,
                                    const state::value& final_state) const {
    std::map<state::path, std::int64_t> expected_growth;
    std::map<std::pair<state::path, std::uint64_t>, std::pair<bool, state::value>> last_member_op;
    for (const counted_op& op : ops_) {
        const intent_record& r = records_[op.intent];
        if (!r.executed || r.aborted)
            continue;
        const state::path& where = paths_[op.where];
        if (op.kind == workload::op_kind::increment)
            expected_growth[where] += op.amount;
        else
            last_member_op[{where, op.member.hash()}] = {op.kind == workload::op_kind::add_member,
                                                         op.member};
    }
    lost_intent out;
    // Per counter, the distance between what the intents added up to and what the
    // counter did: a lost decrement leaves it too high, a lost increment too low, and
    // across counters the two must not cancel out.
    for (const auto& [where, growth] : expected_growth) {
        const std::int64_t actual = counter_at(final_state, where) - counter_at(initial, where);
        out.lost_increments += growth > actual ? growth - actual : actual - growth;
    }
    for (const auto& [key, last] : last_member_op) {
        const bool present = member_of(final_state, key.first, last.second);
        if (last.first && !present)
            ++out.lost_set_adds;
        if (!last.first && present)
            ++out.resurrected_removes;
    }
    return out;
}

} // namespace immersim::run_detail
