// produce(base, recipe): the way Immer users edit immutable state. The recipe
// receives a draft it may read and mutate like an ordinary document; produce
// returns the next state, which shares every untouched subtree with `base`, plus
// the patches that describe the change and the inverse patches that undo it.
//
//     auto [next, patches, inverse] = produce(state, [](draft& d) {
//         d["todos"]["42"]["done"] = true;
//         d["counter"] = d["counter"].as_int() + 1;
//     });
//
// A recipe that changes nothing returns `base` itself (the same root) and no
// patches. Cost: O(size of the change × depth), plus O(n) for each list the recipe
// edits (lists are flat arrays, see value.hpp).
#pragma once

#include "immersim/state/patch.hpp"
#include "immersim/state/value.hpp"

#include <cstddef>
#include <memory>
#include <string_view>

namespace immersim::state {

namespace detail {
struct draft_node;
struct draft_arena;
} // namespace detail

// A place in the document being edited. Copies refer to the same place. Reading
// a key that does not exist gives a draft whose value is null and `exists()` false;
// assigning to it creates the key. Misuse (a key into a list, an index out of range,
// a list operation on a map) is a programmer error and aborts with the path.
class draft {
public:
    draft operator[](std::string_view key) const;
    draft operator[](std::size_t index) const;

    const draft& operator=(value v) const; // replaces the value at this place
    // Deleted: `a = b` between drafts could mean "rebind" or "copy the value"; write
    // `a = b.get()` for the latter.
    draft& operator=(const draft&) = delete;

    value get() const; // the value at this place as the recipe has made it so far
    bool exists() const;
    std::int64_t as_int() const { return get().as_int(); }
    double as_double() const { return get().as_double(); }
    bool as_bool() const { return get().as_bool(); }
    std::string as_string() const { return std::string(get().as_string()); }
    std::size_t size() const;
    bool contains(std::string_view key) const;

    void erase(std::string_view key) const;    // map: remove the key (absent: no change)
    void erase(std::size_t index) const;       // list: remove and shift down
    void push_back(value v) const;             // list: append
    void insert(std::size_t index, value v) const; // list: insert before index (== size appends)

    draft(const draft&) = default;

private:
    friend class draft_session;
    explicit draft(detail::draft_node* node) : node_(node) {}
    detail::draft_node* node_;
};

struct produce_options {
    // With sharing off, the result is deep-copied: no node is shared with the base.
    // It exists so that the memory saved by structural sharing can be measured for
    // real, side by side, rather than only computed.
    bool structural_sharing = true;
    bool with_patches = true; // off skips computing patches and inverse patches
};

struct produce_result {
    value state;
    patch_list patches;
    patch_list inverse_patches;
};

// Owns the draft tree of one produce call.
class draft_session {
public:
    explicit draft_session(const value& base);
    ~draft_session();
    draft_session(const draft_session&) = delete;
    draft_session& operator=(const draft_session&) = delete;

    draft root() const { return draft(root_); }
    produce_result finish(const produce_options& options);

    // The arena lives here, on the caller's stack: small recipes allocate no draft.
    static constexpr std::size_t arena_bytes = 704;

private:
    value base_;
    alignas(16) std::byte arena_storage_[arena_bytes];
    detail::draft_arena* arena_;
    detail::draft_node* root_;
};

template <typename Recipe>
produce_result produce(const value& base, Recipe&& recipe, const produce_options& options = {}) {
    draft_session session(base);
    draft root = session.root();
    recipe(root);
    return session.finish(options);
}

// A copy of `v` that shares no node with anything: every string, map and list is
// allocated anew. O(size of v).
value deep_copy(const value& v);

// A copy of `v` that shares no node with `v`, but keeps the sharing inside it: a
// node reachable twice in `v` is copied once and reached twice in the copy. For
// handing a value to another thread (reference counts are not atomic), without
// losing the structural sharing it was built with. O(distinct nodes of v).
value copy_keeping_sharing(const value& v);

} // namespace immersim::state
