# `cmake --install`: the programs, the libraries with their public headers, the
# shipped scenarios, and a CMake package so that another project can write
#   find_package(immersim REQUIRED)
#   target_link_libraries(app PRIVATE immersim::run)   # or immersim::strategies
# and register its own merge functions and strategies (docs/extending.md).
include(CMakePackageConfigHelpers)

set(IMMERSIM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/immersim)

# Exported as immersim::simulator, ::strategies, ::replica and ::run: the names the
# build tree already uses, through ALIAS targets.
foreach(part simulator strategies replica run)
  set_target_properties(immersim_${part} PROPERTIES EXPORT_NAME ${part})
endforeach()
set_target_properties(immersim_build_flags PROPERTIES EXPORT_NAME build_flags)
set_target_properties(immersim_sanitizers PROPERTIES EXPORT_NAME sanitizers)

install(TARGETS immersim_simulator immersim_strategies immersim_replica immersim_run
                immersim_build_flags immersim_sanitizers
        EXPORT immersimTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY simulator/include/immersim strategies/include/immersim
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/simulator/include/immersim/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/immersim)

install(EXPORT immersimTargets NAMESPACE immersim:: DESTINATION ${IMMERSIM_INSTALL_CMAKEDIR})
configure_package_config_file(cmake/immersimConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/immersimConfig.cmake
                              INSTALL_DESTINATION ${IMMERSIM_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/immersimConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/immersimConfig.cmake
              ${PROJECT_BINARY_DIR}/immersimConfigVersion.cmake
        DESTINATION ${IMMERSIM_INSTALL_CMAKEDIR})

install(TARGETS immersim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(IMMERSIM_BUILD_GUI)
  install(TARGETS immersim-gui RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# The GUI looks for its scenarios and lessons here, relative to its own folder.
install(DIRECTORY scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/immersim/scenarios)
