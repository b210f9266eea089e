# Writes version.h from version.h.in with the git revision the sources are at now: run at every
# build (not only when the build is configured), and the file is rewritten only when the
# revision changed, so an unchanged tree rebuilds nothing.
# -DSOURCE_DIR=... -DINPUT=version.h.in -DOUTPUT=version.h -DPROJECT_VERSION=...
execute_process(
  COMMAND git describe --always --dirty --abbrev=12
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE GOVNET_GIT_REVISION
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT GOVNET_GIT_REVISION)
  set(GOVNET_GIT_REVISION unknown)
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
