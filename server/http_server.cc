#include "server/http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>

#include <nlohmann/json.hpp>

#include "server/http_wire.h"

namespace vigie::server {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void json_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(nlohmann::json({{"error", message}}).dump() + "\n", kJson);
}

bool wants_close(const httplib::Request& req) {
    std::string c = req.get_header_value("Connection");
    for (char& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (req.version == "HTTP/1.0") return c.find("keep-alive") == std::string::npos;
    return c.find("close") != std::string::npos;
}

// A body announced is never read: the connection closes after the answer,
// so its bytes are not taken for the next request.
bool has_body(const httplib::Request& req) {
    if (req.has_header("Transfer-Encoding")) return true;
    std::string n = req.get_header_value("Content-Length");
    return !n.empty() && n != "0";
}

}  // namespace

HttpServer::~HttpServer() {
    if (listen_fd_ >= 0) ::close(listen_fd_);
}

void HttpServer::get(const std::string& pattern, Handler handler) {
    routes_.push_back({std::regex(pattern), std::move(handler)});
}

int HttpServer::bind(const std::string& host, int port) {
    addrinfo hints{}, *found = nullptr;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(found);
    if (fd < 0) return -1;
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    listen_fd_ = fd;
    if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
}

void HttpServer::run() {
    while (!stopping_) {
        int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (stopping_) break;
            if (errno == EINTR || errno == ECONNABORTED) continue;
            // Out of descriptors or memory: let open connections end, then try again.
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        int yes = 1;
        // Without it a kept-alive connection waits on Nagle meeting the
        // client's delayed ACK: ~40 ms per answer.
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        bool room;
        {
            std::lock_guard lock(mutex_);
            room = open_.size() < limits_.max_connections && !stopping_;
            if (room) open_.insert(fd);
        }
        if (!room) {
            httplib::Response res;
            json_error(res, 503, "too many connections; try again shortly");
            res.set_header("Retry-After", "1");
            std::string out = answer_head(res, default_headers_, res.body.size(), false) + res.body;
            (void)!::send(fd, out.data(), out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            ::close(fd);
            continue;
        }
        try {
            std::thread([this, fd] {
                try {
                    serve_connection(fd);
                } catch (...) {  // out of memory while serving: this connection ends, not the server
                }
                finish_connection(fd);
            }).detach();
        } catch (const std::system_error&) {
            finish_connection(fd);  // no thread to be had: the client sees the connection close
        }
    }
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return open_.empty(); });
}

void HttpServer::stop() {
    stopping_ = true;
    std::lock_guard lock(mutex_);
    if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
    for (int fd : open_) ::shutdown(fd, SHUT_RDWR);
}

// Closed under the lock: the number may be reused by the next accept at
// once, and must not be forgotten (or shut down by stop()) as that one.
void HttpServer::finish_connection(int fd) {
    std::lock_guard lock(mutex_);
    open_.erase(fd);
    ::close(fd);
    if (open_.empty()) idle_.notify_all();
}

void HttpServer::dispatch(httplib::Request& req, httplib::Response& res) const {
    const Route* found = nullptr;
    for (const Route& r : routes_) {
        if (std::regex_match(req.path, req.matches, r.pattern)) {
            found = &r;
            break;
        }
    }
    if (!found) return json_error(res, 404, "not found");
    if (req.method != "GET" && req.method != "HEAD") {
        res.set_header("Allow", "GET, HEAD");
        return json_error(res, 405, "method " + req.method.substr(0, 20) + " not allowed: only GET and HEAD");
    }
    try {
        res.status = 200;
        found->handler(req, res);
    } catch (const std::exception& e) {
        res = httplib::Response();
        json_error(res, 500, std::string("internal error: ") + e.what());
    } catch (...) {
        res = httplib::Response();
        json_error(res, 500, "internal error");
    }
    if (res.status >= 400 && res.body.empty()) json_error(res, res.status, "HTTP " + std::to_string(res.status));
}

