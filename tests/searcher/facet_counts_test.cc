// Facet counts are exact: the searcher's two ways of counting (term
// frequencies when browsing everything, match spies for a query) against an
// oracle that reads every matching document's stored ids.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <xapian.h>

#include "indexer/indexer.h"
#include "schema/schema.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

using Counts = std::map<std::string, std::size_t>;

class FacetCounts : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new vigie::testing::TempDir;
        // The seeds name real actors and places; two more reports give a
        // year-only date and no date at all.
        tmp_->write("extra/year.txt", " date 2021 Wagner à Moura\nLes mercenaires du groupe Wagner et les FAMa à Moura.");
        tmp_->write("extra/none.txt", "Sans date\nUne attaque à Gao puis à Kidal, revendiquée par le JNIM.");
        vigie::indexer::IndexOptions opts;
        opts.db_dir = *tmp_ / "db";
        opts.paths = {std::string(VIGIE_SOURCE_DIR) + "/seeds", *tmp_ / "extra"};
        auto summary = vigie::indexer::index_paths(opts);
        ASSERT_TRUE(summary.ok());
        ASSERT_GE(summary->documents, 7u);
    }
    static void TearDownTestSuite() { delete tmp_; }

    // What each facet should say for the reports whose ids are in `ids`
    // (all reports when empty), read document by document.
    static std::map<std::string, Counts> oracle(const std::set<std::string>& ids) {
        Xapian::Database db(*tmp_ / "db/current");
        std::map<std::string, Counts> out;
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            Xapian::Document doc = db.get_document(*p);
            auto stored = vigie::schema::deserialize(doc.get_data());
            if (!stored || (!ids.empty() && !ids.count(stored->id))) continue;
            for (const auto& a : vigie::schema::unpack_ids(doc.get_value(vigie::schema::kSlotActors))) ++out["actor"][a];
            for (const auto& p2 : vigie::schema::unpack_ids(doc.get_value(vigie::schema::kSlotPlaces))) ++out["place"][p2];
            std::string month = doc.get_value(vigie::schema::kSlotDateMonth);
            if (!month.empty()) ++out["date"][month], ++out["year"][month.substr(0, 4)];
        }
        return out;
    }

    static std::map<std::string, Counts> facets(const vigie::searcher::SearchResult& r) {
        std::map<std::string, Counts> out;
        for (const auto& [name, values] : r.facets)
            for (const auto& v : values) out[name][v.id] = v.count;
        return out;
    }

    // What each facet should say in stories: per id, the distinct duplicate
    // groups (a report without one: its own) among the reports of `ids`.
    static std::map<std::string, Counts> story_oracle(const std::set<std::string>& ids) {
        Xapian::Database db(*tmp_ / "db/current");
        std::map<std::string, Counts> out;
        std::set<std::string> seen;
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            Xapian::Document doc = db.get_document(*p);
            auto stored = vigie::schema::deserialize(doc.get_data());
            if (!stored || (!ids.empty() && !ids.count(stored->id))) continue;
            std::string group = doc.get_value(vigie::schema::kSlotGroup);
            if (group.empty()) group = "#" + stored->id;
            auto count = [&](const std::string& facet, const std::string& id) {
                if (seen.insert(facet + "/" + group + "/" + id).second) ++out[facet][id];
            };
            for (const auto& a : vigie::schema::unpack_ids(doc.get_value(vigie::schema::kSlotActors))) count("actor", a);
            for (const auto& p2 : vigie::schema::unpack_ids(doc.get_value(vigie::schema::kSlotPlaces))) count("place", p2);
            std::string month = doc.get_value(vigie::schema::kSlotDateMonth);
            if (!month.empty()) count("date", month);
        }
        return out;
    }

    static vigie::searcher::SearchResult search(const std::string& query,
                                                vigie::searcher::Count count = vigie::searcher::Count::kReports) {
        auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
        EXPECT_TRUE(s.ok());
        vigie::searcher::SearchRequest req;
        req.count = count;
        req.query = query;
        req.limit = 100;
        req.facet_limit = 0;  // every value
        auto r = s->search(req);
        EXPECT_TRUE(r.ok());
        return r.ok() ? *r : vigie::searcher::SearchResult{};
    }

    static vigie::testing::TempDir* tmp_;
};
vigie::testing::TempDir* FacetCounts::tmp_ = nullptr;

TEST_F(FacetCounts, BrowsingEverythingCountsEveryReport) {
    auto r = search("");
    auto expected = oracle({});
    EXPECT_EQ(r.total, r.hits.size());
    EXPECT_GE(expected["actor"].size(), 5u);
    EXPECT_EQ(expected["date"].count("2021"), 1u);  // the year-only report is counted under its year
    for (const char* f : {"actor", "place", "date", "year"}) EXPECT_EQ(facets(r)[f], expected[f]) << f;
}

TEST_F(FacetCounts, AQueryCountsItsMatches) {
    for (const char* q : {"Wagner", "armée OR attaque", "Mali"}) {
        auto r = search(q);
        std::set<std::string> ids;
        for (const auto& h : r.hits) ids.insert(h.id);
        ASSERT_FALSE(ids.empty()) << q;
        ASSERT_EQ(r.total, ids.size()) << q;
        auto expected = oracle(ids);
        for (const char* f : {"actor", "place", "date", "year"}) EXPECT_EQ(facets(r)[f], expected[f]) << q << " " << f;
    }
}

TEST_F(FacetCounts, StoriesCountEachDuplicateGroupOnce) {
    for (const char* q : {"Wagner", "armée OR attaque", "Mali", ""}) {
        auto r = search(q, vigie::searcher::Count::kStories);
        std::set<std::string> ids;
        for (const auto& h : r.hits) ids.insert(h.id);
        ASSERT_FALSE(ids.empty()) << q;
        auto expected = story_oracle(ids);
        for (const char* f : {"actor", "place", "date"}) EXPECT_EQ(facets(r)[f], expected[f]) << q << " " << f;
    }
}

}  // namespace
