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
// Quotes are these words in this order, with their forms, accents aside:
// 000 writes "coups d'Etat".
TEST_F(Seeds, CoupDEtatPhrase) {
    EXPECT_EQ(keys("\"coup d'État\""), (Keys{"000", "001", "003", "004"}));
    EXPECT_EQ(keys("\"coups d'Etat\""), (Keys{"000", "001", "003", "004"}));
    EXPECT_TRUE(keys("\"État coup\"").empty());
    EXPECT_EQ(keys("coup d'État"), (Keys{"000", "001", "003", "004"}));
}
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
TEST_F(Seeds, SpellingSuggestionsFromTheIndex) {
    EXPECT_EQ(run("Wagnr").suggestion.value_or(""), "wagner");
    EXPECT_EQ(run("Diallasagou").suggestion.value_or(""), "diallassagou");
    EXPECT_EQ(run("masacre").suggestion.value_or(""), "massacre");
    EXPECT_FALSE(run("massacre Wagner").suggestion.has_value());
    EXPECT_FALSE(run("drone").suggestion.has_value());     // found through its stem
    EXPECT_FALSE(run("déplacés").suggestion.has_value());
    EXPECT_FALSE(run("CPI").suggestion.has_value());       // an actor's acronym
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

namespace {

class SeedEntities : public Seeds {
protected:
    static vigie::searcher::SearchResult filtered(const std::string& q, std::vector<std::string> actors,
                                                  std::vector<std::string> places) {
        auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
        vigie::searcher::SearchRequest req;
        req.query = q;
        req.limit = 50;
        req.actors = std::move(actors);
        req.places = std::move(places);
        auto r = s->search(req);
        EXPECT_TRUE(r.ok());
        return r.ok() ? *r : vigie::searcher::SearchResult{};
    }
    static Keys keys_of(const vigie::searcher::SearchResult& r) {
        Keys k;
        for (auto& h : r.hits) k.insert(h.id.substr(0, 3));
        return k;
    }
    static std::size_t facet_count(const vigie::searcher::SearchResult& r, const std::string& facet,
                                   const std::string& id) {
        for (auto& v : r.facets.at(facet))
            if (v.id == id) return v.count;
        return 0;
    }
};

TEST_F(SeedEntities, ActorFiltersAndExactCounts) {
    auto all = run("");
    EXPECT_EQ(facet_count(all, "actor", "wagner"), 5u);
    EXPECT_EQ(keys_of(filtered("", {"wagner"}, {})), (Keys{"000", "001", "002", "003", "004"}));
    EXPECT_EQ(keys_of(filtered("", {"katiba-macina"}, {})), (Keys{"004"}));
    // Two values of one facet: either (OR); an actor and a place: both (AND).
    EXPECT_EQ(keys_of(filtered("", {"wagner", "katiba-macina"}, {})), (Keys{"000", "001", "002", "003", "004"}));
    EXPECT_EQ(keys_of(filtered("", {"katiba-macina"}, {"mopti"})), (Keys{"004"}));
    EXPECT_EQ(keys_of(filtered("", {"katiba-macina"}, {"kidal"})), Keys{});
    // Counts are over every match, not over the page shown.
    auto page = filtered("", {}, {});
    EXPECT_EQ(facet_count(page, "actor", "fama"), keys_of(filtered("", {"fama"}, {})).size());
}

TEST_F(SeedEntities, PlaceFiltersIncludeDescendants) {
    EXPECT_EQ(keys_of(filtered("", {}, {"kidal"})), (Keys{"002"}));
    EXPECT_EQ(keys_of(filtered("", {}, {"mopti"})), (Keys{"000", "004"}));  // Moura, Diallassagou
    EXPECT_EQ(keys_of(filtered("", {}, {"moura"})), (Keys{"000"}));
    EXPECT_EQ(keys_of(filtered("massacre", {}, {"mopti"})), (Keys{"004"}));
    EXPECT_EQ(keys_of(filtered("", {}, {"mopti", "kidal"})), (Keys{"000", "002", "004"}));  // OR
}

TEST_F(SeedEntities, FacetValuesCarryLabelsAndTypes) {
    auto all = run("");
    bool found_actor = false, found_place = false;
    for (auto& v : all.facets.at("actor"))
        if (v.id == "wagner") found_actor = v.type == "foreign_force" && v.label.find("Wagner") != std::string::npos;
    for (auto& v : all.facets.at("place"))
        if (v.id == "moura") found_place = v.label == "Moura" && !v.parent.empty();
    EXPECT_TRUE(found_actor);
    EXPECT_TRUE(found_place);
    EXPECT_EQ(facet_count(all, "date", "2022-11"), 1u);
    EXPECT_EQ(facet_count(all, "year", "2022"), 2u);
}

TEST_F(SeedEntities, AnAliasTypedCountsItsWordsAndShowsTheActorsOtherWordings) {
    // 000 says "l'armée malienne", never "FAMa": it is shown, flagged as
    // lacking the word, and not counted; the actor filter counts it.
    auto fama = run("FAMa");
    const vigie::searcher::Hit* h000 = nullptr;
    std::size_t full = 0;
    for (const auto& h : fama.hits) {
        if (h.id.starts_with("000")) h000 = &h;
        if (h.missing.empty()) ++full;
    }
    ASSERT_NE(h000, nullptr);
    EXPECT_EQ(h000->missing, (std::vector<std::string>{"fama"}));
    EXPECT_EQ(fama.total, full);
    EXPECT_GE(fama.partial_total, 1u);
    EXPECT_TRUE(keys_of(filtered("", {"fama"}, {})).count("000"));
    ASSERT_EQ(fama.warnings.size(), 1u);
    EXPECT_NE(fama.warnings[0].find("actor:fama"), std::string::npos);
    EXPECT_EQ(keys("actor:\"forces armées maliennes\""), keys_of(filtered("", {"fama"}, {})));
    EXPECT_EQ(keys("place:Ségou"), (Keys{"000"}));
    EXPECT_EQ(keys("actor:wagner place:kidal"), (Keys{"002"}));
}

TEST_F(SeedEntities, HitsCarryEntitiesAndMentionedDates) {
    auto r = run("Amassine");
    ASSERT_EQ(r.hits.size(), 1u);
    const auto& h = r.hits[0];
    EXPECT_FALSE(h.date.has_value());
    EXPECT_NE(std::find(h.places.begin(), h.places.end(), "amassine"), h.places.end());
    EXPECT_NE(std::find(h.actors.begin(), h.actors.end(), "csp"), h.actors.end());
    bool may19 = false;
    for (auto& [text, value] : h.mentioned) may19 = may19 || (text == "19 mai" && value == "--05-19");
    EXPECT_TRUE(may19) << "an undated report must not invent the year";
    auto dated = run("Diallassagou");
    ASSERT_FALSE(dated.hits.empty());
    bool june18 = false;
    for (auto& [text, value] : dated.hits[0].mentioned) june18 = june18 || value == "2022-06-18";
    EXPECT_TRUE(june18);
}

TEST_F(SeedEntities, PersonsFoundByTheirTitle) {
    auto r = filtered("", {"drissa-traore"}, {});
    EXPECT_EQ(keys_of(r), (Keys{"000"}));
    bool labelled = false;
    // Keep the result alive: the range of a for loop over run("").facets.at()
    // would refer into a temporary destroyed before the loop body.
    auto all = run("");
    for (auto& v : all.facets.at("actor"))
        if (v.id == "drissa-traore") labelled = v.label == "Drissa Traoré" && v.type == "person";
    EXPECT_TRUE(labelled);
}

}  // namespace
