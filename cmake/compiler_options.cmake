# Interface targets for warnings and sanitizers, linked by every immersim target,
# so that flags follow targets instead of being set globally.

add_library(immersim_warnings INTERFACE)
target_compile_options(immersim_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                   -Wconversion-null -Wnon-virtual-dtor)
if(IMMERSIM_WARNINGS_AS_ERRORS)
  target_compile_options(immersim_warnings INTERFACE -Werror)
endif()

# Determinism: the same source must compute the same bits on every machine. Fused
# multiply-add contraction would let the compiler round differently per target.
add_library(immersim_determinism INTERFACE)
target_compile_options(immersim_determinism INTERFACE -ffp-contract=off)

add_library(immersim_sanitizers INTERFACE)
if(IMMERSIM_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IMMERSIM_BUILD_FUZZERS needs clang (libFuzzer): configure with "
                        "CMAKE_CXX_COMPILER=clang++-14, as the `fuzz` preset does")
  endif()
  # Coverage instrumentation in every library; the fuzz targets link libFuzzer itself.
  target_compile_options(immersim_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
  set(IMMERSIM_SANITIZE ON)
endif()
if(IMMERSIM_SANITIZE)
  set(_immersim_sanitize_flags -fsanitize=address,undefined -fno-omit-frame-pointer
                               -fno-sanitize-recover=undefined)
  target_compile_options(immersim_sanitizers INTERFACE ${_immersim_sanitize_flags})
  target_link_options(immersim_sanitizers INTERFACE ${_immersim_sanitize_flags})
  # Tells pooling allocators to step aside so the sanitizer sees every block.
  target_compile_definitions(immersim_sanitizers INTERFACE IMMERSIM_SANITIZE)
endif()

# Warnings and the determinism flag govern how immersim's own sources compile, so
# they stay in the build tree; the sanitizers also travel with the installed
# libraries, because a program linking sanitized code must link the runtimes.
add_library(immersim_build_flags INTERFACE)
target_link_libraries(immersim_build_flags INTERFACE $<BUILD_INTERFACE:immersim_warnings>
                                                     $<BUILD_INTERFACE:immersim_determinism>
                                                     immersim_sanitizers)
