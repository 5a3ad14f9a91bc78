// Optional parts of Vigie kept out of the `vigie` executable and loaded only
// by the commands that need them (docs/cli-startup.md): the PDF reader
// vigie_pdf.so (poppler and its ~25 libraries, dlopen()ed on the first PDF)
// and the HTTP server vigie-serve (cpp-httplib, which initialises OpenSSL
// when loaded; `vigie serve` execs it). `vigie search` and `vigie analyze`
// start without them.
//
// A part is looked for beside the running executable, then in
// VIGIE_MODULE_INSTALL_DIR, relative to the executable's folder (where
// `cmake --install` and the package put it: ../lib/vigie), then in
// VIGIE_MODULE_BUILD_DIR (the build tree, for test programs elsewhere in it).
#pragma once

#include <dlfcn.h>
#include <unistd.h>

#include <string>

namespace vigie {

// The path of part `file` ("vigie_pdf.so", "vigie-serve"), or "" with
// `error` set when none is found.
inline std::string find_module(const std::string& file, std::string& error) {
    std::string dirs[3];
    char exe[4096];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        std::string path(exe, static_cast<std::size_t>(n));
        dirs[0] = path.substr(0, path.rfind('/'));
    }
#ifdef VIGIE_MODULE_INSTALL_DIR
    if (!dirs[0].empty()) dirs[1] = dirs[0] + "/" + VIGIE_MODULE_INSTALL_DIR;
#endif
#ifdef VIGIE_MODULE_BUILD_DIR
    dirs[2] = VIGIE_MODULE_BUILD_DIR;
#endif
    error.clear();
    for (const std::string& dir : dirs) {
        if (dir.empty()) continue;
        std::string path = dir + "/" + file;
        if (::access(path.c_str(), R_OK) == 0) return path;
    }
    error = file + " not found beside the vigie executable nor in " +
            (dirs[1].empty() ? std::string("the install directory") : dirs[1]);
    return {};
}

// The handle of module `file` ("vigie_pdf.so"), never closed; null with
// `error` set when no copy loads.
inline void* open_module(const std::string& file, std::string& error) {
    std::string path = find_module(file, error);
    if (path.empty()) return nullptr;
    if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return handle;
    const char* why = ::dlerror();
    error = why ? why : path + ": cannot be loaded";
    return nullptr;
}

}  // namespace vigie
