#include "server/server.h"

#include <signal.h>

#include <atomic>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "searcher/searcher.h"
#include "server/api.h"
#include "server/searcher_pool.h"

namespace vigie::server {
namespace {

// No inline script or style, nothing from elsewhere.
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

void secure_headers(httplib::Server& server) {
    server.set_default_headers({{"Content-Security-Policy", kCsp},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"X-Frame-Options", "DENY"}});
}

void error_pages(httplib::Server& server) {
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        std::string error = res.status == 404 ? "not found" : "HTTP " + std::to_string(res.status);
        res.set_content(nlohmann::json({{"error", error}}).dump() + "\n", "application/json; charset=utf-8");
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what += std::string(": ") + e.what();
        } catch (...) {
        }
        res.status = 500;
        res.set_content(nlohmann::json({{"error", what}}).dump() + "\n", "application/json; charset=utf-8");
    });
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
    httplib::Server server;
    secure_headers(server);
    error_pages(server);
    server.set_payload_max_length(64 * 1024);
    // Without it, a kept-alive connection (browsers keep theirs) waits on
    // Nagle's algorithm meeting the client's delayed ACK: ~40 ms per answer.
    server.set_tcp_nodelay(true);
    add_api_routes(server, pool);
    add_asset_routes(server);

    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.host);
        if (port < 0) port = -1;
    } else if (!server.bind_to_port(options.host, port)) {
        port = -1;
    }
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
    bool ok = server.listen_after_bind();
    // listen returned (stopped or failed): wake the waiter if it is still waiting.
    if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return ok ? 0 : 1;
}

}  // namespace vigie::server
