# What `make install` puts where (GNU layout: /usr/local by default, /usr in the .deb), and the
# Debian package `make package` builds with CPack.
#   bin/govnet                                   the command
#   share/man/man1/govnet.1.gz                   its manual page, made from `govnet --help`
#   share/doc/govnet/README.md, docs/*.md, figures  the user documentation
#   share/govnet/samples/                        the sample datasets and mappings
include(GNUInstallDirs)

install(TARGETS govnet RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/samples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/govnet/samples)

# The manual page: help2man runs the freshly built govnet (--help and --version), with every
# command's --help as a COMMANDS section; then gzip -9n as Debian policy asks.
find_program(HELP2MAN help2man)
find_program(GZIP gzip)
if(HELP2MAN AND GZIP)
  set(man ${CMAKE_CURRENT_BINARY_DIR}/govnet.1)
  add_custom_command(
    OUTPUT ${man}.gz
    COMMAND ${CMAKE_COMMAND} -DGOVNET=$<TARGET_FILE:govnet> -DOUT=${man}.include -P
            ${PROJECT_SOURCE_DIR}/packaging/man_commands.cmake
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 --include=${man}.include
            "--name=explore governance networks stored in a RocksDB store" --output=${man}
            $<TARGET_FILE:govnet>
    COMMAND ${GZIP} -9nf ${man}
    DEPENDS govnet ${PROJECT_SOURCE_DIR}/packaging/man_commands.cmake
    COMMENT "Writing the govnet(1) manual page from govnet --help")
  add_custom_target(govnet_man ALL DEPENDS ${man}.gz)
  install(FILES ${man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found (apt-get install help2man): no manual page will be installed")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME govnet)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "govnet maintainers <govnet@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explore governance networks: who is party to what, since when")
set(CPACK_PACKAGE_DESCRIPTION
    "govnet stores actors, instruments, ties and their evidence in a RocksDB store, imports CSV, "
    "spreadsheets and graph files, ranks and explores them from the command line, and draws them "
    "in a viewer and as PNG, SVG and PDF figures.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from dpkg-shlibdeps on the installed binary
set(CPACK_STRIP_FILES ON)
include(CPack)
