#include "server/http_wire.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace vigie::server {
namespace {

// Waits until `fd` is ready for `events` or `deadline` passes; false on timeout or error.
bool wait_for(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, events, 0};
        int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000 * 60)));
        if (n > 0) return true;
        if (n < 0 && errno != EINTR) return false;
    }
}

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    std::size_t e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

bool token_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

HeadStatus parse_head(const std::string& head, const HeadLimits& limits, httplib::Request& req) {
    std::size_t eol = head.find("\r\n");
    std::string line = head.substr(0, eol);
    std::size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
    if (sp1 == std::string::npos || sp2 == sp1) return HeadStatus::kBad;
    req.method = line.substr(0, sp1);
    req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    req.version = line.substr(sp2 + 1);
    if (req.method.empty() || !std::all_of(req.method.begin(), req.method.end(), token_char)) return HeadStatus::kBad;
    if (req.version != "HTTP/1.1" && req.version != "HTTP/1.0") return HeadStatus::kBad;
    if (req.target.empty() || req.target[0] != '/') return HeadStatus::kBad;
    std::size_t q = req.target.find('?');
    req.path = httplib::detail::decode_url(req.target.substr(0, q), false);
    if (q != std::string::npos) httplib::detail::parse_query_text(req.target.substr(q + 1), req.params);
    std::size_t count = 0;
    for (std::size_t at = eol + 2; at < head.size();) {
        std::size_t end = head.find("\r\n", at);
        if (end == std::string::npos) end = head.size();
        std::string h = head.substr(at, end - at);
        at = end + 2;
        if (h.empty()) continue;
        if (++count > limits.max_headers) return HeadStatus::kTooLarge;
        std::size_t colon = h.find(':');
        if (colon == 0 || colon == std::string::npos) return HeadStatus::kBad;
        std::string name = h.substr(0, colon);
        if (!std::all_of(name.begin(), name.end(), token_char)) return HeadStatus::kBad;
        req.headers.emplace(name, trim(h.substr(colon + 1)));
    }
    return HeadStatus::kOk;
}

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Status";
    }
}

}  // namespace

HeadStatus read_head(int fd, std::string& buffer, Clock::time_point first_byte_by, Clock::time_point head_by,
                     const HeadLimits& limits, httplib::Request& req) {
    char chunk[4096];
    std::size_t searched = 0;
    for (;;) {
        std::size_t end = buffer.find("\r\n\r\n", searched > 3 ? searched - 3 : 0);
        if (end != std::string::npos) {
            if (end + 4 > limits.max_bytes) return HeadStatus::kTooLarge;
            std::string head = buffer.substr(0, end + 2);
            buffer.erase(0, end + 4);
            return parse_head(head, limits, req);
        }
        searched = buffer.size();
        if (buffer.size() > limits.max_bytes) return HeadStatus::kTooLarge;
        Clock::time_point deadline = buffer.empty() ? std::min(first_byte_by, head_by) : head_by;
        if (!wait_for(fd, POLLIN, deadline)) return buffer.empty() ? HeadStatus::kClosed : HeadStatus::kTimeout;
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return HeadStatus::kClosed;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

bool write_all(int fd, const std::string& data, Clock::time_point deadline) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        if (!wait_for(fd, POLLOUT, deadline)) return false;
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

std::string answer_head(const httplib::Response& res, const httplib::Headers& defaults,
                        std::optional<std::size_t> body_bytes, bool keep_alive) {
    std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " + reason(res.status) + "\r\n";
    for (const auto& [name, value] : defaults)
        if (!res.has_header(name)) out += name + ": " + value + "\r\n";
    for (const auto& [name, value] : res.headers) out += name + ": " + value + "\r\n";
    if (body_bytes) out += "Content-Length: " + std::to_string(*body_bytes) + "\r\n";
    out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    return out + "\r\n";
}

}  // namespace vigie::server
