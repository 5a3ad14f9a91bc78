// `vigie serve`: the HTTP API and the embedded web page over one index.
#pragma once

#include <ostream>
#include <string>

namespace vigie::server {

struct ServeOptions {
    std::string db_dir;
    std::string host = "127.0.0.1";  // loopback unless told otherwise
    int port = 8080;                 // 0: any free port (the one chosen is printed)
};

// Serves until SIGINT or SIGTERM. Prints "listening on http://HOST:PORT/"
// to `out` once bound. Returns the process exit status; errors go to `err`.
int serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace vigie::server
