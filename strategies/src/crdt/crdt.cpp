// `crdt`: the baseline that converges by construction. Changes travel as
// operations and every replica integrates every operation exactly once, in any
// order, with the same result:
//   increment  a PN-counter: deltas add up, so no increment is lost;
//   set        an LWW register per place, ordered by (HLC timestamp, node);
//   add/remove an OR-set: each add is a unique tag, a remove deletes the tags its
//              origin had seen, so a concurrent add survives (add wins).
//   insert/remove_at  a sequence CRDT (RGA, sequence.hpp): an insert goes after
//              the element its origin saw before that index, a removal leaves a
//              tombstone, so concurrent inserts all survive, in one order.
// The visible list of a set holds the members with live tags, ordered by their
// oldest tag, so every replica shows the same list. A list path is a set or a
// sequence, not both (the scenario loader checks).
#include "crdt.hpp"

#include "../common/register_table.hpp"
#include "immersim/state/json.hpp"
#include "sequence.hpp"

#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

namespace immersim::strategies {

namespace {

constexpr std::uint64_t first_add_tag = std::uint64_t{1} << 32; // below: initial members

struct or_set {
    std::map<std::string, std::pair<state::value, std::set<std::uint64_t>>> members; // by JSON
    std::set<std::uint64_t> removed;
};

class crdt_book final : public replica_book {
public:
    explicit crdt_book(state::value initial) : initial_state(std::move(initial)) {}
    state::value initial_state;
    using register_key = std::tuple<time_ns, std::uint32_t, std::uint32_t>; // HLC, node
    struct register_state {
        register_key key;
        std::uint64_t change;
    };
    std::map<state::path, register_state> registers;
    std::map<state::path, or_set> sets;
    std::map<state::path, rga> sequences;

    rga& sequence_at(const state::path& where) {
        auto it = sequences.find(where);
        if (it == sequences.end())
            it = sequences.emplace(where, rga(state::value_at(initial_state, where))).first;
        return it->second;
    }

