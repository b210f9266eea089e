# `cmake --install` into DESTDIR=DEST with prefix /usr, as a packager runs it: checks every file
# packaging/install.cmake states, then runs the installed govnet on the installed samples (the
# README's demo: init, import, centrality). Run with -DBUILD=... -DDEST=... -DMAN=ON|OFF.
file(REMOVE_RECURSE ${DEST})
set(ENV{DESTDIR} ${DEST})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix /usr RESULT_VARIABLE rc
                OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()

set(root ${DEST}/usr)
set(expected
    bin/govnet share/doc/govnet/README.md share/doc/govnet/docs/csv-format.md
    share/doc/govnet/docs/storage.md share/govnet/samples/README.md
    share/govnet/samples/migration-governance/actors.csv
    share/govnet/samples/migration-governance/instruments.csv
    share/govnet/samples/migration-governance/ties.csv
    share/govnet/samples/migration-governance/evidence.csv
    share/govnet/samples/mappings/ratifications.toml)
if(MAN)
  list(APPEND expected share/man/man1/govnet.1.gz)
endif()
foreach(f ${expected})
  if(NOT EXISTS ${root}/${f})
    message(FATAL_ERROR "not installed: /usr/${f}")
  endif()
endforeach()
if(MAN)
  file(SIZE ${root}/share/man/man1/govnet.1.gz man_size)
  if(man_size LESS 800)
    message(FATAL_ERROR "the manual page is only ${man_size} bytes")
  endif()
endif()
# Nothing outside /usr (a packager's DESTDIR holds the package's tree only).
file(GLOB top RELATIVE ${DEST} ${DEST}/*)
if(NOT top STREQUAL "usr")
  message(FATAL_ERROR "installed outside /usr: ${top}")
endif()

set(govnet ${root}/bin/govnet)
set(samples ${root}/share/govnet/samples/migration-governance)
set(db ${DEST}/demo.db)
execute_process(COMMAND ${govnet} --version OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^govnet [0-9.]+ \\(store schema")
  message(FATAL_ERROR "installed govnet --version: ${rc} ${out}")
endif()
foreach(step "init;--db;${db}"
             "import;--db;${db};--dataset;sample;${samples}/actors.csv;${samples}/instruments.csv;${samples}/ties.csv;${samples}/evidence.csv"
             "centrality;--db;${db};--measure;betweenness;--top;3;--format;csv")
  execute_process(COMMAND ${govnet} ${step} OUTPUT_VARIABLE out ERROR_VARIABLE err
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "installed govnet ${step}: exit ${rc}\n${out}${err}")
  endif()
endforeach()
string(REGEX MATCHALL "\n" lines "${out}")
list(LENGTH lines n)
if(NOT n EQUAL 4)
  message(FATAL_ERROR "centrality --top 3 --format csv gave ${n} lines:\n${out}")
endif()
