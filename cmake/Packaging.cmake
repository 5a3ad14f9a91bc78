# Installing Vigie and its Debian package (docs/install.md):
#   cmake --install build [--prefix DIR]   # bin/vigie, man page, units, docs
#   cd build && cpack -G DEB                # vigie_VERSION_ARCH.deb
# Everything the binary reads at run time (catalogue, gazetteer, stop words,
# web page) is embedded in it (cmake/EmbedFile.cmake): nothing goes to
# share/vigie/, and an installed vigie never needs the source tree.
include(GNUInstallDirs)

# `vigie --version`: the version and the git commit, refreshed at every build.
set(vigie_version_header "${PROJECT_BINARY_DIR}/generated/vigie_version.h")
add_custom_target(vigie_version
  COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}" "-DOUTPUT=${vigie_version_header}"
          "-DVERSION=${PROJECT_VERSION}" -P "${PROJECT_SOURCE_DIR}/cmake/GitVersion.cmake"
  BYPRODUCTS "${vigie_version_header}"
  VERBATIM)
add_dependencies(vigie vigie_version)
target_include_directories(vigie PRIVATE "${PROJECT_BINARY_DIR}/generated")

install(TARGETS vigie RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The modules loaded only by the commands that need them (common/module_loader.h).
install(TARGETS vigie_pdf LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/vigie")
install(TARGETS vigie-serve RUNTIME DESTINATION "${CMAKE_INSTALL_LIBDIR}/vigie")

# The manual page, made from the CLI's own help (packaging/man/make-man.sh).
# Not in the sanitizer and fuzzing builds, which no one installs.
find_program(HELP2MAN help2man)
if(VIGIE_SANITIZE OR VIGIE_FUZZ)
  # no manual page
elseif(HELP2MAN)
  set(vigie_man "${PROJECT_BINARY_DIR}/man/vigie.1.gz")
  add_custom_command(OUTPUT "${vigie_man}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/man"
    COMMAND sh "${PROJECT_SOURCE_DIR}/packaging/man/make-man.sh" "$<TARGET_FILE:vigie>"
            "${PROJECT_SOURCE_DIR}/packaging/man/vigie.h2m" "${vigie_man}"
    DEPENDS vigie "${PROJECT_SOURCE_DIR}/packaging/man/make-man.sh" "${PROJECT_SOURCE_DIR}/packaging/man/vigie.h2m"
    COMMENT "Generating the manual page vigie.1 (help2man)"
    VERBATIM)
  add_custom_target(vigie_man ALL DEPENDS "${vigie_man}")
  install(FILES "${vigie_man}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
  message(STATUS "help2man not found: no manual page (apt-get install help2man)")
endif()

# systemd units and their settings file. Their paths (/usr/bin/vigie,
# /etc/default/vigie in the package) depend on the prefix of the install,
# known only then (cpack installs into /usr, a developer maybe into
# /usr/local): cmake/InstallConfigured.cmake fills them in at install time.
install(CODE "set(VIGIE_PACKAGING_DIR \"${PROJECT_SOURCE_DIR}/packaging\")
              set(VIGIE_STAGING_DIR \"${PROJECT_BINARY_DIR}/packaging\")")
install(SCRIPT "${PROJECT_SOURCE_DIR}/cmake/InstallConfigured.cmake")

install(FILES README.md analyzers/data/PLACES.md analyzers/data/ACTORS.md analyzers/data/LEXICON.md
              packaging/debian/copyright DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY docs/ DESTINATION "${CMAKE_INSTALL_DOCDIR}/docs" FILES_MATCHING PATTERN "*.md")
install(FILES packaging/nginx/vigie.conf DESTINATION "${CMAKE_INSTALL_DOCDIR}/examples" RENAME nginx-vigie.conf)

# The Debian package: `cpack -G DEB` in the build folder.
set(VIGIE_PACKAGE_MAINTAINER "Vigie maintainers <maintainers@users.noreply.h-seed-46003ba8.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vigie)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${VIGIE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "search French-language reports on human-rights abuses")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION [=[Vigie indexes reports (plain text, Markdown, HTML, PDF, JSONL news feeds)
into a Xapian index and searches them as people type French: with or without
accents, elisions, plurals and feminine forms. It extracts the actors, places
and event dates each report mentions, and counts them as facets.
.
`vigie serve` serves a search page and a JSON API. The package ships a
hardened systemd unit for it (not enabled), units to re-index a report folder,
and an nginx example for TLS and access control.]=])
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries vigie links (dpkg-shlibdeps)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, xapian-tools")  # the reverse proxy; remote shards
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # vigie_VERSION_ARCH.deb
# Installed with DESTDIR and the prefix /usr, so that the install-time
# CMAKE_INSTALL_PREFIX is /usr (cmake/InstallConfigured.cmake) and /etc is /etc.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA  # conffiles: /etc/default/vigie, kept on upgrade, gone on purge
    "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postinst" "${PROJECT_SOURCE_DIR}/packaging/debian/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
