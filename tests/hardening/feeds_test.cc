// Issue 15, cases 4, 5 and 19: a feed cut by kill -9 is resumed, a damaged
// line keeps the report it held, a repeated id is reported, numeric ids are
// kept and impossible dates are no dates.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "run_vigie.h"

namespace {

using namespace std::chrono_literals;
using vigie::testing::finish_vigie;
using vigie::testing::indexed_ids;
using vigie::testing::Outcome;
using vigie::testing::search_total;
using vigie::testing::start_vigie;
using vigie::testing::TempDir;
using vigie::testing::vigie;

std::string line(const std::string& id, const std::string& body, const std::string& date = "2022-05-01") {
    return R"({"id": ")" + id + R"(", "title": "Rapport )" + id + R"(", "date": ")" + date + R"(", "body": ")" + body +
           "\"}\n";
}

// Case 4: killed in the middle of a feed, the next run indexes the rest.
TEST(Issue15, FeedCutByKillIsResumedByTheNextRun) {
    TempDir tmp;
    constexpr int kLines = 6000;
    std::string feed;
    for (int i = 0; i < kLines; ++i)
        feed += line("r" + std::to_string(i), "Des soldats ont tué des civils à Mopti, selon le témoin " +
                                                   std::to_string(i) + ". Les villages de la région de Ségou ont été "
                                                   "incendiés et les habitants ont fui vers Bamako.");
    tmp.write("r/flux.jsonl", feed);
    std::string db = tmp / "db";
    pid_t pid = start_vigie({"index", "--db", db, "--quiet", "--batch-size", "50", "--threads", "1", tmp / "r"}, tmp);
    // Kill once a first batch is committed (a search sees it), long before the end.
    auto until = std::chrono::steady_clock::now() + 240s;
    long seen = 0;
    while (std::chrono::steady_clock::now() < until) {
        seen = search_total(db, "", tmp);
        if (seen > 0) break;
        std::this_thread::sleep_for(20ms);
    }
    ::kill(pid, SIGKILL);
    Outcome killed = finish_vigie(pid, tmp, 60s);
    ASSERT_EQ(killed.status, -SIGKILL) << "the run ended before it could be killed";
    long before = search_total(db, "", tmp);
    ASSERT_GT(before, 0);
    ASSERT_LT(before, kLines);

    Outcome again = vigie({"index", "--db", db, "--quiet", "--json", tmp / "r"}, tmp);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(search_total(db, "", tmp), kLines) << again.out;
    auto j = again.json();
    EXPECT_EQ(j["added"].get<long>() + j["unchanged"].get<long>(), kLines) << again.out;
    // And it stays so: the feed is then unchanged as a whole.
    Outcome third = vigie({"index", "--db", db, "--quiet", "--json", tmp / "r"}, tmp);
    EXPECT_EQ(third.json()["unchanged"], kLines) << third.out;
}

// Case 5: a line damaged since the last run keeps the report it held.
TEST(Issue15, DamagedFeedLineKeepsItsOldReport) {
    TempDir tmp;
    tmp.write("r/flux.jsonl", line("a", "Attaque à Kidal.") + line("b", "Enlèvement à Ménaka.") +
                                  line("c", "Exécutions à Diafarabé."));
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp).status, 0);
    tmp.write("r/flux.jsonl", line("a", "Attaque à Kidal, bilan revu.") + "{\"id\": \"b\", \"title\": \"coupé\n" +
                                  line("c", "Exécutions à Diafarabé."));
    Outcome r = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find(tmp / "r/flux.jsonl" + ":2:"), std::string::npos) << r.err;
    EXPECT_EQ(search_total(db, "Ménaka", tmp), 1);
    EXPECT_EQ(search_total(db, "bilan", tmp), 1);
    EXPECT_EQ(search_total(db, "", tmp), 3);
}

// Case 19: the same id twice is reported, the first kept.
TEST(Issue15, RepeatedFeedIdIsReportedNotReplacing) {
    TempDir tmp;
    tmp.write("r/flux.jsonl", line("x", "Attaque à Kidal.") + line("x", "Enlèvement à Ménaka."));
    std::string db = tmp / "db";
    Outcome r = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find(tmp / "r/flux.jsonl" + ":2: id \"x\" already given on line 1"), std::string::npos) << r.err;
    EXPECT_EQ(search_total(db, "Kidal", tmp), 1);
    EXPECT_EQ(search_total(db, "Ménaka", tmp), 0);
}

// Case 19: numeric ids are kept as written; impossible dates are no dates.
TEST(Issue15, NumericIdsKeptImpossibleDatesRejected) {
    TempDir tmp;
    tmp.write("r/flux.jsonl", R"({"id": 42, "title": "Quarante-deux", "body": "Attaque à Kidal."})" "\n" +
                                  line("loin", "Enlèvement à Ménaka.", "99999-01-01") +
                                  line("faux", "Exécutions à Diafarabé.", "2022-13-45"));
    std::string db = tmp / "db";
    Outcome r = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    ASSERT_EQ(r.status, 0) << r.err;
    auto ids = indexed_ids(db, tmp);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"42", "faux", "loin"}));
    for (const char* q : {"Ménaka", "Diafarabé"}) {
        auto j = vigie({"search", "--db", db, "--json", q}, tmp).json();
        ASSERT_EQ(j["total"], 1) << q;
        EXPECT_TRUE(j["hits"][0]["date"].is_null()) << q << ": " << j["hits"][0]["date"];
    }
}

// Case 19: a --rebuild killed half-way leaves no generation behind once
// the next run has started.
TEST(Issue15, KilledRebuildLeavesNoGeneration) {
    TempDir tmp;
    std::string feed;
    for (int i = 0; i < 6000; ++i) feed += line("r" + std::to_string(i), "Des civils tués à Mopti, témoin " + std::to_string(i) + ".");
    tmp.write("r/flux.jsonl", feed);
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp).status, 0);
    pid_t pid = start_vigie({"index", "--db", db, "--quiet", "--rebuild", "--batch-size", "50", tmp / "r"}, tmp);
    auto until = std::chrono::steady_clock::now() + 240s;
    while (std::chrono::steady_clock::now() < until && !std::filesystem::exists(db + "/gen-000002/iamglass"))
        std::this_thread::sleep_for(5ms);
    ::kill(pid, SIGKILL);
    Outcome killed = finish_vigie(pid, tmp, 60s);
    ASSERT_EQ(killed.status, -SIGKILL) << "the rebuild ended before it could be killed";
    ASSERT_TRUE(std::filesystem::exists(db + "/gen-000002"));
    Outcome next = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    EXPECT_EQ(next.status, 0) << next.err;
    EXPECT_FALSE(std::filesystem::exists(db + "/gen-000002"));
    EXPECT_EQ(search_total(db, "", tmp), 6000);
}

}  // namespace
