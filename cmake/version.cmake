# Generates runner_version: the project version and the git commit, refreshed at every build
# so that a run records the commit it was built from, not the one present at configure time.
set(RUNNER_VERSION_CPP ${CMAKE_CURRENT_BINARY_DIR}/generated/version.cpp)
add_custom_target(runner_version_stamp
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR} -DOUTPUT=${RUNNER_VERSION_CPP}
          -DRUNNER_VERSION=${PROJECT_VERSION} -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/write_version.cmake
  BYPRODUCTS ${RUNNER_VERSION_CPP}
  COMMENT "Stamping the git commit")
add_library(runner_version STATIC ${RUNNER_VERSION_CPP})
add_dependencies(runner_version runner_version_stamp)
target_include_directories(runner_version PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
