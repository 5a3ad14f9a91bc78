# Run by `cmake --install` and cpack (install(SCRIPT) in cmake/Packaging.cmake)
# with VIGIE_PACKAGING_DIR (the sources) and VIGIE_STAGING_DIR (in the build
# folder) set: installs the systemd units and /etc/default/vigie with the
# paths of this install filled in. Only now is CMAKE_INSTALL_PREFIX the real
# prefix (/usr for the Debian package).
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(SYSCONFDIR /etc)  # as GNUInstallDirs does for /usr
else()
  set(SYSCONFDIR "${CMAKE_INSTALL_PREFIX}/etc")
endif()
set(BINDIR "${CMAKE_INSTALL_PREFIX}/bin")
set(DOCDIR "${CMAKE_INSTALL_PREFIX}/share/doc/vigie")
set(staging "${VIGIE_STAGING_DIR}")
set(units "")
foreach(unit vigie.service vigie-index.service vigie-index.path vigie-index.timer)
  configure_file("${VIGIE_PACKAGING_DIR}/systemd/${unit}" "${staging}/systemd/${unit}" @ONLY)
  list(APPEND units "${staging}/systemd/${unit}")
endforeach()
file(INSTALL ${units} DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

configure_file("${VIGIE_PACKAGING_DIR}/default-vigie" "${staging}/default/vigie" @ONLY)
file(INSTALL "${staging}/default/vigie" DESTINATION "${SYSCONFDIR}/default"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
