// The five seed reports, indexed into a temporary folder and searched through
// the libraries.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

using Keys = std::set<std::string>;

class Seeds : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new vigie::testing::TempDir;
        vigie::indexer::IndexOptions opts;
        opts.db_dir = *tmp_ / "db";
        opts.paths = {std::string(VIGIE_SOURCE_DIR) + "/seeds"};
        auto s = vigie::indexer::index_paths(opts);
        ASSERT_TRUE(s.ok()) << s.error().message;
        ASSERT_EQ(s->added, 5u);
    }
    static void TearDownTestSuite() { delete tmp_; }

    static vigie::searcher::SearchResult run(const std::string& q) {
        auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
        EXPECT_TRUE(s.ok());
        vigie::searcher::SearchRequest req;
        req.query = q;
        req.limit = 50;
        auto r = s->search(req);
        EXPECT_TRUE(r.ok()) << q;
        return r.ok() ? *r : vigie::searcher::SearchResult{};
    }
    // Seed keys ("000".."004") of the hits, in rank order.
    static std::vector<std::string> ranked(const std::string& q) {
        std::vector<std::string> out;
        for (auto& h : run(q).hits) out.push_back(h.id.substr(0, 3));
        return out;
    }
    static Keys keys(const std::string& q) {
        auto v = ranked(q);
        return Keys(v.begin(), v.end());
    }
    static vigie::testing::TempDir* tmp_;
};
vigie::testing::TempDir* Seeds::tmp_ = nullptr;

TEST_F(Seeds, ArmeeHitsAllFive) { EXPECT_EQ(keys("armée"), (Keys{"000", "001", "002", "003", "004"})); }
TEST_F(Seeds, SegouHitsOnlyTheFirst) { EXPECT_EQ(keys("Segou"), (Keys{"000"})); }
TEST_F(Seeds, GoitaWithOrWithoutDiaeresis) {
    EXPECT_EQ(keys("Goita"), (Keys{"003", "004"}));
    EXPECT_EQ(keys("Goïta"), (Keys{"003", "004"}));
}
TEST_F(Seeds, CoupDEtatPhrase) { EXPECT_EQ(keys("\"coup d'État\""), (Keys{"000", "001", "003", "004"})); }
TEST_F(Seeds, Massacre) { EXPECT_EQ(keys("massacre"), (Keys{"001", "002", "004"})); }
TEST_F(Seeds, AlQaida) {
    EXPECT_EQ(keys("Al-Qaïda"), (Keys{"001", "003", "004"}));
    EXPECT_EQ(keys("al qaida"), (Keys{"001", "003", "004"}));
}
TEST_F(Seeds, ArmesRanksWeaponsFirst) {
    auto r = ranked("armes");
    ASSERT_GE(r.size(), 3u);
    EXPECT_EQ(Keys(r.begin(), r.begin() + 3), (Keys{"000", "001", "003"}));
}
TEST_F(Seeds, CasquesBleusFirst) {
    auto r = ranked("casques bleus");
    ASSERT_FALSE(r.empty());
    EXPECT_EQ(r[0], "001");
}
TEST_F(Seeds, EmptyQueryIsEveryReport) { EXPECT_EQ(run("").total, 5u); }

TEST_F(Seeds, HitsCarryTitleDateAndEscapedSnippet) {
    auto r = run("Lavrov");
    ASSERT_FALSE(r.hits.empty());
    const auto& h = r.hits[0];
    EXPECT_EQ(h.id.substr(0, 3), "003");
    EXPECT_EQ(h.title.find("Home"), std::string::npos);
    EXPECT_EQ(h.title.rfind("Lavrov", 0), 0u) << h.title;
    EXPECT_FALSE(h.date.has_value());
    EXPECT_NE(h.snippet.find("<b>Lavrov</b>"), std::string::npos);
    auto dated = run("Moura");
    ASSERT_FALSE(dated.hits.empty());
    EXPECT_EQ(dated.hits[0].date.value_or(""), "2022-11");
}

TEST_F(Seeds, BoilerplateIsNotIndexed) {
    EXPECT_EQ(run("Jamesbcn").total, 0u);
    EXPECT_EQ(run("\"All Right Reserved\"").total, 0u);
    EXPECT_EQ(run("\"You may also like\"").total, 0u);
}

TEST_F(Seeds, IndexingTwiceKeepsFiveDocuments) {
    vigie::indexer::IndexOptions opts;
    opts.db_dir = *tmp_ / "db";
    opts.paths = {std::string(VIGIE_SOURCE_DIR) + "/seeds"};
    auto s = vigie::indexer::index_paths(opts);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->unchanged, 5u);
    EXPECT_EQ(s->added, 0u);
    EXPECT_EQ(s->documents, 5u);
    opts.rebuild = true;
    s = vigie::indexer::index_paths(opts);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->added, 5u);
    EXPECT_EQ(s->documents, 5u);
    EXPECT_EQ(run("").total, 5u);
}

}  // namespace
