// Issue 15, cases 11, 12 and 13: a search has a deadline (503 past it),
// /api/stats reads stored counts and retries while an index run commits,
// /api/report/ID serves a large body in pages. A real index on disk, the
// built `vigie serve` on loopback.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "indexer/indexer.h"
#include "schema/schema.h"
#include "searcher/searcher.h"
#include "server/error_status.h"
#include "server/server_process.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using vigie::ErrorKind;
using vigie::searcher::Clock;
using vigie::testing::ServerProcess;
using vigie::testing::TempDir;
using namespace std::chrono_literals;

const std::string kSeeds = std::string(VIGIE_SOURCE_DIR) + "/seeds";

bool index(const std::string& db, std::vector<std::string> paths) {
    vigie::indexer::IndexOptions o;
    o.db_dir = db;
    o.paths = std::move(paths);
    return vigie::indexer::index_paths(o).ok();
}

// Plain words only (nothing the cleaner or the HTML escaping changes), with
// accents so that a page cut could fall inside a character.
std::string long_text(std::size_t bytes) {
    static const char* kWords[] = {"témoins", "armée", "à", "Mopti", "civils", "déplacés", "été", "région"};
    std::string text;
    for (std::size_t i = 0; text.size() < bytes; ++i) text += std::string(kWords[i % 8]) + " ";
    text.pop_back();
    return text;
}

// Case 11: the kind of a search past its deadline is "unavailable" (503),
// with a message a person can act on; a deadline not reached changes nothing.
TEST(SearchDeadline, PastItTheSearchFailsAsUnavailable) {
    TempDir tmp;
    ASSERT_TRUE(index(tmp / "db", {kSeeds}));
    auto s = vigie::searcher::Searcher::open(tmp / "db");
    ASSERT_TRUE(s.ok());
    vigie::searcher::SearchRequest req;
    for (int i = 0; i < 100; ++i) req.query += "\"de la\" ";
    auto unbounded = s->search(req);
    ASSERT_TRUE(unbounded.ok());
    req.deadline = Clock::now() + 600s;
    auto within = s->search(req);
    ASSERT_TRUE(within.ok());
    EXPECT_EQ(within->total, unbounded->total);
    EXPECT_EQ(within->hits.size(), unbounded->hits.size());
    req.deadline = Clock::now() - 1ms;
    auto late = s->search(req);
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().kind, ErrorKind::kUnavailable);
    EXPECT_NE(late.error().message.find("time limit"), std::string::npos) << late.error().message;
    EXPECT_EQ(vigie::server::http_status(late.error().kind), 503);
}

// The one mapping of kinds to statuses.
TEST(ErrorStatus, EachKindHasItsStatus) {
    struct Case {
        ErrorKind kind;
        int status;
    };
    for (Case c : {Case{ErrorKind::kInvalidArgument, 400}, Case{ErrorKind::kNotFound, 404},
                   Case{ErrorKind::kUnavailable, 503}, Case{ErrorKind::kIo, 500}, Case{ErrorKind::kCorruption, 500}})
        EXPECT_EQ(vigie::server::http_status(c.kind), c.status) << vigie::kind_name(c.kind);
}

// Case 19, the searcher's date parsing (the CLI's --from/--to go through it).
TEST(SearchDates, DatesThatDoNotExistAreRefused) {
    struct Case {
        const char* date;
        bool valid;
    };
    for (Case c : {Case{"2022", true}, Case{"2022-11", true}, Case{"2022-11-30", true}, Case{"2024-02-29", true},
                   Case{"2000-02-29", true}, Case{"2022-99-99", false}, Case{"2022-13-45", false},
                   Case{"2022-13", false}, Case{"2022-00", false}, Case{"2022-11-31", false}, Case{"2023-02-29", false},
                   Case{"1900-02-29", false}, Case{"2022-01-00", false}, Case{"99999-01-01", false}, Case{"", false}})
        EXPECT_EQ(vigie::searcher::valid_date(c.date), c.valid) << c.date;
    TempDir tmp;
    ASSERT_TRUE(index(tmp / "db", {kSeeds}));
    auto s = vigie::searcher::Searcher::open(tmp / "db");
    ASSERT_TRUE(s.ok());
    vigie::searcher::SearchRequest req;
    req.from = "2022-99-99";
    auto r = s->search(req);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(r.error().message.find("--from"), std::string::npos);
}

