// Provenance through the built binary (issue 13): a folder of a feed, a
// Markdown report, an HTML page and a text file indexed by `vigie index`;
// each hit of /api/search and `vigie search --json`, /api/report/ID and the
// exports carry url/outlet/author/source, never a server path, never a
// javascript: address; an index written before provenance still answers.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <sstream>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "server/server_process.h"
#include "server/cli_output.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using vigie::testing::ServerProcess;
using vigie::testing::TempDir;

std::string run(const std::vector<std::string>& args) { return vigie::testing::cli_output(args); }

const std::string kBody = "Des soldats ont arrêté des civils à Mopti selon plusieurs témoins de provmarker.";

// What each report must show: null (json()) when unknown.
struct Expected {
    json url, outlet, author;
    std::string source;
};

const std::map<std::string, Expected>& expected() {
    static const std::map<std::string, Expected> e = {
        {"w1", {"https://actu.example.fr/monde/w1.html", "actu.example.fr", "Orange avec AFP", "feeds/wire.jsonl#w1"}},
        {"w2", {"https://studio.example/a", "Studio Tamani", nullptr, "feeds/wire.jsonl#w2"}},
        {"w3", {nullptr, nullptr, "Awa \"la\" Traoré", "feeds/wire.jsonl#w3"}},  // javascript: dropped
        {"w4", {"https://example.org/a%22onmouseover=%22alert(1)", "example.org", nullptr, "feeds/wire.jsonl#w4"}},
        {"rapport", {"https://ong.example/moura", "Rapport d'ONG", "Équipe Sahel", "notes/rapport.md"}},
        {"page", {"https://www.hrw.org/fr/news/mali", "Human Rights Watch", "Corinne Dufka", "page.html"}},
        {"plain", {nullptr, nullptr, nullptr, "plain.txt"}},
    };
    return e;
}

class Provenance : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new TempDir;
        auto line = [](json j) {
            j["body"] = kBody;
            j["date"] = "2020-06-30";
            return j.dump() + "\n";
        };
        tmp_->write("in/feeds/wire.jsonl",
                    line({{"id", "w1"}, {"title", "Dépêche un"}, {"url", "https://actu.example.fr/monde/w1.html"},
                          {"author", "Orange avec AFP"}, {"section", "monde"}}) +
                        line({{"id", "w2"}, {"title", "Dépêche deux"}, {"url", "https://studio.example/a"},
                              {"outlet", "Studio Tamani"}, {"author", nullptr}}) +
                        line({{"id", "w3"}, {"title", "Dépêche trois"}, {"url", "javascript:alert(1)"},
                              {"author", "Awa \"la\" Traoré"}}) +
                        line({{"id", "w4"}, {"title", "Dépêche quatre"},
                              {"url", "https://example.org/a\"onmouseover=\"alert(1)"}}));
        tmp_->write("in/notes/rapport.md", "---\ntitle: Rapport sur Moura\nsource: Rapport d'ONG\nurl: "
                                           "https://ong.example/moura\nauthor: Équipe Sahel\n---\n\n" + kBody + "\n");
        tmp_->write("in/page.html",
                    "<!DOCTYPE html><html><head><title>Page de HRW</title>"
                    "<link rel=\"canonical\" href=\"https://www.hrw.org/fr/news/mali\">"
                    "<meta property=\"og:site_name\" content=\"Human Rights Watch\">"
                    "<meta property=\"article:author\" content=\"Corinne Dufka\"></head><body><article><p>" +
                        kBody + "</p></article></body></html>");
        tmp_->write("in/plain.txt", "Un texte sans provenance\n\n" + kBody + "\n");
        db_ = tmp_->path() + "/db";
        run({"index", "--db", db_, "--quiet", tmp_->path() + "/in"});
        server_ = new ServerProcess(db_);
        ASSERT_GT(server_->port(), 0) << "vigie serve did not say where it listens";
    }
    static void TearDownTestSuite() {
        delete server_;
        delete tmp_;
    }
    static std::string get(const std::string& path) {
        auto c = vigie::testing::patient_client(server_->port());
        auto res = c.Get(path);
        EXPECT_TRUE(res) << path;
        if (!res) return "";
        EXPECT_EQ(res->status, 200) << path << "\n" << res->body;
        return res->body;
    }

    static TempDir* tmp_;
    static std::string db_;
    static ServerProcess* server_;
};
TempDir* Provenance::tmp_ = nullptr;
std::string Provenance::db_;
ServerProcess* Provenance::server_ = nullptr;

