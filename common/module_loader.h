// Optional parts of Vigie built as shared modules and loaded with dlopen()
// only by the commands that need them (docs/cli-startup.md): the PDF reader
// (poppler and its ~25 libraries) and the HTTP server (cpp-httplib, which
// initialises OpenSSL when loaded). `vigie search` and `vigie analyze` start
// without them.
//
// A module is looked for beside the running executable, then in
// VIGIE_MODULE_INSTALL_DIR (where `cmake --install` puts it), then in
// VIGIE_MODULE_BUILD_DIR (the build tree, for test programs elsewhere in it).
#pragma once

#include <dlfcn.h>
#include <unistd.h>

#include <string>

namespace vigie {

// The handle of module `file` ("vigie_pdf.so"), never closed; null with
// `error` set when no copy loads.
inline void* open_module(const std::string& file, std::string& error) {
    std::string dirs[3];
    char exe[4096];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        std::string path(exe, static_cast<std::size_t>(n));
        dirs[0] = path.substr(0, path.rfind('/'));
    }
#ifdef VIGIE_MODULE_INSTALL_DIR
    dirs[1] = VIGIE_MODULE_INSTALL_DIR;
#endif
#ifdef VIGIE_MODULE_BUILD_DIR
    dirs[2] = VIGIE_MODULE_BUILD_DIR;
#endif
    error.clear();
    for (const std::string& dir : dirs) {
        if (dir.empty()) continue;
        std::string path = dir + "/" + file;
        if (::access(path.c_str(), R_OK) != 0) continue;
        if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return handle;
        const char* why = ::dlerror();
        error = why ? why : path + ": cannot be loaded";
        return nullptr;
    }
    error = file + " not found beside the vigie executable nor in " +
            (dirs[1].empty() ? std::string("the install directory") : dirs[1]);
    return nullptr;
}

}  // namespace vigie
