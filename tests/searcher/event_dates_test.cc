// Event-date filters (docs/event-dates.md): the range builder's terms, and
// searches over a real index of reports mentioning dates of each precision.
#include <gtest/gtest.h>

#include <set>

#include <xapian.h>

#include "indexer/indexer.h"
#include "schema/event_terms.h"
#include "schema/schema.h"
#include "searcher/event_range.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

namespace vs = vigie::searcher;

TEST(EventTerms, OnePerPrecisionWithRollUps) {
    struct Case {
        const char* value;
        std::vector<std::string> terms;
    } cases[] = {
        {"2020", {"XEY2020"}},
        {"2020-08", {"XEM2020-08", "XEMy2020"}},
        {"2020-08-19", {"XED2020-08-19", "XEDm2020-08", "XEDy2020"}},
        {"--05-19", {}},
        {"--03", {}},
        {"", {}},
    };
    for (const auto& c : cases) EXPECT_EQ(vigie::schema::event_terms(c.value), c.terms) << c.value;
}

// Range -> query description. Years the index spans: 2018..2023.
TEST(EventRange, FewTermsAndWholeSpans) {
    const vs::EventYears years{2018, 2023};
    struct Case {
        const char *from, *to, *query;
    } cases[] = {
        // A whole year: its three roll-ups.
        {"2020", "2020", "Query((XEY2020 OR XEMy2020 OR XEDy2020))"},
        // A whole month: the month's mention and the days of it; no year term.
        {"2020-08", "2020-08", "Query((XEM2020-08 OR XEDm2020-08))"},
        // Part of a month: its days only (a month mention is not wholly inside).
        {"2020-08-10", "2020-08-12", "Query((XED2020-08-10 OR XED2020-08-11 OR XED2020-08-12))"},
        // Across a year boundary: edge days, whole months, no year term.
        {"2020-12-31", "2021-02", "Query((XED2020-12-31 OR XEM2021-01 OR XEDm2021-01 OR XEM2021-02 OR XEDm2021-02))"},
        // Leap day at the end of February 2020 counts the month whole.
        {"2020-02", "2020-02-29", "Query((XEM2020-02 OR XEDm2020-02))"},
        {"2020-02", "2020-02-28", ""},  // filled below: 28 day terms
        // Open ends: bounded by the index's years.
        {"2022", "", "Query((XEY2022 OR XEMy2022 OR XEDy2022 OR XEY2023 OR XEMy2023 OR XEDy2023))"},
        {"", "2018", "Query((XEY2018 OR XEMy2018 OR XEDy2018))"},
        // Cut to the index's years; outside them, nothing.
        {"1900", "2018", "Query((XEY2018 OR XEMy2018 OR XEDy2018))"},
        {"2030", "", "Query((<alldocuments> AND_NOT <alldocuments>))"},
    };
    for (const auto& c : cases) {
        auto q = vs::event_range_query(c.from, c.to, years);
        ASSERT_TRUE(q.ok()) << c.from << ".." << c.to;
        if (std::string(c.query).empty()) {
            std::string d = q->get_description();
            EXPECT_NE(d.find("XED2020-02-01"), std::string::npos);
            EXPECT_NE(d.find("XED2020-02-28"), std::string::npos);
            EXPECT_EQ(d.find("XEM2020-02"), std::string::npos) << d;
            EXPECT_EQ(q->get_length(), 28u);
            continue;
        }
        EXPECT_EQ(q->get_description(), c.query) << c.from << ".." << c.to;
    }
}

TEST(EventRange, RefusesReversedAndInvalid) {
    const vs::EventYears years{2018, 2023};
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"2021", "2020-12"}, {"2020-08-21", "2020-08-20"}, {"2020-13", ""}, {"", "2020-02-30"}, {"20", ""}}) {
        auto q = vs::event_range_query(from, to, years);
        ASSERT_FALSE(q.ok()) << from << ".." << to;
        EXPECT_EQ(q.error().kind, vigie::ErrorKind::kInvalidArgument);
    }
    EXPECT_TRUE(vs::event_range_query("2020-08", "2020", years).ok());  // same last day: not reversed
    EXPECT_TRUE(vs::event_range_query("", "", vs::EventYears{}).ok());  // no event term in the index
}