void expect_provenance(const json& item, const std::string& where) {
    ASSERT_TRUE(expected().count(item["id"])) << where << ": " << item["id"];
    const Expected& e = expected().at(item["id"]);
    EXPECT_EQ(item["url"], e.url) << where << " " << item["id"];
    EXPECT_EQ(item["outlet"], e.outlet) << where << " " << item["id"];
    EXPECT_EQ(item["author"], e.author) << where << " " << item["id"];
    EXPECT_EQ(item["source"], e.source) << where << " " << item["id"];
}

TEST_F(Provenance, EveryHitAndReportCarriesItAndNoServerPath) {
    std::string body = get("/api/search?q=provmarker&limit=100");
    json r = json::parse(body);
    ASSERT_EQ(r["total"], expected().size()) << body.substr(0, 500);
    for (const json& hit : r["hits"]) {
        expect_provenance(hit, "/api/search");
        EXPECT_TRUE(hit.contains("path")) << "path stays, for scripts";
        json report = json::parse(get("/api/report/" + hit["id"].get<std::string>()));
        expect_provenance(report, "/api/report");
        EXPECT_EQ(report["source"].get<std::string>().find(tmp_->path()), std::string::npos);
    }
    // The CLI answers the same.
    json cli = json::parse(run({"search", "--db", db_, "--json", "--limit", "100", "provmarker"}));
    EXPECT_EQ(cli["hits"], r["hits"]);
    // Nothing of the hostile address reaches an answer.
    EXPECT_EQ(body.find("javascript:"), std::string::npos);
    EXPECT_EQ(body.find("onmouseover=\\\""), std::string::npos);
}

TEST_F(Provenance, ExportsHaveOutletUrlAuthorAndSourceColumns) {
    std::string csv = get("/api/export?q=provmarker&format=csv");
    std::istringstream lines(csv.substr(3));
    std::string header;
    std::getline(lines, header);
    EXPECT_EQ(header, "id,date,outlet,title,url,author,source,actors,places,mentioned,snippet\r");
    // No cell here holds a comma or a quote but w3's author and w4's
    // (encoded) url: compare the plain ones cell by cell.
    std::size_t rows = 0;
    for (std::string row; std::getline(lines, row);) {
        ++rows;
        std::string id = row.substr(0, row.find(','));
        ASSERT_TRUE(expected().count(id)) << row;
        const Expected& e = expected().at(id);
        if (e.url.is_string()) {
            EXPECT_NE(row.find("," + e.url.get<std::string>() + ","), std::string::npos) << row;
        }
        EXPECT_NE(row.find("," + e.source + ","), std::string::npos) << row;
        EXPECT_EQ(row.find(tmp_->path()), std::string::npos) << row;
        EXPECT_EQ(row.find("javascript:"), std::string::npos) << row;
        if (id == "w3") {
            EXPECT_NE(row.find(",\"Awa \"\"la\"\" Traoré\","), std::string::npos) << row;
        }
    }
    EXPECT_EQ(rows, expected().size());

    std::string jsonl = get("/api/export?q=provmarker&format=jsonl");
    std::istringstream jl(jsonl);
    std::size_t n = 0;
    for (std::string line; std::getline(jl, line); ++n) expect_provenance(json::parse(line), "/api/export jsonl");
    EXPECT_EQ(n, expected().size());
    // The CLI's export is the API's.
    EXPECT_EQ(run({"search", "--db", db_, "--format", "jsonl", "provmarker"}), jsonl);
}

// An index written before provenance: its documents lack the keys. Nothing
// is invented (url/outlet/author null) and the source is the file's name,
// not the absolute path the document holds.
TEST_F(Provenance, AnIndexWithoutProvenanceStillAnswers) {
    TempDir old;
    std::string db = old.path() + "/db";
    old.write("in/feed.jsonl", json({{"id", "o1"}, {"title", "Ancien"}, {"body", kBody},
                                     {"url", "https://old.example/o1"}, {"author", "AFP"}}).dump() + "\n");
    run({"index", "--db", db, "--quiet", old.path() + "/in"});
    {
        Xapian::WritableDatabase w(db + "/current");
        for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
            Xapian::Document d = w.get_document(*it);
            json data = json::parse(d.get_data());
            for (const char* key : {"url", "outlet", "author", "source"}) {
                ASSERT_TRUE(data.contains(key)) << key;
                data.erase(key);
            }
            d.set_data(data.dump());
            w.replace_document(*it, d);
        }
        w.commit();
    }
    json r = json::parse(run({"search", "--db", db, "--json", "provmarker"}));
    ASSERT_EQ(r["hits"].size(), 1u);
    const json& hit = r["hits"][0];
    EXPECT_TRUE(hit["url"].is_null() && hit["outlet"].is_null() && hit["author"].is_null()) << hit.dump();
    EXPECT_EQ(hit["source"], "feed.jsonl#o1");
    EXPECT_EQ(hit["path"], old.path() + "/in/feed.jsonl");
}

}  // namespace
