// Assertions for programmer errors. They stay on in every build type, because a
// simulator that silently continues past a broken invariant produces numbers that
// look plausible and are wrong. On failure they print what is needed to reproduce
// the run: seed, simulated time and event sequence number of the run in progress.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

namespace immersim {

// What the engine publishes about the run in progress on this thread, so that an
// assertion anywhere below it can say how to reproduce the failure.
struct run_context {
    std::uint64_t seed = 0;
    std::int64_t time_ns = 0;
    std::uint64_t event_seq = 0;
};

// Installs `context` as the current thread's run context until the guard dies.
class run_context_guard {
public:
    explicit run_context_guard(const run_context* context);
    ~run_context_guard();
    run_context_guard(const run_context_guard&) = delete;
    run_context_guard& operator=(const run_context_guard&) = delete;

private:
    const run_context* previous_;
};

[[noreturn]] void assertion_failed(const char* expression, const char* file, int line,
                                   const std::string& detail);

namespace detail {
// The failure paths are kept out of line and marked cold: a message built inline
// made every function that asserts save six registers and open a stack frame on
// its hot path (a third of an index lookup's instructions).
[[noreturn, gnu::cold, gnu::noinline]] void assertion_failed_plain(const char* expression,
                                                                   const char* file, int line);

template <typename T>
std::string assert_value_text(const T& value) {
    if constexpr (requires { std::to_string(value); }) {
        return std::to_string(value);
    } else if constexpr (requires { std::string(value); }) {
        return std::string(value);
    } else {
        return "<value>";
    }
}

// Numbers and pointers are passed by value, so that the hot path need not store
// them to memory to pass their address.
template <typename T>
using assert_arg = std::conditional_t<std::is_scalar_v<T>, T, const T&>;

template <typename L, typename R>
[[noreturn, gnu::cold, gnu::noinline]] void
assertion_failed_op(const char* expression, const char* file, int line, assert_arg<L> left,
                    assert_arg<R> right) {
    assertion_failed(expression, file, line,
                     "left = " + assert_value_text(left) + ", right = " + assert_value_text(right));
}
} // namespace detail

} // namespace immersim

#define IMMERSIM_ASSERT(condition)                                                                 \
    do {                                                                                           \
        if (!(condition)) [[unlikely]]                                                             \
            ::immersim::detail::assertion_failed_plain(#condition, __FILE__, __LINE__);            \
    } while (false)

// Prints both values on failure, in the manner of FoundationDB's ASSERT_EQ.
#define IMMERSIM_ASSERT_OP(left, op, right)                                                        \
    do {                                                                                           \
        const auto& immersim_left_ = (left);                                                       \
        const auto& immersim_right_ = (right);                                                     \
        if (!(immersim_left_ op immersim_right_)) [[unlikely]]                                     \
            ::immersim::detail::assertion_failed_op<                                               \
                std::remove_cvref_t<decltype(immersim_left_)>,                                     \
                std::remove_cvref_t<decltype(immersim_right_)>>(                                   \
                #left " " #op " " #right, __FILE__, __LINE__, immersim_left_, immersim_right_);    \
    } while (false)