class EventSearch : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new vigie::testing::TempDir;
        // One report per precision, published in 2021 unless said otherwise.
        tmp_->write("feed/reports.jsonl",
                    R"({"id": "jour", "title": "Attaque à Gao", "date": "2021-03-01", "body": "Le 19 août 2020, une attaque a visé Gao."})" "\n"
                    R"({"id": "mois", "title": "Exactions à Moura", "date": "2021-03-01", "body": "En août 2020, des soldats des FAMa ont tué des civils."})" "\n"
                    R"({"id": "annee", "title": "Bilan", "date": "2021-03-01", "body": "Début 2019, les violences ont gagné le centre."})" "\n"
                    R"({"id": "saint-sylvestre", "title": "Nuit", "date": "2022-06-01", "body": "Le 31 décembre 2020, le JNIM a frappé Kidal."})" "\n"
                    R"({"id": "sans-annee", "title": "Sans année", "body": "Le 19 août, une attaque a visé Gao."})" "\n"
                    R"({"id": "rien", "title": "Sans date", "date": "2021-03-01", "body": "Une attaque a visé Gao."})" "\n");
        vigie::indexer::IndexOptions opts;
        opts.db_dir = *tmp_ / "db";
        opts.paths = {*tmp_ / "feed"};
        auto summary = vigie::indexer::index_paths(opts);
        ASSERT_TRUE(summary.ok()) << summary.error().message;
        ASSERT_EQ(summary->documents, 6u);
    }
    static void TearDownTestSuite() { delete tmp_; }

    static std::set<std::string> ids(vs::SearchRequest req) {
        auto s = vs::Searcher::open(*tmp_ / "db");
        EXPECT_TRUE(s.ok());
        req.limit = 100;
        auto r = s->search(req);
        EXPECT_TRUE(r.ok()) << r.error().message;
        std::set<std::string> out;
        if (!r.ok()) return out;
        for (const auto& h : r->hits) out.insert(h.id);
        EXPECT_EQ(r->total, out.size());
        return out;
    }
    static vs::SearchRequest events(std::string from, std::string to) {
        vs::SearchRequest r;
        r.event_from = std::move(from);
        r.event_to = std::move(to);
        return r;
    }
    static vigie::testing::TempDir* tmp_;
};
vigie::testing::TempDir* EventSearch::tmp_ = nullptr;

using Ids = std::set<std::string>;

TEST_F(EventSearch, WholeSpanInsideTheRange) {
    struct Case {
        const char *from, *to;
        Ids expected;
    } cases[] = {
        {"2020-08-19", "2020-08-19", {"jour"}},
        {"2020-08-10", "2020-08-20", {"jour"}},  // "août 2020" spans more: not inside
        {"2020-08", "2020-08", {"jour", "mois"}},
        {"2020-08-01", "2020-08-31", {"jour", "mois"}},
        {"2020", "2020", {"jour", "mois", "saint-sylvestre"}},
        {"2019", "2019", {"annee"}},
        {"2019-01", "2019-06", Ids{}},  // "début 2019" is a year: not inside half of it
        {"2020-12-31", "2021-01", {"saint-sylvestre"}},
        {"2021", "", Ids{}},
        {"", "2019-12-31", {"annee"}},
        {"2019", "", {"annee", "jour", "mois", "saint-sylvestre"}},
        {"", "", Ids{}},  // no event filter at all: every report (checked below)
    };
    for (const auto& c : cases) {
        if (!*c.from && !*c.to) continue;
        EXPECT_EQ(ids(events(c.from, c.to)), c.expected) << c.from << ".." << c.to;
    }
    EXPECT_EQ(ids(events("", "")).size(), 6u);
}

TEST_F(EventSearch, AndedWithPublicationDateActorsAndWords) {
    auto r = events("2020", "2020");
    r.from = "2022";  // published in 2022: only the New Year's Eve report
    EXPECT_EQ(ids(r), Ids{"saint-sylvestre"});
    r = events("2020", "2020");
    r.to = "2021-12";
    EXPECT_EQ(ids(r), (Ids{"jour", "mois"}));
    r = events("2020", "2020");
    r.actors = {"fama"};
    EXPECT_EQ(ids(r), Ids{"mois"});
    r = events("2020-08", "");
    r.query = "Gao";
    EXPECT_EQ(ids(r), Ids{"jour"});  // "sans-annee" names Gao and 19 août, no year: never matches
}

TEST_F(EventSearch, ReversedRangeIsAnInvalidArgument) {
    auto s = vs::Searcher::open(*tmp_ / "db");
    ASSERT_TRUE(s.ok());
    auto r = s->search(events("2021", "2020"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, vigie::ErrorKind::kInvalidArgument);
}

// An index written before event terms lacks the metadata key: refused, not 0.
TEST(EventSearchOldIndex, RefusedWithRebuildMessage) {
    vigie::testing::TempDir tmp;
    tmp.write("feed/r.jsonl", R"({"id": "a", "title": "T", "date": "2021-01-01", "body": "Le 19 août 2020 à Gao."})" "\n");
    vigie::indexer::IndexOptions opts;
    opts.db_dir = tmp / "db";
    opts.paths = {tmp / "feed"};
    ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
    {
        Xapian::WritableDatabase db(tmp / "db/current");
        db.set_metadata(std::string(vigie::schema::kEventTermsKey), "");  // as an older Vigie wrote it
        db.commit();
    }
    auto s = vs::Searcher::open(tmp / "db");
    ASSERT_TRUE(s.ok());
    vs::SearchRequest req;
    req.event_from = "2020";
    auto r = s->search(req);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, vigie::ErrorKind::kUnavailable);
    EXPECT_NE(r.error().message.find("vigie index --rebuild"), std::string::npos) << r.error().message;
    EXPECT_TRUE(s->search(vs::SearchRequest{}).ok());  // other searches still work

    // An incremental run does not mark it (its older reports still lack the terms)...
    tmp.write("feed/s.jsonl", R"({"id": "b", "title": "U", "body": "En août 2020."})" "\n");
    ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
    EXPECT_FALSE(vs::Searcher::open(tmp / "db")->search(req).ok());
    // ... a rebuild does.
    opts.rebuild = true;
    ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
    auto rebuilt = vs::Searcher::open(tmp / "db")->search(req);
    ASSERT_TRUE(rebuilt.ok());
    EXPECT_EQ(rebuilt->total, 2u);
}

}  // namespace