// Case 12: formats are counted from their XF<format> terms when the index
// has them: here every report's stored data is blanked after the terms are
// added, and the counts still hold.
TEST(Stats, FormatsFromStoredCounts) {
    TempDir tmp;
    std::string db = tmp / "db";
    ASSERT_TRUE(index(db, {kSeeds}));
    auto before = vigie::searcher::index_stats(db);
    ASSERT_TRUE(before.ok());
    ASSERT_FALSE(before->formats.empty());
    {
        Xapian::WritableDatabase w(vigie::schema::stub_path(db), Xapian::DB_OPEN);
        for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
            Xapian::Document d = w.get_document(*it);
            d.add_boolean_term("XF" + vigie::schema::deserialize(d.get_data())->format);
            d.set_data("");
            w.replace_document(*it, d);
        }
        w.commit();
    }
    auto after = vigie::searcher::index_stats(db);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->reports, before->reports);
    EXPECT_EQ(after->formats, before->formats);
}

class ServedIndex : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new TempDir;
        db_ = *tmp_ / "db";
        text_ = long_text(2'500'000);
        tmp_->write("big/long.txt", "Un long rapport\n\n" + text_ + "\n");
        ASSERT_TRUE(index(db_, {kSeeds, *tmp_ / "big"}));
        server_ = new ServerProcess(db_);
        ASSERT_GT(server_->port(), 0);
    }
    static void TearDownTestSuite() {
        delete server_;
        delete tmp_;
    }
    static json get(const std::string& path, int status = 200) {
        httplib::Client c("127.0.0.1", server_->port());
        c.set_read_timeout(60, 0);
        auto res = c.Get(path);
        EXPECT_TRUE(res) << path;
        if (!res) return json();
        EXPECT_EQ(res->status, status) << path << "\n" << res->body.substr(0, 300);
        return json::parse(res->body, nullptr, false);
    }
    static std::string long_id() {
        json hits = get("/api/search?q=%22Un+long+rapport%22")["hits"];
        return hits.empty() ? std::string() : hits[0]["id"].get<std::string>();
    }

    static TempDir* tmp_;
    static std::string db_, text_;
    static ServerProcess* server_;
};
TempDir* ServedIndex::tmp_ = nullptr;
std::string ServedIndex::db_, ServedIndex::text_;
ServerProcess* ServedIndex::server_ = nullptr;

// Case 13: a 2.5 MB body comes in pages of at most 1 MiB, each saying where
// the next starts; put together they are the whole text, cut on characters.
TEST_F(ServedIndex, LargeBodiesComeInPages) {
    std::string id = long_id();
    ASSERT_FALSE(id.empty());
    const std::string full = "Un long rapport\n\n" + text_;  // the stored body holds the title line
    std::string whole;
    std::size_t offset = 0;
    int pages = 0;
    for (; pages < 10; ++pages) {
        json r = get("/api/report/" + id + "?offset=" + std::to_string(offset));
        std::string body = r["body"].get<std::string>();
        EXPECT_LE(body.size(), 1024u * 1024u);
        EXPECT_EQ(r["body_offset"], offset);
        EXPECT_EQ(r["body_bytes"], full.size());
        EXPECT_EQ(body.find("\xEF\xBF\xBD"), std::string::npos) << "a character was cut";
        whole += body;
        if (!r["truncated"].get<bool>()) break;
        offset = r["next_offset"].get<std::size_t>();
    }
    EXPECT_EQ(pages, 2);  // 3 pages: 0, 1, 2
    EXPECT_TRUE(whole == full) << whole.size() << " bytes put together, " << full.size() << " stored";
    // A page asked for inside a character starts on its first byte.
    std::size_t inside = full.find("é") + 1;
    json r = get("/api/report/" + id + "?offset=" + std::to_string(inside) + "&length=100");
    EXPECT_EQ(r["body_offset"], inside - 1);
    EXPECT_LE(r["body"].get<std::string>().size(), 100u);
    EXPECT_EQ(r["body"].get<std::string>().rfind("é", 0), 0u);
    EXPECT_EQ(get("/api/report/" + id + "?length=2000000", 400)["parameter"], "length");
    EXPECT_EQ(get("/api/report/" + id + "?offset=x", 400)["parameter"], "offset");
}

// Case 12: /api/stats keeps answering while index runs commit to the index
// (a run every 200 ms, each committing twice; the issue saw 4 of 12 calls
// answered 503 during one run). This index has no XF terms, so each call
// reads every report: the retry is what is tested.
TEST_F(ServedIndex, StatsAnswerDuringIndexRuns) {
    std::atomic<bool> done = false;
    std::thread writer([&] {
        for (int run = 0; run < 100 && !done; ++run) {
            tmp_->write("more/r" + std::to_string(run) + ".txt", "Rapport " + std::to_string(run) + "\n\nÀ Gao, des civils.");
            index(db_, {kSeeds, *tmp_ / "big", *tmp_ / "more"});
            std::this_thread::sleep_for(200ms);
        }
    });
    int answered = 0;
    for (int i = 0; i < 12; ++i) {
        json st = get("/api/stats");
        if (st.is_object() && st.contains("reports")) ++answered;
    }
    done = true;
    writer.join();
    EXPECT_EQ(answered, 12);
}

}  // namespace