// The handler's chunked content provider, called until it says done; a
// provider that fails (or a client that stops reading) ends the answer
// without its last chunk, so the client sees it cut, never complete.
bool HttpServer::write_chunked(int fd, bool head_only, httplib::Response& res) {
    Clock::time_point write_by = Clock::now() + limits_.write_timeout;
    res.set_header("Transfer-Encoding", "chunked");
    if (!write_all(fd, answer_head(res, default_headers_, std::nullopt, false), write_by)) return false;
    if (head_only) return true;
    bool done = false, failed = false;
    httplib::DataSink sink;
    sink.write = [&](const char* data, std::size_t n) {
        if (failed || n == 0) return !failed;
        char size[20];
        std::snprintf(size, sizeof size, "%zx\r\n", n);
        failed = !write_all(fd, size, write_by) || !write_all(fd, std::string(data, n), write_by) ||
                 !write_all(fd, "\r\n", write_by);
        return !failed;
    };
    sink.is_writable = [&] { return !failed; };
    sink.done = [&] { done = true; };
    for (std::size_t offset = 0; !done && !failed && !stopping_;) {
        if (!res.content_provider_(offset, 0, sink)) return false;
    }
    if (!done || failed) return false;
    res.content_provider_success_ = true;
    return write_all(fd, "0\r\n\r\n", write_by);
}

void HttpServer::serve_connection(int fd) {
    HeadLimits head_limits{limits_.max_head_bytes, limits_.max_headers};
    std::string buffer;
    Clock::time_point accepted = Clock::now();
    for (std::size_t served = 0; served < limits_.max_requests_per_connection && !stopping_; ++served) {
        // The first request must come whole within head_timeout of the
        // accept; a later one within idle_timeout, then head_timeout.
        Clock::time_point start = served == 0 ? accepted : Clock::now();
        Clock::time_point first_byte_by = start + (served == 0 ? limits_.head_timeout : limits_.idle_timeout);
        Clock::time_point head_by = (served == 0 ? start : Clock::now()) + limits_.head_timeout;
        httplib::Request req;
        httplib::Response res;
        HeadStatus head = read_head(fd, buffer, first_byte_by, head_by, head_limits, req);
        if (head == HeadStatus::kClosed) break;
        bool keep_alive = head == HeadStatus::kOk && !wants_close(req) && !has_body(req) &&
                          served + 1 < limits_.max_requests_per_connection;
        switch (head) {
            case HeadStatus::kTimeout: json_error(res, 408, "the request head did not arrive in time"); break;
            case HeadStatus::kTooLarge:
                json_error(res, 431,
                           "request head too large: at most " + std::to_string(limits_.max_headers) + " headers and " +
                               std::to_string(limits_.max_head_bytes) + " bytes");
                break;
            case HeadStatus::kBad: json_error(res, 400, "not an HTTP/1.1 request"); break;
            default: dispatch(req, res);
        }
        if (res.content_provider_ && res.is_chunked_content_provider_) {
            // A streamed answer (an export): chunked, written as the
            // handler produces it, within the same write_timeout; the
            // connection closes after it.
            (void)write_chunked(fd, req.method == "HEAD", res);
            break;
        }
        std::string body = req.method == "HEAD" ? std::string() : std::move(res.body);
        std::string head_text = answer_head(res, default_headers_, req.method == "HEAD" ? res.body.size() : body.size(),
                                            keep_alive);
        Clock::time_point write_by = Clock::now() + limits_.write_timeout;
        if (!write_all(fd, head_text, write_by) || !write_all(fd, body, write_by) || !keep_alive) break;
    }
    // Let the client read the answer before the close: closing over unread
    // bytes (a head cut at 431, an unread body) would reset the connection
    // and lose it. A little is drained, for a little while.
    ::shutdown(fd, SHUT_WR);
    Clock::time_point drain_by = Clock::now() + std::chrono::milliseconds(500);
    char sink[4096];
    for (std::size_t drained = 0; drained < 256 * 1024 && Clock::now() < drain_by;) {
        ssize_t n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) break;
        if (n < 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        drained += static_cast<std::size_t>(n);
    }
}

}  // namespace vigie::server
