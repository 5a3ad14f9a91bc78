// The one place an error's kind (common/expected.h) becomes an HTTP status:
// invalid argument 400, not found 404, unavailable 503, I/O and corruption 500.
#pragma once

#include <httplib.h>

#include <string>

#include "common/expected.h"

namespace vigie::server {

int http_status(ErrorKind kind);

// {"error": message, "kind": "unavailable", "parameter": ...} with the
// kind's status; `parameter` is named when not empty.
void send_error(httplib::Response& res, const Error& error, const std::string& parameter = "");

}  // namespace vigie::server