    or_set& set_at(const state::path& where) {
        auto [it, fresh] = sets.try_emplace(where);
        if (fresh) // the initial members, tagged by position: the same on every replica
            if (const state::value* list = state::value_at(initial_state, where);
                list != nullptr && list->is_list())
                for (std::size_t i = 0; i < list->size(); ++i) {
                    auto& member = it->second.members[state::to_json(list->at(i))];
                    member.first = list->at(i);
                    member.second.insert(i);
                }
        return it->second;
    }
};

state::value visible_list(const or_set& s) {
    std::vector<std::pair<std::uint64_t, const state::value*>> live;
    for (const auto& [json, entry] : s.members)
        if (!entry.second.empty())
            live.emplace_back(*entry.second.begin(), &entry.first);
    std::sort(live.begin(), live.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<state::value> items;
    items.reserve(live.size());
    for (const auto& [tag, member] : live)
        items.push_back(*member);
    return state::value::list_of(items);
}

class crdt final : public strategy {
public:
    bool op_based() const override { return true; }
    std::unique_ptr<replica_book> new_book(const state::value& initial) const override {
        return std::make_unique<crdt_book>(initial);
    }

    // Per register its HLC timestamp (12) and node (4); per OR-set tag 8 bytes,
    // for the live tags and for the tombstones of removed ones; per sequence
    // element its id, 8 bytes, live or a tombstone.
    std::uint64_t metadata_bytes(const replica_book& book) const override {
        const auto& b = static_cast<const crdt_book&>(book);
        std::uint64_t tags = 0;
        for (const auto& [where, set] : b.sets) {
            tags += set.removed.size();
            for (const auto& [json, member] : set.members)
                tags += member.second.size();
        }
        for (const auto& [where, seq] : b.sequences)
            tags += seq.kept();
        return 16 * b.registers.size() + 8 * tags;
    }

    // What each remove in the change observed, and where each sequence edit
    // lands, at its origin, before it travels.
    void prepare_local(replica_book& book, change& c) const override {
        auto& b = static_cast<crdt_book&>(book);
        std::map<state::path, rga> scratch; // a transaction's edits see its earlier ones
        const auto atoms = workload::atoms_of(c.what);
        for (std::size_t part = 0; part < atoms.size(); ++part) {
            const workload::intent& a = *atoms[part];
            if (a.kind == workload::op_kind::insert || a.kind == workload::op_kind::remove_at) {
                auto it = scratch.try_emplace(a.where, b.sequence_at(a.where)).first;
                c.anchors.push_back(sequence_anchor(it->second, c, a, part));
                continue;
            }
            c.anchors.push_back(rga::head);
            if (a.kind != workload::op_kind::remove_member)
                continue;
            or_set& s = b.set_at(a.where);
            if (auto it = s.members.find(state::to_json(a.val)); it != s.members.end())
                c.removed_tags.insert(c.removed_tags.end(), it->second.second.begin(),
                                      it->second.second.end());
        }
    }

    integrate_result integrate(replica_book& book, const state::value& current, const change& c,
                               const integrate_context& ctx) override {
        auto& b = static_cast<crdt_book&>(book);
        integrate_result out{current, {}};
        const auto atoms = workload::atoms_of(c.what);
        for (std::size_t part = 0; part < atoms.size(); ++part) {
            const workload::intent& a = *atoms[part];
            bool written = false;
            switch (a.kind) {
            case workload::op_kind::increment: written = add_delta(out.next, a); break;
            case workload::op_kind::set:
                written = set_register(b, out, c, a, ctx.explain);
                break;
            case workload::op_kind::add_member:
            case workload::op_kind::remove_member: written = edit_set(b, out.next, c, a, part); break;
            case workload::op_kind::insert:
            case workload::op_kind::remove_at:
                written = edit_sequence(b, out.next, c, a, part);
                break;
            default: break;
            }
            if (written)
                ++out.result.applied;
        }
        return out;
    }

private:
    static bool add_delta(state::value& doc, const workload::intent& a) {
        const state::value* old = state::value_at(doc, a.where);
        const std::int64_t base =
            old != nullptr && old->type() == state::value_type::integer ? old->as_int() : 0;
        return write_place(doc, {state::patch_op::add, a.where, base + a.amount});
    }

    // The larger (HLC, node) key wins, in any order of arrival.
    static bool set_register(crdt_book& b, integrate_result& out, const change& c,
                             const workload::intent& a, bool explain) {
        const state::value* wanted = state::value_at(c.after, a.where);
        if (wanted == nullptr)
            return false;
        const crdt_book::register_key key{c.at.hlc.wall, c.at.hlc.logical, c.node};
        auto [it, fresh] = b.registers.try_emplace(a.where, crdt_book::register_state{key, c.id});
        if (!fresh) {
            const std::uint64_t stored = it->second.change;
            const bool loses = key < it->second.key;
            if (explain)
                out.result.why.push_back(register_verdict(a.where, c, key, it->second, loses));
            if (loses) {
                out.result.lost_to.push_back(stored);
                return false;
            }
            out.result.replaced.push_back(stored);
            it->second = {key, c.id};
        }
        return write_place(out.next, {state::patch_op::add, a.where, *wanted});
    }

    static decision_record register_verdict(const state::path& where, const change& c,
                                            const crdt_book::register_key& key,
                                            const crdt_book::register_state& stored, bool loses) {
        const auto text = [](const crdt_book::register_key& k) {
            return fmt::format("HLC {:.6f} s+{} (node {})",
                               static_cast<double>(std::get<0>(k)) / 1e9, std::get<1>(k),
                               std::get<2>(k));
        };
        return {where, loses ? stored.change : c.id, loses ? c.id : stored.change,
                fmt::format("change {} at {} against change {} at {}", c.id, text(key),
                            stored.change, text(stored.key)),
                "crdt, LWW register: the larger (HLC timestamp, node) stays, in any order of "
                "arrival"};
    }

    static std::uint64_t element_id(const change& c, std::size_t part) {
        return first_add_tag + c.id * 64 + part;
    }

    // Where the edit lands in the origin's sequence `seq`, which it then applies
    // to: the anchor of an insert, the element a removal removes (head: none, the
    // list was empty).
    static std::uint64_t sequence_anchor(rga& seq, const change& c, const workload::intent& a,
                                         std::size_t part) {
        const std::size_t size = seq.visible_size();
        if (a.kind == workload::op_kind::insert) {
            const std::uint64_t anchor = seq.anchor_for(a.position % (size + 1));
            seq.insert(element_id(c, part), anchor, a.val);
            return anchor;
        }
        if (size == 0)
            return rga::head;
        const std::uint64_t removed = seq.id_at(a.position % size);
        seq.remove(removed);
        return removed;
    }

    static bool edit_sequence(crdt_book& b, state::value& doc, const change& c,
                              const workload::intent& a, std::size_t part) {
        rga& seq = b.sequence_at(a.where);
        const std::uint64_t anchor = c.anchors.at(part);
        if (a.kind == workload::op_kind::insert)
            seq.insert(element_id(c, part), anchor, a.val);
        else if (anchor != rga::head)
            seq.remove(anchor);
        return write_place(doc, {state::patch_op::add, a.where, seq.visible()});
    }

    // Each add gets its own tag: the change and the part within it.
    static bool edit_set(crdt_book& b, state::value& doc, const change& c,
                         const workload::intent& a, std::size_t part) {
        or_set& s = b.set_at(a.where);
        auto& entry = s.members[state::to_json(a.val)];
        entry.first = a.val;
        const std::uint64_t tag = element_id(c, part);
        if (a.kind == workload::op_kind::add_member) {
            if (!s.removed.contains(tag))
                entry.second.insert(tag);
        } else {
            for (std::uint64_t seen : c.removed_tags) {
                s.removed.insert(seen);
                entry.second.erase(seen);
            }
        }
        return write_place(doc, {state::patch_op::add, a.where, visible_list(s)});
    }
};

} // namespace

std::unique_ptr<strategy> make_crdt() { return std::make_unique<crdt>(); }

} // namespace immersim::strategies
