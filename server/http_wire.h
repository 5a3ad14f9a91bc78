// Reading a request head and writing an answer on a socket, each within a
// deadline and a size cap (http_server.h says why).
#pragma once

#include <httplib.h>

#include <chrono>
#include <optional>
#include <string>

namespace vigie::server {

using Clock = std::chrono::steady_clock;

enum class HeadStatus {
    kOk,
    kClosed,    // the client left (or sent nothing before the deadline on a kept-alive connection)
    kTimeout,   // 408: the head did not arrive in time
    kTooLarge,  // 431: too many header bytes or lines
    kBad,       // 400: not an HTTP/1.x request line or header
};

struct HeadLimits {
    std::size_t max_bytes = 16 * 1024;
    std::size_t max_headers = 64;
};

// Reads bytes from `fd` into `buffer` until it holds a whole head ("\r\n\r\n"),
// waiting for the first byte until `first_byte_by` and for the rest until
// `head_by`. The head is removed from `buffer` and parsed into `req`
// (method, target, version, path decoded, params, headers).
HeadStatus read_head(int fd, std::string& buffer, Clock::time_point first_byte_by, Clock::time_point head_by,
                     const HeadLimits& limits, httplib::Request& req);

// Writes all of `data` by `deadline`; false when the client did not take it.
bool write_all(int fd, const std::string& data, Clock::time_point deadline);

// "HTTP/1.1 404 Not Found\r\n...": the status line and the headers, up to
// and including the blank line. `body_bytes` is the Content-Length; none for
// a chunked answer (its Transfer-Encoding header set by the caller).
std::string answer_head(const httplib::Response& res, const httplib::Headers& defaults,
                        std::optional<std::size_t> body_bytes, bool keep_alive);

}  // namespace vigie::server
