// The JSON API routes (/api/*, /healthz) and the embedded page's assets.
#pragma once

#include <httplib.h>

#include "server/searcher_pool.h"

namespace vigie::server {

void add_api_routes(httplib::Server& server, SearcherPool& pool);

// "/", "/app.js", "/style.css", "/mali_regions.json": built into the binary.
void add_asset_routes(httplib::Server& server);

}  // namespace vigie::server
