# Writes OUT, a help2man include file whose COMMANDS section holds `govnet COMMAND --help` for
# every command `govnet --help` lists, so `man govnet` documents each command's options.
# Run with -DGOVNET=path/to/govnet -DOUT=file.
execute_process(COMMAND ${GOVNET} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${GOVNET} --help failed: ${rc}")
endif()
string(REGEX REPLACE ".*\nSubcommands:\n" "" listed "${help}")
string(REGEX MATCHALL "\n  [a-z][a-z-]*" names "\n${listed}")
set(text "[COMMANDS]\n")
foreach(name ${names})
  string(STRIP "${name}" name)
  execute_process(COMMAND ${GOVNET} ${name} --help OUTPUT_VARIABLE sub)
  # roff: a leading dot or quote would start a request; backslashes are escapes.
  string(REPLACE "\\" "\\e" sub "${sub}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" sub "\n${sub}")
  string(APPEND text ".SS ${name}\n.nf\n${sub}\n.fi\n")
endforeach()
file(WRITE ${OUT} "${text}")
