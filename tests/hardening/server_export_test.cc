// /api/export through the real server object (routes, searcher pool,
// connection handling) on loopback: the streamed CSV read back with
// Python's csv module and compared with /api/search's hits row for row,
// JSON lines counted, the cap and a bad format answered 400 in French.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
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

// The rows of `csv_text` as Python's csv module reads them (a list of
// lists), or null when python3 cannot be run.
json python_csv(const vigie::testing::TempDir& tmp, const std::string& csv_text) {
    std::string in = tmp.write("export.csv", csv_text), out = tmp / "rows.json";
    std::string cmd = "python3 -c \"import csv,json,sys; f=open(sys.argv[1],newline='',encoding='utf-8-sig'); "
                      "json.dump(list(csv.reader(f)),open(sys.argv[2],'w'))\" " + in + " " + out;
    if (std::system(cmd.c_str()) != 0) return nullptr;
    std::ifstream rows(out);
    return json::parse(rows, nullptr, false);
}

TEST(ServerExport, StreamedWholeSetMatchesTheSearch) {
    vigie::testing::TempDir tmp;
    // 30 reports hold « attaque », the even ones « village » too.
    for (int i = 0; i < 30; ++i)
        tmp.write("reports/r" + std::to_string(100 + i) + ".txt",
                  (i % 5 ? std::string("Rapport, \"n°\" ") : std::string("=1+1 rapport ")) + std::to_string(i) +
                      "\nUne attaque a frappé " + (i % 2 ? "la ville" : "le village") + " de Gao,\nà l'aube.");
    vigie::indexer::IndexOptions o;
    o.db_dir = tmp / "db";
    o.paths = {tmp / "reports"};
    auto summary = vigie::indexer::index_paths(o);
    ASSERT_TRUE(summary.ok());
    ASSERT_EQ(summary->documents, 30u);

    vigie::server::SearcherPool pool(o.db_dir);
    vigie::server::HttpServer http;
    vigie::server::add_api_routes(http, pool, vigie::server::kSearchTime, 20);  // a cap of 20 rows
    int port = http.bind("127.0.0.1", 0);
    ASSERT_GT(port, 0);
    std::thread runner([&] { http.run(); });
    httplib::Client client = vigie::testing::patient_client(port);

    auto search = client.Get("/api/search?q=attaque%20village&limit=100");
    ASSERT_TRUE(search);
    json hits = json::parse(search->body);
    ASSERT_EQ(hits["total"], 15) << search->body.substr(0, 300);
    ASSERT_EQ(hits["partial_total"], 15);

    auto csv = client.Get("/api/export?q=attaque%20village&format=csv");
    ASSERT_TRUE(csv);
    ASSERT_EQ(csv->status, 200) << csv->body;
    EXPECT_EQ(csv->get_header_value("Transfer-Encoding"), "chunked");
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"vigie-export.csv\"");
    json rows = python_csv(tmp, csv->body);
    if (rows.is_null()) {
        GTEST_SKIP() << "python3 could not be run to read the CSV back";
    }
    ASSERT_EQ(rows.size(), 16u) << csv->body;  // the header and the 15 full matches, no partial one
    EXPECT_EQ(rows[0], json({"id", "date", "outlet", "title", "url", "author", "source", "actors", "places", "mentioned",
                             "snippet"}));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const json& hit = hits["hits"][i - 1];
        EXPECT_EQ(rows[i][0], hit["id"]) << i;
        EXPECT_EQ(rows[i][6], hit["source"]) << i;
        std::string title = rows[i][3];
        EXPECT_TRUE(title.starts_with("Rapport, \"n°\"") || title.starts_with("'=1+1 rapport")) << title;
        EXPECT_NE(rows[i][10].get<std::string>().find("village de Gao,\nà l'aube"), std::string::npos) << rows[i][10];
    }

    auto jsonl = client.Get("/api/export?q=attaque%20village&format=jsonl");
    ASSERT_TRUE(jsonl);
    ASSERT_EQ(jsonl->status, 200);
    EXPECT_EQ(jsonl->get_header_value("Content-Type"), "application/x-ndjson");
    std::size_t lines = 0;
    for (std::size_t at = 0, end; (end = jsonl->body.find('\n', at)) != std::string::npos; at = end + 1, ++lines) {
        json row = json::parse(jsonl->body.substr(at, end - at));
        EXPECT_EQ(row["id"], hits["hits"][lines]["id"]);
    }
    EXPECT_EQ(lines, 15u);

    struct Bad {
        std::string path, parameter, words;
    } bad[] = {
        {"/api/export?q=attaque&format=csv", "q", "précisez la recherche"},  // 30 rows over the cap of 20
        {"/api/export?q=attaque&format=xlsx", "format", "format doit être csv ou jsonl"},
        {"/api/export?q=attaque", "format", "format doit être csv ou jsonl"},
        {"/api/export?q=attaque&format=csv&limit=5", "limit", "ne s'applique pas"},
    };
    for (const auto& b : bad) {
        auto res = client.Get(b.path);
        ASSERT_TRUE(res) << b.path;
        EXPECT_EQ(res->status, 400) << b.path;
        json j = json::parse(res->body, nullptr, false);
        EXPECT_EQ(j["kind"], "invalid_argument") << res->body;
        EXPECT_EQ(j["parameter"], b.parameter) << res->body;
        EXPECT_NE(j["error"].get<std::string>().find(b.words), std::string::npos) << res->body;
    }
    http.stop();
    runner.join();
}

TEST(ServerExport, PastTheSearchTimeIs503) {
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
    auto res = client.Get("/api/export?q=mali&format=csv");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 503) << res->body;
    http.stop();
    runner.join();
}

}  // namespace
