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

    static vigie::searcher::SearchResult run(const std::string& query, SearchRequest req = {}) {
        auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
        EXPECT_TRUE(s.ok());
        req.query = query;
        req.limit = 50;
        auto r = s->search(req);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? *r : vigie::searcher::SearchResult{};
    }
    // The reports counted: the hits lacking nothing.
    static std::vector<std::string> ids(const std::string& query, SearchRequest req = {}) {
        auto r = run(query, req);
        std::vector<std::string> out;
        for (auto& h : r.hits)
            if (h.missing.empty()) out.push_back(h.id);
        EXPECT_EQ(r.total, out.size()) << query;
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

TEST_F(QuerySyntax, CountsHoldEveryWordPartialMatchesFollowFlagged) {
    auto r = run("wagner drones");
    EXPECT_EQ(r.total, 1u);  // the only one with both
    EXPECT_EQ(r.partial_total, 2u);
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_EQ(r.hits[0].id, "c");
    EXPECT_TRUE(r.hits[0].missing.empty());
    for (std::size_t i = 1; i < 3; ++i) {
        const auto& h = r.hits[i];
        EXPECT_EQ(h.missing, std::vector<std::string>{h.id == "a" ? "drones" : "wagner"}) << h.id;
    }
    // Facets count what total counts.
    std::size_t counted = 0;
    for (const auto& v : r.facets["date"]) counted += v.count;
    EXPECT_EQ(counted, 1u);
    // Pages run through the full matches, then the partial ones.
    SearchRequest second;
    second.offset = 1;
    second.limit = 1;
    second.query = "wagner drones";
    auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
    auto page = s->search(second);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->hits.size(), 1u);
    EXPECT_FALSE(page->hits[0].missing.empty());
    EXPECT_EQ(page->total, 1u);
}

TEST_F(QuerySyntax, NoReportHoldsEveryWord) {
    auto r = run("moura kidal");
    EXPECT_EQ(r.total, 0u);
    EXPECT_EQ(r.partial_total, 2u);
    ASSERT_EQ(r.hits.size(), 2u);
    for (const auto& h : r.hits) EXPECT_EQ(h.missing.size(), 1u);
}

TEST_F(QuerySyntax, FiltersInTheQueryNarrow) {
    EXPECT_EQ(sorted_ids("wagner date:2022"), (V{"c"}));
    auto r = run("wagner date:2022");
    for (const auto& h : r.hits) EXPECT_EQ(h.id, "c");  // no partial match outside the filter either
    EXPECT_EQ(sorted_ids("date:2021"), (V{"a"}));
    EXPECT_EQ(sorted_ids("wagner date:2020"), V{});
}

TEST_F(QuerySyntax, BooleanOperators) {
    EXPECT_EQ(sorted_ids("wagner AND drones"), (V{"c"}));
    EXPECT_EQ(sorted_ids("moura OR gao"), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("wagner NOT drones"), (V{"a"}));
    EXPECT_EQ(sorted_ids("wagner -drones"), (V{"a"}));
    EXPECT_EQ(sorted_ids("NOT wagner"), (V{"b", "d"}));
    EXPECT_EQ(sorted_ids("+kidal drones"), (V{"b"}));
    EXPECT_EQ(sorted_ids("kidal AND"), (V{"b"}));
    EXPECT_EQ(sorted_ids("OR kidal"), (V{"b"}));
    EXPECT_EQ(sorted_ids("(moura OR gao) AND drones"), (V{"c"}));
}

TEST_F(QuerySyntax, PhraseAndPrefix) {
    EXPECT_EQ(sorted_ids("\"groupe Wagner\""), (V{"a"}));
    EXPECT_EQ(sorted_ids("\"Wagner groupe\""), V{});
    EXPECT_EQ(sorted_ids("massac*"), (V{"d"}));
    EXPECT_EQ(sorted_ids("dro*"), (V{"b", "c"}));
    EXPECT_EQ(sorted_ids("dro* dro* dro*"), (V{"b", "c"}));
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

// Whatever is typed is searched: what is not syntax is read as words.
TEST_F(QuerySyntax, WhateverIsTypedIsSearched) {
    EXPECT_EQ(sorted_ids("(wagner"), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("wagner)"), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("((moura) OR gao"), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("\"groupe Wagner"), (V{"a"}));
    EXPECT_EQ(sorted_ids("Wagner \""), (V{"a", "c"}));
    EXPECT_EQ(sorted_ids("title:"), V{});  // the word "title"
    EXPECT_EQ(sorted_ids("*"), (V{"a", "b", "c", "d"}));
    EXPECT_EQ(sorted_ids("-"), (V{"a", "b", "c", "d"}));
    EXPECT_EQ(sorted_ids("AND"), (V{"a", "b", "c", "d"}));
    EXPECT_EQ(sorted_ids("NOT"), (V{"a", "b", "c", "d"}));
    auto typo = run("Qui Sadi a-t)il tué à Moura ?");
    ASSERT_FALSE(typo.hits.empty());
    EXPECT_EQ(typo.hits[0].id, "a");
    EXPECT_EQ(typo.total, 0u);  // no report holds "sadi" nor "tué"
    auto r = run("wagner date:2022-13");
    EXPECT_EQ(r.total, 0u);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("date:2022-13"), std::string::npos);
    // Request parameters (not query text) are still checked.
    auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
    SearchRequest req;
    req.query = "wagner";
    req.from = "hier";
    auto bad = s->search(req);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("--from"), std::string::npos);
}

// A query of 100 000 '(' overflowed the stack: each level recursed. Brackets
// deeper than the limit are ignored.
TEST_F(QuerySyntax, DeepNestingIsSearchedNotACrash) {
    for (std::string q : {std::string(100000, '('), std::string(100000, ')'), std::string(100000, '"'),
                          std::string(100000, '(') + "wagner" + std::string(100000, ')')}) {
        auto r = run(q);
        EXPECT_TRUE(r.warnings.empty() || !r.warnings.front().empty());
    }
    EXPECT_EQ(sorted_ids(std::string(100000, '(') + "wagner" + std::string(100000, ')')), (V{"a", "c"}));
    std::string ok = std::string(30, '(') + "wagner" + std::string(30, ')');
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
