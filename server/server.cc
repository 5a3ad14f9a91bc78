#include "server/server.h"

#include <signal.h>

#include <atomic>
#include <thread>


#include "searcher/searcher.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/searcher_pool.h"

namespace vigie::server {
namespace {

// No inline script or style, nothing from elsewhere.
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

httplib::Headers secure_headers() {
    return {{"Content-Security-Policy", kCsp},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            {"X-Frame-Options", "DENY"}};
}

}  // namespace

int serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
    // The index must open now: a typo in --db is an error at start, not on each request.
    auto first = searcher::Searcher::open(options.db_dir);
    if (!first) {
        err << "vigie: " << first.error().message << "\n";
        return 1;
    }
    SearcherPool pool(options.db_dir);
    HttpServer server;
    server.set_default_headers(secure_headers());
    add_api_routes(server, pool);
    add_asset_routes(server);

    int port = server.bind(options.host, options.port);
    if (port < 0) {
        err << "vigie: cannot listen on " << options.host << ":" << options.port << "\n";
        return 1;
    }

    // SIGINT/SIGTERM stop the server cleanly: blocked here (the worker
    // threads inherit the mask), waited for by one thread.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::atomic<bool> signalled = false;
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        signalled = true;
        server.stop();
    });

    out << "listening on http://" << options.host << ":" << port << "/" << std::endl;
    server.run();
    // run returned (stopped): wake the waiter if it is still waiting.
    if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return 0;
}

}  // namespace vigie::server
