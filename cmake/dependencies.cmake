# Every dependency comes from Debian 12's packages (scripts/install-dependencies).
# A missing one fails the configuration with the package that provides it.

macro(immersim_require_package name debian_package)
  find_package(${name} ${ARGN})
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "${name} not found: install the Debian package ${debian_package} "
                        "(scripts/install-dependencies does it)")
  endif()
endmacro()

immersim_require_package(yaml-cpp libyaml-cpp-dev CONFIG)
immersim_require_package(fmt libfmt-dev CONFIG)
immersim_require_package(nlohmann_json nlohmann-json3-dev CONFIG)
immersim_require_package(CLI11 libcli11-dev CONFIG)
immersim_require_package(Boost libboost-graph-dev 1.74 CONFIG COMPONENTS graph)

if(IMMERSIM_BUILD_TESTS)
  immersim_require_package(GTest libgtest-dev CONFIG)
endif()
if(IMMERSIM_BUILD_BENCHMARKS)
  immersim_require_package(benchmark libbenchmark-dev CONFIG)
endif()
if(IMMERSIM_WITH_MPI)
  find_package(MPI COMPONENTS CXX)
  if(NOT MPI_FOUND)
    message(FATAL_ERROR "IMMERSIM_WITH_MPI=ON but MPI was not found: install libopenmpi-dev")
  endif()
endif()
if(IMMERSIM_WITH_GUI)
  find_package(Qt6 COMPONENTS Widgets Charts Svg)
  if(NOT Qt6_FOUND)
    message(FATAL_ERROR "IMMERSIM_WITH_GUI=ON but Qt 6 was not found: install qt6-base-dev, "
                        "qt6-charts-dev and libqt6svg6-dev")
  endif()
endif()
