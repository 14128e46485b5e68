# The boundary between what decides (the strategies, and the replicas and
# replication protocols that carry their decisions) and the instruments that
# measure it. A strategy or a protocol decides with what a real replica has; the
# causality oracle and the metrics watch from outside. Run as a test (`cmake -P`),
# this fails when
#   - a file's text names the oracle,
#   - a source includes, even through another header, a header of the metrics or
#     of the run layer, or a private header of the simulator other than those
#     ALLOWED (the compiler lists every header it reads), or
#   - the library needs a symbol of the metrics or the run layer.
#
# Variables: LAYER (what is checked, for messages), CXX (the compiler), INCLUDES
# (include folders, separated by '|'), SOURCES (the files to check, separated by
# '|'), ALLOWED (a regular expression of private headers the files may read, or
# empty), LIBRARY (the built library, or empty), NM (the nm tool, when LIBRARY is
# given).

string(REPLACE "|" ";" includes "${INCLUDES}")
string(REPLACE "|" ";" sources "${SOURCES}")
set(include_flags "")
foreach(dir IN LISTS includes)
  list(APPEND include_flags "-I${dir}")
endforeach()

set(crossings "")

foreach(file IN LISTS sources)
  file(STRINGS "${file}" lines)
  set(line_number 0)
  foreach(line IN LISTS lines)
    math(EXPR line_number "${line_number} + 1")
    if(line MATCHES "[Oo][Rr][Aa][Cc][Ll][Ee]")
      string(APPEND crossings "${file}:${line_number}: names the oracle\n")
    endif()
  endforeach()

  if(file MATCHES "\\.cpp$")
    execute_process(
      COMMAND "${CXX}" -std=c++20 -MM ${include_flags} "${file}"
      OUTPUT_VARIABLE headers ERROR_VARIABLE failure RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      string(APPEND crossings "${file}: the compiler could not list its headers: ${failure}\n")
    endif()
    string(REGEX MATCHALL "[^ \t\n\\\\]*immersim/(metrics|run)/[^ \t\n\\\\]*" forbidden "${headers}")
    string(REGEX MATCHALL "[^ \t\n\\\\]*simulator/src/[^ \t\n\\\\]*" private_headers "${headers}")
    if(ALLOWED)
      list(FILTER private_headers EXCLUDE REGEX "${ALLOWED}")
    endif()
    foreach(header IN LISTS forbidden private_headers)
      string(APPEND crossings "${file}: reads ${header}\n")
    endforeach()
  endif()
endforeach()

if(LIBRARY)
  execute_process(COMMAND "${NM}" -C --undefined-only "${LIBRARY}"
                  OUTPUT_VARIABLE symbols RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NM} could not read ${LIBRARY}")
  endif()
  string(REGEX MATCHALL "[^\n]*immersim::(metrics|run_detail)::[^\n]*" needed "${symbols}")
  foreach(symbol IN LISTS needed)
    string(STRIP "${symbol}" symbol)
    string(APPEND crossings "${LIBRARY}: needs ${symbol}\n")
  endforeach()
endif()

if(crossings)
  message(FATAL_ERROR "${LAYER} must not see the oracle, the metrics or the run layer:\n"
                      "${crossings}")
endif()
list(LENGTH sources checked)
message(STATUS "the boundary of ${LAYER} holds for ${checked} files")
