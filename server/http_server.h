// The HTTP/1.1 connection handling of `vigie serve`, written here rather
// than left to cpp-httplib 0.11.4's Server, which was measured to let eight
// slow clients hold all eight of its workers, to accept any number of header
// lines and to build multipart answers for any Range list
// (docs/hardening-server.md). Requests and answers are httplib's structs, so
// the routes are written as before.
//
// Every client is bounded: a thread per connection up to `max_connections`
// (beyond: 503 at once), a head read within `head_timeout` (else 408), at
// most `max_head_bytes` and `max_headers` (else 431), `idle_timeout` between
// kept-alive requests, an answer written within `write_timeout`. Only GET and
// HEAD exist (else 405); Range is ignored (the whole answer, 200); a request
// body is never read (the connection closes after the answer). A handler
// may stream its answer with res.set_chunked_content_provider (an export):
// it is sent chunked within write_timeout, then the connection closes.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace vigie::server {

struct HttpLimits {
    std::size_t max_connections = 256;
    std::chrono::milliseconds head_timeout{10000};
    std::chrono::milliseconds idle_timeout{5000};
    std::chrono::milliseconds write_timeout{30000};
    std::size_t max_head_bytes = 16 * 1024;
    std::size_t max_headers = 64;
    std::size_t max_requests_per_connection = 1000;
};

class HttpServer {
public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

    explicit HttpServer(HttpLimits limits = {}) : limits_(limits) {}
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // `pattern` is a regex over the decoded path; groups land in req.matches.
    void get(const std::string& pattern, Handler handler);
    // Sent with every answer.
    void set_default_headers(httplib::Headers headers) { default_headers_ = std::move(headers); }

    // Listens on host:port (0: any free port); the port, or -1.
    int bind(const std::string& host, int port);
    // Accepts until stop(); returns once every connection thread has ended.
    void run();
    // From any thread: no new connection, open ones are cut.
    void stop();

    // Routes one parsed request (no socket): what run() does per request.
    void dispatch(httplib::Request& req, httplib::Response& res) const;

private:
    struct Route {
        std::regex pattern;
        Handler handler;
    };
    void serve_connection(int fd);
    bool write_chunked(int fd, bool head_only, httplib::Response& res);
    void finish_connection(int fd);

    HttpLimits limits_;
    httplib::Headers default_headers_;
    std::vector<Route> routes_;
    int listen_fd_ = -1;
    std::atomic<bool> stopping_ = false;
    std::mutex mutex_;
    std::condition_variable idle_;
    std::set<int> open_;  // connection sockets being served
};

}  // namespace vigie::server
