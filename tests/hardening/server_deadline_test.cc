// Issue 15, case 11 through HTTP: the real server object (routes, searcher
// pool, connection handling) in this process, with a search time of zero:
// a search answers 503 naming the time limit, and the server keeps serving.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "indexer/indexer.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/searcher_pool.h"
#include "server/server_process.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST(ServerDeadline, ASearchPastItsTimeIs503AndTheServerServesOn) {
    vigie::testing::TempDir tmp;
    vigie::indexer::IndexOptions o;
    o.db_dir = tmp / "db";
    o.paths = {std::string(VIGIE_SOURCE_DIR) + "/seeds"};
    ASSERT_TRUE(vigie::indexer::index_paths(o).ok());

    vigie::server::SearcherPool pool(o.db_dir);
    vigie::server::HttpServer http;
    vigie::server::add_api_routes(http, pool, 0ms);
    int port = http.bind("127.0.0.1", 0);
    ASSERT_GT(port, 0);
    std::thread runner([&] { http.run(); });

    httplib::Client client = vigie::testing::patient_client(port);
    for (std::string path : {"/api/search?q=mali", "/api/search?q=%22de+la%22+a*", "/api/facets"}) {
        auto res = client.Get(path);
        ASSERT_TRUE(res) << path;
        EXPECT_EQ(res->status, 503) << path << "\n" << res->body;
        json j = json::parse(res->body, nullptr, false);
        EXPECT_EQ(j["kind"], "unavailable") << path;
        EXPECT_NE(j["error"].get<std::string>().find("time limit"), std::string::npos) << res->body;
        EXPECT_FALSE(res->get_header_value("Retry-After").empty()) << path;
    }
    auto health = client.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    auto report = client.Get("/api/report/no-such-report");
    ASSERT_TRUE(report);
    EXPECT_EQ(report->status, 404);

    http.stop();
    runner.join();
}

}  // namespace
