// The query syntax of CONTRACT.md on a small real index.
#include <gtest/gtest.h>

#include <algorithm>

#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

using vigie::searcher::SearchRequest;

class QuerySyntax : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new vigie::testing::TempDir;
        tmp_->write("r/a.txt", " date 2021-03 Wagner à Moura\nLes mercenaires du groupe Wagner à Moura.");
        tmp_->write("r/b.txt", " date 2022-06 Drones à Kidal\nUne frappe de drones de l'armée à Kidal.");
        tmp_->write("r/c.txt", " date 2022-11 Wagner et drones\nWagner utilise des drones près de Gao.");
        tmp_->write("r/d.txt", "Massacre sans date\nUn massacre de civils, des massacres répétés.");
        vigie::indexer::IndexOptions opts;
        opts.db_dir = *tmp_ / "db";
        opts.paths = {*tmp_ / "r"};
        ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
    }
    static void TearDownTestSuite() { delete tmp_; }

    static std::vector<std::string> ids(const std::string& query, SearchRequest req = {}) {
        auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
        EXPECT_TRUE(s.ok());
        req.query = query;
        req.limit = 50;
        auto r = s->search(req);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        std::vector<std::string> out;
        if (!r.ok()) return out;
        for (auto& h : r->hits) out.push_back(h.id);
        EXPECT_EQ(r->total, out.size());
        return out;
    }
    static std::vector<std::string> sorted_ids(const std::string& q, SearchRequest req = {}) {
        auto v = ids(q, req);
        std::sort(v.begin(), v.end());
        return v;
    }
    static vigie::testing::TempDir* tmp_;
};
vigie::testing::TempDir* QuerySyntax::tmp_ = nullptr;

using V = std::vector<std::string>;

TEST_F(QuerySyntax, EmptyQueryMatchesAll) { EXPECT_EQ(sorted_ids(""), (V{"a", "b", "c", "d"})); }

TEST_F(QuerySyntax, WordsPreferAll) {
    auto v = ids("wagner drones");
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0], "c");  // the only one with both
}

TEST_F(QuerySyntax, BooleanOperators) {
    EXPECT_EQ(sorted_ids("wagner AND drones"), (V{"c"}));
    EXPECT_EQ(sorted_ids("moura OR gao"), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("wagner NOT drones"), (V{"a"}));
    EXPECT_EQ(sorted_ids("wagner -drones"), (V{"a"}));
    EXPECT_EQ(sorted_ids("NOT wagner"), (V{"b", "d"}));
    EXPECT_EQ(sorted_ids("+kidal drones"), (V{"b"}));
    EXPECT_EQ(sorted_ids("(moura OR gao) AND drones"), (V{"c"}));
}

TEST_F(QuerySyntax, PhraseAndPrefix) {
    EXPECT_EQ(sorted_ids("\"groupe Wagner\""), (V{"a"}));
    EXPECT_EQ(sorted_ids("\"Wagner groupe\""), V{});
    EXPECT_EQ(sorted_ids("massac*"), (V{"d"}));
    EXPECT_EQ(sorted_ids("dro*"), (V{"b", "c"}));
}

TEST_F(QuerySyntax, TitleField) {
    EXPECT_EQ(sorted_ids("title:kidal"), (V{"b"}));
    EXPECT_EQ(sorted_ids("titre:wagner"), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("title:gao"), V{});
}

TEST_F(QuerySyntax, DatesFilterAndSort) {
    SearchRequest req;
    req.from = "2022";
    EXPECT_EQ(sorted_ids("", req), (V{"b", "c"}));
    req.from = "2021-01";
    req.to = "2022-06";
    EXPECT_EQ(sorted_ids("", req), (V{"a", "b"}));
    EXPECT_EQ(sorted_ids("date:2022-11"), (V{"c"}));
    SearchRequest by_date;
    by_date.sort = vigie::searcher::Sort::kDate;
    EXPECT_EQ(ids("", by_date), (V{"c", "b", "a", "d"}));
}

TEST_F(QuerySyntax, ErrorsNameTheProblem) {
    auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
    ASSERT_TRUE(s.ok());
    SearchRequest req;
    req.query = "(wagner";
    auto r = s->search(req);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find(")"), std::string::npos);
    req.query = "wagner";
    req.from = "hier";
    r = s->search(req);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("--from"), std::string::npos);
}

// A query of 100 000 '(' overflowed the stack: each level recursed.
TEST_F(QuerySyntax, DeepNestingIsAnErrorNotACrash) {
    auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
    ASSERT_TRUE(s.ok());
    SearchRequest req;
    for (std::string q : {std::string(100000, '('), std::string(100000, '(') + "wagner" + std::string(100000, ')')}) {
        req.query = q;
        auto r = s->search(req);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message.find("nested"), std::string::npos) << r.error().message;
    }
    std::string ok = std::string(64, '(') + "wagner" + std::string(64, ')');
    EXPECT_EQ(sorted_ids(ok), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("((moura) OR (gao)) AND ((drones))"), (V{"c"}));
}

TEST_F(QuerySyntax, SnippetsHighlightElidedForms) {
    auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
    SearchRequest req;
    req.query = "armée";
    auto r = s->search(req);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->hits.size(), 1u);
    EXPECT_NE(r->hits[0].snippet.find("<b>l'armée</b>"), std::string::npos) << r->hits[0].snippet;
}

TEST_F(QuerySyntax, SuggestsOnlyForUnknownWords) {
    auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
    SearchRequest req;
    req.query = "Wagnr";
    auto r = s->search(req);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->suggestion.has_value());
    EXPECT_EQ(*r->suggestion, "wagner");
    req.query = "wagner drones";
    r = s->search(req);
    EXPECT_FALSE(r->suggestion.has_value());
}

}  // namespace
