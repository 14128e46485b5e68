// A value that runs on several worker threads read at once: a scenario's initial
// state and its workload's constants. State nodes count their references without
// atomics (that is what makes a copy O(1)), so copying such a value's handle on two
// threads at once would be a data race. This type makes that mistake impossible to
// write: it has no conversion to `value`. A run takes its own copy (`own_copy`),
// which shares no node with the original but keeps the sharing inside it, and the
// only other read, `is_null`, touches no count.
#pragma once

#include "immersim/state/produce.hpp"
#include "immersim/state/value.hpp"

namespace immersim::state {

class shared_value {
public:
    shared_value() = default;
    explicit shared_value(value v) : v_(std::move(v)) {}

    // Copying the wrapper copies the handle; like any object, a scenario is copied
    // only while one thread holds it (the loader), before runs share it.
    shared_value(const shared_value&) = default;
    shared_value& operator=(const shared_value&) = default;

    // A copy for the calling thread alone. O(distinct nodes).
    value own_copy() const { return copy_keeping_sharing(v_); }
    bool is_null() const { return v_.is_null(); }

private:
    value v_;
};

} // namespace immersim::state
