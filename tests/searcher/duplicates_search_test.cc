// Duplicates through a real index on disk (docs/duplicates.md): a feed with
// an original, its exact copy, a report the feed marks duplicate_of it, a
// near copy with small edits and two unrelated reports. Searches count
// reports and stories, group hits with their versions, and facets count
// both ways; an incremental run that changes a report regroups it.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using vigie::searcher::Count;
using vigie::searcher::SearchRequest;
using vigie::searcher::Searcher;

const std::string kStory =
    "Des hommes armés ont attaqué mardi le village de Ogossagou près de Mopti, tuant au moins trente "
    "civils selon les autorités locales. Les assaillants sont arrivés à moto avant l'aube et ont incendié des "
    "greniers et des maisons. Le gouvernement a dépêché des renforts militaires dans la région et "
    "promis une enquête. Les habitants rescapés ont fui vers Bankass où une aide d'urgence est distribuée par "
    "des organisations humanitaires qui demandent la protection des civils.";
const std::string kEdited =
    "Des hommes armés ont attaqué lundi le village de Ogossagou près de Mopti, tuant au moins trente "
    "civils selon les autorités régionales. Les assaillants sont arrivés à moto avant l'aube et ont incendié des "
    "greniers et des maisons. Le gouvernement a dépêché des renforts militaires dans la région et "
    "promis une enquête. Les habitants rescapés ont fui vers Bankass où une aide d'urgence est distribuée par "
    "des organisations humanitaires qui demandent la protection des civils.";
const std::string kRewritten =  // the same event, told otherwise: the feed says it copies a1
    "Attaque meurtrière à Ogossagou : trente morts, selon un bilan officiel provisoire donné par le ministre.";
const std::string kLyon =
    "Le conseil municipal de Lyon a voté jeudi le budget des écoles pour la rentrée, avec de nouveaux crédits "
    "pour la rénovation des cantines et des cours de récréation, après un long débat sur les transports.";
const std::string kGao =
    "Une attaque à Gao a visé un convoi de la Minusma mercredi, sans faire de victime selon la mission, qui "
    "annonce une enquête sur cet engin explosif placé au bord de la route nationale.";

std::string line(const std::string& id, const std::string& title, const std::string& body, const std::string& of = "") {
    json j = {{"id", id}, {"title", title}, {"body", body}, {"date", "2019-03-23"}};
    if (!of.empty()) j["duplicate_of"] = of;
    return j.dump() + "\n";
}

class DuplicateSearch : public ::testing::Test {
protected:
    void SetUp() override {
        write_feed("Massacre à Ogossagou", kEdited);
        index();
    }
    void write_feed(const std::string& near_title, const std::string& near) {
        tmp_.write("in/feed.jsonl", line("a1", "Massacre à Ogossagou", kStory) +
                                        line("a2", "Massacre à Ogossagou", kStory) +  // exact copy
                                        line("a3", "Bilan à Ogossagou", kRewritten, "a1") +
                                        line("a4", near_title, near) + line("b1", "Budget à Lyon", kLyon) +
                                        line("c1", "Attaque à Gao", kGao));
    }
    void index() {
        vigie::indexer::IndexOptions opts;
        opts.db_dir = tmp_ / "db";
        opts.paths = {tmp_ / "in"};
        auto summary = vigie::indexer::index_paths(opts);
        ASSERT_TRUE(summary.ok()) << summary.error().message;
        summary_ = *summary;
    }
    vigie::searcher::SearchResult search(SearchRequest req) {
        auto s = Searcher::open(tmp_ / "db");
        EXPECT_TRUE(s.ok());
        req.facet_limit = 0;
        auto r = s->search(req);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return *r;
    }
    static std::size_t facet(const vigie::searcher::SearchResult& r, const std::string& name, const std::string& id) {
        auto f = r.facets.find(name);
        if (f == r.facets.end()) return 0;
        for (const auto& v : f->second)
            if (v.id == id) return v.count;
        return 0;
    }
    vigie::testing::TempDir tmp_;
    vigie::indexer::IndexSummary summary_;
};

TEST_F(DuplicateSearch, GroupsFormedAtIndexTime) {
    EXPECT_EQ(summary_.groups, 1u);
    EXPECT_EQ(summary_.grouped_reports, 4u);
}

TEST_F(DuplicateSearch, TotalCountsReportsStoriesCountStories) {
    struct Case {
        std::string query;
        bool group;
        std::size_t total, stories, hits;
    } cases[] = {
        {"", true, 6, 3, 3},             // everything: a1-a4 one story, b1, c1
        {"Ogossagou", true, 4, 1, 1},
        {"Ogossagou", false, 4, 1, 4},   // not grouped: every report a hit, stories still said
        {"attaque", true, 2, 2, 2},      // the noun: a3 and c1, two stories
        {"village", true, 3, 1, 1},      // a1, a2, a4
        {"Lyon", true, 1, 1, 1},
    };
    for (const Case& c : cases) {
        SearchRequest req;
        req.query = c.query;
        req.group = c.group;
        req.count = Count::kStories;
        auto r = search(req);
        EXPECT_EQ(r.total, c.total) << c.query;
        ASSERT_TRUE(r.stories) << c.query;
        EXPECT_EQ(*r.stories, c.stories) << c.query;
        EXPECT_EQ(r.hits.size(), c.hits) << c.query;
    }
    SearchRequest plain;
    plain.query = "Ogossagou";
    EXPECT_FALSE(search(plain).stories);  // not asked: not counted
}

