// Assertions for programmer errors. They stay on in every build type, because a
// simulator that silently continues past a broken invariant produces numbers that
// look plausible and are wrong. On failure they print what is needed to reproduce
// the run: seed, simulated time and event sequence number of the run in progress.
#pragma once

#include <cstdint>
#include <string>

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
} // namespace detail

} // namespace immersim

#define IMMERSIM_ASSERT(condition)                                                               \
    do {                                                                                         \
        if (!(condition)) [[unlikely]]                                                           \
            ::immersim::assertion_failed(#condition, __FILE__, __LINE__, {});                    \
    } while (false)

// Prints both values on failure, in the manner of FoundationDB's ASSERT_EQ.
#define IMMERSIM_ASSERT_OP(left, op, right)                                                      \
    do {                                                                                         \
        const auto& immersim_left_ = (left);                                                     \
        const auto& immersim_right_ = (right);                                                   \
        if (!(immersim_left_ op immersim_right_)) [[unlikely]]                                   \
            ::immersim::assertion_failed(                                                        \
                #left " " #op " " #right, __FILE__, __LINE__,                                    \
                "left = " + ::immersim::detail::assert_value_text(immersim_left_) +              \
                    ", right = " + ::immersim::detail::assert_value_text(immersim_right_));      \
    } while (false)
