// vigie-serve: what `vigie serve` runs (it execs this program with its
// options, so the process and its pid stay the same). Kept apart so that the
// other commands start without cpp-httplib, which loads and initialises
// OpenSSL (docs/cli-startup.md). Not meant to be run by hand:
//   vigie-serve --db DIR --host HOST --port PORT
#include <cstdlib>
#include <iostream>
#include <string>

#include "server/server.h"

int main(int argc, char** argv) {
    vigie::server::ServeOptions options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i], value = argv[i + 1];
        if (key == "--db") options.db_dir = value;
        else if (key == "--host") options.host = value;
        else if (key == "--port") options.port = std::atoi(value.c_str());
        else {
            std::cerr << "vigie: vigie-serve: unknown option " << key << " (run `vigie serve`)\n";
            return 64;
        }
    }
    if (argc % 2 == 0) {
        std::cerr << "vigie: vigie-serve: an option without its value (run `vigie serve`)\n";
        return 64;
    }
    return vigie::server::serve(options, std::cout, std::cerr);
}