// Reports holding only some of the words are counted as reports, grouped or
// not: a collapsed MSet's count is an estimate (it said 11,000 for 10,024).
// No story holds every word here, so grouping leaves none of them out.
TEST_F(DuplicateSearch, PartialMatchesCountReportsWhenGrouped) {
    for (const char* query : {"Ogossagou Lyon", "Gao village budget", "quels villages Gao ?"}) {
        SearchRequest req;
        req.query = query;
        req.limit = 1;
        auto plain = search(req);
        req.group = true;
        auto grouped = search(req);
        EXPECT_GT(plain.partial_total, 0u) << query;
        EXPECT_EQ(grouped.partial_total, plain.partial_total) << query;
        EXPECT_EQ(grouped.total, plain.total) << query;
    }
}

// Grouped, a story among the full matches is not shown again among the
// partial ones. "Ogossagou enquête": a1, a2, a4 hold both words; a3 (the
// same story) only Ogossagou; c1 (another story) only enquête. The old code
// showed the story twice: a1 as a full match, a3 again as a partial one,
// and counted 2 partial reports.
TEST_F(DuplicateSearch, PartialMatchesLeaveOutStoriesAlreadyShown) {
    for (const char* query : {"Ogossagou enquête", "Ogossagou enquête ?"}) {
        SearchRequest req;
        req.query = query;
        auto plain = search(req);
        EXPECT_EQ(plain.total, 3u) << query;
        EXPECT_EQ(plain.partial_total, 2u) << query;  // a3 and c1: not grouped, every report
        EXPECT_FALSE(plain.partial_stories) << query;
        req.group = true;
        auto grouped = search(req);
        EXPECT_EQ(grouped.total, 3u) << query;
        ASSERT_EQ(grouped.hits.size(), 2u) << query;
        EXPECT_EQ(grouped.hits[0].group, "a1") << query;
        EXPECT_EQ(grouped.hits[0].versions, 4u) << query;  // a3 among its versions
        EXPECT_TRUE(grouped.hits[0].missing.empty()) << query;
        EXPECT_EQ(grouped.hits[1].id, "c1") << query;
        EXPECT_FALSE(grouped.hits[1].missing.empty()) << query;
        EXPECT_EQ(grouped.partial_total, 1u) << query;  // c1: a3's story is above
        ASSERT_TRUE(grouped.partial_stories) << query;
        EXPECT_EQ(*grouped.partial_stories, 1u) << query;
    }
}

// Grouped pages count stories through the full matches, then the partial
// ones: one story a page gives each once, none skipped ("Ogossagou Gao":
// no report holds both; "Ogossagou enquête": one full story, then c1).
TEST_F(DuplicateSearch, GroupedPagesRunThroughPartialStoriesOnce) {
    for (const char* query : {"Ogossagou enquête", "Ogossagou budget Gao"}) {
        SearchRequest req;
        req.query = query;
        req.group = true;
        auto whole = search(req);
        std::vector<std::string> expected, paged;
        for (const auto& h : whole.hits) expected.push_back(h.id);
        ASSERT_EQ(expected.size(), *whole.stories + *whole.partial_stories) << query;
        req.limit = 1;
        for (unsigned offset = 0; offset < expected.size() + 1; ++offset) {
            req.offset = offset;
            for (const auto& h : search(req).hits) paged.push_back(h.id);
        }
        EXPECT_EQ(paged, expected) << query;
    }
}

TEST_F(DuplicateSearch, GroupedHitListsItsVersions) {
    SearchRequest req;
    req.query = "Ogossagou";
    req.group = true;
    auto r = search(req);
    ASSERT_EQ(r.hits.size(), 1u);
    const auto& hit = r.hits[0];
    EXPECT_EQ(hit.group, "a1");
    EXPECT_EQ(hit.versions, 4u);
    std::vector<std::string> others = hit.other_versions, all = {"a1", "a2", "a3", "a4"};
    others.push_back(hit.id);
    std::sort(others.begin(), others.end());
    EXPECT_EQ(others, all);
    req.query = "Lyon";
    auto lyon = search(req);
    ASSERT_EQ(lyon.hits.size(), 1u);
    EXPECT_EQ(lyon.hits[0].versions, 1u);
    EXPECT_TRUE(lyon.hits[0].other_versions.empty());
}

TEST_F(DuplicateSearch, FacetsCountReportsOrStories) {
    for (const std::string& q : {std::string(), std::string("village")}) {
        SearchRequest req;
        req.query = q;
        auto reports = search(req);
        req.count = Count::kStories;
        auto stories = search(req);
        EXPECT_EQ(stories.count, Count::kStories);
        EXPECT_EQ(facet(reports, "year", "2019"), reports.total) << q;
        EXPECT_EQ(facet(stories, "year", "2019"), *stories.stories) << q;
        EXPECT_EQ(facet(reports, "date", "2019-03"), reports.total) << q;
        EXPECT_EQ(facet(stories, "date", "2019-03"), *stories.stories) << q;
        // Mopti: named by a1, a2, a4 (one story); Gao by c1.
        EXPECT_EQ(facet(reports, "place", "mopti"), 3u) << q;
        EXPECT_EQ(facet(stories, "place", "mopti"), 1u) << q;
    }
}

TEST_F(DuplicateSearch, IncrementalRunRegroups) {
    write_feed("Attaque à Gao", kGao + " Un second paragraphe sur la route de Gao.");  // a4 now tells c1's story
    index();
    EXPECT_GE(summary_.updated, 1u);
    SearchRequest req;
    req.group = true;
    req.query = "Ogossagou";
    auto r = search(req);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(r.hits[0].versions, 3u);  // a1, a2, a3
    req.query = "Gao";
    auto gao = search(req);
    ASSERT_EQ(gao.hits.size(), 1u);
    EXPECT_EQ(gao.hits[0].versions, 2u);  // c1 and a4
    EXPECT_EQ(gao.hits[0].group, "a4");
}

}  // namespace
