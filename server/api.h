// The JSON API routes (/api/*, /healthz) and the embedded page's assets.
#pragma once

#include <chrono>

#include "server/http_server.h"
#include "server/searcher_pool.h"

namespace vigie::server {

// A search or facet count that runs longer answers 503 (kind unavailable):
// one crafted query must not hold a worker and a core for minutes.
inline constexpr std::chrono::milliseconds kSearchTime{10000};
// A report's body is served in pages of at most this many bytes of text.
inline constexpr unsigned kMaxBodyBytes = 1024 * 1024;

// `export_max_rows`: the most rows /api/export writes (larger sets: 400).
void add_api_routes(HttpServer& server, SearcherPool& pool, std::chrono::milliseconds search_time = kSearchTime,
                    std::size_t export_max_rows = 100000);

// "/", "/app.js", "/style.css", "/mali_regions.json": built into the binary.
void add_asset_routes(HttpServer& server);

}  // namespace vigie::server
