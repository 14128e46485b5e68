#include "immersim/support/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace immersim {

namespace {
thread_local const run_context* current_context = nullptr;
}

run_context_guard::run_context_guard(const run_context* context) : previous_(current_context) {
    current_context = context;
}

run_context_guard::~run_context_guard() { current_context = previous_; }

void assertion_failed(const char* expression, const char* file, int line,
                      const std::string& detail) {
    std::fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expression);
    if (!detail.empty())
        std::fprintf(stderr, "  %s\n", detail.c_str());
    if (current_context != nullptr) {
        std::fprintf(stderr,
                     "  run: seed %llu, simulated time %lld ns, event #%llu\n"
                     "  reproduce: immersim run <scenario> --seed %llu\n",
                     static_cast<unsigned long long>(current_context->seed),
                     static_cast<long long>(current_context->time_ns),
                     static_cast<unsigned long long>(current_context->event_seq),
                     static_cast<unsigned long long>(current_context->seed));
    }
    std::fflush(stderr);
    std::abort();
}

void detail::assertion_failed_plain(const char* expression, const char* file, int line) {
    assertion_failed(expression, file, line, {});
}

} // namespace immersim
