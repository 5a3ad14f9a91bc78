#include "server/error_status.h"

#include <nlohmann/json.hpp>

namespace vigie::server {

int http_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::kInvalidArgument: return 400;
        case ErrorKind::kNotFound: return 404;
        case ErrorKind::kUnavailable: return 503;
        case ErrorKind::kIo: return 500;
        case ErrorKind::kCorruption: return 500;
    }
    return 500;
}

void send_error(httplib::Response& res, const Error& error, const std::string& parameter) {
    nlohmann::json body = {{"error", error.message}, {"kind", kind_name(error.kind)}};
    if (!parameter.empty()) body["parameter"] = parameter;
    res.status = http_status(error.kind);
    // Try again later: a client (or a proxy) should not hammer a busy index.
    if (error.kind == ErrorKind::kUnavailable) res.set_header("Retry-After", "2");
    res.set_content(body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                    "application/json; charset=utf-8");
}

}  // namespace vigie::server
