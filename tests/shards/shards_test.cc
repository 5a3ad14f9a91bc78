// Sharded indexes: `index --shards N` writes N shards and a lexicon; a
// search over them (local shards, or shards served by xapian-tcpsrv through
// a stub listing `remote` lines) answers exactly as one database would:
// same hits, totals, ranking scores, snippets, facet counts, suggestions.
// A shard that stops answering is an error naming it, never a partial answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <httplib.h>
#include <xapian.h>

#include "indexer/indexer.h"
#include "schema/schema.h"
#include "searcher/searcher.h"
#include "server/server_process.h"
#include "support/temp_dir.h"
#include "tcpsrv_process.h"

namespace fs = std::filesystem;
using vigie::searcher::SearchRequest;
using vigie::searcher::SearchResult;
using vigie::searcher::Searcher;

namespace {

constexpr unsigned kShards = 3;

// Reports naming actors and places in varied combinations, so that every
// shard holds some and the facets have many values.
void write_corpus(const vigie::testing::TempDir& tmp) {
    const char* actors[] = {"les Forces armées maliennes (FAMa)", "des mercenaires du groupe Wagner",
                            "le JNIM", "la Minusma", "des chasseurs dozos", "l'État islamique au Sahel"};
    const char* places[] = {"Ségou", "Mopti", "Bamako", "Kidal", "Gao", "Tombouctou", "Djenné", "Bandiagara"};
    const char* events[] = {"ont tué des civils", "ont été accusés d'un massacre", "ont enlevé des villageois",
                            "ont incendié des greniers", "ont déplacé des réfugiés"};
    for (int i = 0; i < 40; ++i) {
        std::string body = "---\ntitle: Rapport " + std::to_string(i) + " sur " + places[i % 8] + "\ndate: 202" +
                           std::to_string(1 + i % 3) + "-" + (i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) +
                           "-1" + std::to_string(i % 10) + "\n---\n";
        body += std::string("Selon des témoins, ") + actors[i % 6] + " " + events[i % 5] + " près de " + places[i % 8] +
                ".\n\n";
        if (i % 3 == 0) body += std::string("Plus tard, ") + actors[(i + 2) % 6] + " ont été vus à " + places[(i + 3) % 8] + ".\n\n";
        if (i % 4 == 0) body += "Le rapport évoque aussi l'armée et des déplacés à " + std::string(places[(i + 5) % 8]) + ".\n";
        tmp.write("corpus/report-" + std::to_string(i) + ".md", body);
    }
    for (const auto& f : fs::directory_iterator(std::string(VIGIE_SOURCE_DIR) + "/seeds"))
        fs::copy_file(f.path(), fs::path(tmp / "corpus") / f.path().filename());
}

vigie::indexer::IndexSummary index(const std::string& db, const std::vector<std::string>& paths, unsigned shards,
                                   bool rebuild = false) {
    vigie::indexer::IndexOptions o;
    o.db_dir = db;
    o.paths = paths;
    o.shards = shards;
    o.rebuild = rebuild;
    auto s = vigie::indexer::index_paths(o);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? *s : vigie::indexer::IndexSummary{};
}

const std::vector<SearchRequest>& requests() {
    static const std::vector<SearchRequest> kRequests = [] {
        std::vector<SearchRequest> out;
        auto add = [&](std::string q, auto&& tweak) {
            SearchRequest r;
            r.query = std::move(q);
            r.limit = 100;
            r.facet_limit = 0;
            tweak(r);
            out.push_back(r);
        };
        auto none = [](SearchRequest&) {};
        add("", none);
        add("armée", none);
        add("Segou", none);          // a name, accent-free
        add("refugie", none);        // a word typed without its accents
        add("massacre Wagner", none);
        add("\"groupe Wagner\"", none);
        add("tués OR enlevé", none);
        add("date:2022", none);
        add("masacre", none);        // a spelling suggestion from the lexicon
        add("civils", [](SearchRequest& r) { r.actors = {"wagner"}; });
        add("", [](SearchRequest& r) { r.places = {"segou"}; });
        add("", [](SearchRequest& r) { r.from = "2022-03"; r.to = "2023"; });
        add("rapport", [](SearchRequest& r) { r.sort = vigie::searcher::Sort::kDate; });
        add("rapport", [](SearchRequest& r) { r.limit = 5; r.offset = 5; });
        return out;
    }();
    return kRequests;
}

std::string describe(const SearchRequest& r) {
    return "query \"" + r.query + "\" actors " + std::to_string(r.actors.size()) + " places " +
           std::to_string(r.places.size()) + " offset " + std::to_string(r.offset);
}

using FacetCounts = std::map<std::string, std::map<std::string, std::size_t>>;
FacetCounts facet_counts(const SearchResult& r) {
    FacetCounts out;
    for (const auto& [name, values] : r.facets)
        for (const auto& v : values) out[name][v.id] = v.count;
    return out;
}

// Hits as (score, id, snippet), in rank order. Scores are exact across
// shards (Xapian sums the shards' statistics before weighting), but reports
// of equal score come in docid order, and docids differ between one database
// and interleaved shards: within a run of equal scores the order may differ,
// so each run is compared as a set (sorted by id).
using HitKey = std::tuple<double, std::string, std::string>;
// The words a snippet highlights, sorted: what is exact across layouts.
std::string highlighted(const std::string& snippet) {
    std::vector<std::string> words;
    for (std::size_t b = snippet.find("<b>"); b != std::string::npos; b = snippet.find("<b>", b + 3)) {
        std::size_t e = snippet.find("</b>", b);
        if (e == std::string::npos) break;
        words.push_back(snippet.substr(b + 3, e - b - 3));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::string out;
    for (const auto& w : words) out += "<b>" + w + "</b>";
    return out;
}
std::vector<HitKey> hit_keys(const SearchResult& r) {
    std::vector<HitKey> out;
    for (const auto& h : r.hits) out.emplace_back(h.score, h.id, highlighted(h.snippet));
    std::stable_sort(out.begin(), out.end(), [](const HitKey& a, const HitKey& b) {
        return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b) : std::get<1>(a) < std::get<1>(b);
    });
    return out;
}

// "" when equal; else the first differences, short.
std::string hits_diff(const std::vector<HitKey>& actual, const std::vector<HitKey>& expected) {
    std::string out;
    int shown = 0;
    for (std::size_t i = 0; i < std::max(actual.size(), expected.size()) && shown < 5; ++i) {
        auto show = [](const std::vector<HitKey>& v, std::size_t i) {
            if (i >= v.size()) return std::string("(none)");
            const auto& [score, id, snippet] = v[i];
            return id + " score " + std::to_string(score) + " snippet \"" + snippet.substr(0, 60) + "\"";
        };
        if (i < actual.size() && i < expected.size() && actual[i] == expected[i]) continue;
        out += "#" + std::to_string(i) + ": sharded " + show(actual, i) + "\n     single  " + show(expected, i) + "\n";
        ++shown;
    }
    return out;
}

// Snippets highlight the same words; which passage holding them is shown can
// differ: Xapian 1.4 weighs a snippet's words by each term's weight bound
// summed over the shards that hold it, and those bounds depend on each
// shard's documents (and are not lowered on deletion).
void expect_same_answers(const std::string& expected_db, const std::string& actual_db) {
    auto expected = Searcher::open(expected_db);
    auto actual = Searcher::open(actual_db);
    ASSERT_TRUE(expected.ok()) << expected.error().message;
    ASSERT_TRUE(actual.ok()) << actual.error().message;
    EXPECT_EQ(actual->document_count(), expected->document_count());
    for (const SearchRequest& req : requests()) {
        SCOPED_TRACE(describe(req));
        auto e = expected->search(req);
        auto a = actual->search(req);
        ASSERT_TRUE(e.ok()) << e.error().message;
        ASSERT_TRUE(a.ok()) << a.error().message;
        EXPECT_EQ(a->total, e->total);
        EXPECT_EQ(a->hits.size(), e->hits.size());
        EXPECT_EQ(hits_diff(hit_keys(*a), hit_keys(*e)), "");
        if (req.sort == vigie::searcher::Sort::kRelevance && req.offset == 0 && !a->hits.empty() &&
            !e->hits.empty()) {
            EXPECT_EQ(a->hits[0].score, e->hits[0].score);
        }
        EXPECT_EQ(facet_counts(*a), facet_counts(*e));
        EXPECT_EQ(a->suggestion, e->suggestion);
    }
    // The full report view, its actor labels read from the lexicon's metadata.
    for (const char* id : {"report-3", "report-17", "report-30"}) {
        auto e = expected->report(id, "massacre Ségou");
        auto a = actual->report(id, "massacre Ségou");
        ASSERT_TRUE(e.ok() && a.ok());
        ASSERT_TRUE(e->has_value() && a->has_value()) << id;
        EXPECT_EQ((*a)->body_html, (*e)->body_html) << id;
        EXPECT_EQ((*a)->actors.size(), (*e)->actors.size()) << id;
        EXPECT_EQ((*a)->places.size(), (*e)->places.size()) << id;
    }
}

class Shards : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new vigie::testing::TempDir;
        write_corpus(*tmp_);
        auto single = index(*tmp_ / "single", {*tmp_ / "corpus"}, 0);
        auto sharded = index(*tmp_ / "sharded", {*tmp_ / "corpus"}, kShards);
        ASSERT_EQ(single.added, 45u);
        ASSERT_EQ(sharded.added, 45u);
        ASSERT_EQ(sharded.documents, 45u);
    }
    static void TearDownTestSuite() {
        delete tmp_;
        tmp_ = nullptr;
    }
    static std::string single() { return *tmp_ / "single"; }
    static std::string sharded() { return *tmp_ / "sharded"; }
    static std::string shard_dir(unsigned k) {
        return sharded() + "/" + vigie::schema::read_stub(sharded()).generation + "/" + vigie::schema::shard_name(k);
    }
    static std::string lexicon_dir() {
        return sharded() + "/" + vigie::schema::read_stub(sharded()).generation + "/lexicon";
    }

    // A search-front folder as docs/scaling.md describes: a copy of the
    // lexicon and a stub naming it first, then the remote shards.
    static std::string front(const std::vector<std::unique_ptr<vigie::testing::TcpServer>>& servers) {
        std::string dir = *tmp_ / "front";
        fs::remove_all(dir);
        fs::create_directories(dir);
        fs::copy(lexicon_dir(), dir + "/lexicon", fs::copy_options::recursive);
        std::ofstream stub(vigie::schema::stub_path(dir));
        stub << "auto lexicon\n";
        for (const auto& s : servers) stub << "remote " << s->address() << "\n";
        return dir;
    }

    static std::vector<std::unique_ptr<vigie::testing::TcpServer>> start_servers() {
        std::vector<std::unique_ptr<vigie::testing::TcpServer>> servers;
        for (unsigned k = 0; k < kShards; ++k) {
            servers.push_back(std::make_unique<vigie::testing::TcpServer>(XAPIAN_TCPSRV, shard_dir(k)));
            EXPECT_TRUE(servers.back()->running()) << "xapian-tcpsrv (" << XAPIAN_TCPSRV
                                                   << ") did not start; it comes with Debian's xapian-tools";
        }
        return servers;
    }

    static vigie::testing::TempDir* tmp_;
};
vigie::testing::TempDir* Shards::tmp_ = nullptr;

TEST_F(Shards, LayoutIsLexiconThenShards) {
    auto stub = vigie::schema::read_stub(sharded());
    EXPECT_EQ(stub.shards, kShards);
    EXPECT_FALSE(stub.remote);
    ASSERT_EQ(stub.lines.size(), kShards + 1);
    EXPECT_EQ(stub.lines[0], "auto gen-000001/lexicon");
    EXPECT_EQ(stub.lines[1], "auto gen-000001/shard-00");
    Xapian::Database lexicon(lexicon_dir());
    EXPECT_EQ(lexicon.get_doccount(), 0u);
    EXPECT_NE(lexicon.spellings_begin(), lexicon.spellings_end());
    EXPECT_EQ(lexicon.get_metadata("format"), std::to_string(vigie::schema::kFormatVersion));
    EXPECT_FALSE(lexicon.get_metadata("last_indexed").empty());
}

TEST_F(Shards, EveryReportLivesInTheShardItsIdRoutesTo) {
    std::size_t total = 0;
    for (unsigned k = 0; k < kShards; ++k) {
        Xapian::Database shard(shard_dir(k));
        EXPECT_GT(shard.get_doccount(), 5u) << "shard " << k << " is nearly empty: routing is lopsided";
        total += shard.get_doccount();
        for (auto t = shard.allterms_begin("Q"); t != shard.allterms_end("Q"); ++t)
            EXPECT_EQ(vigie::schema::shard_of(*t, kShards), k) << *t;
    }
    EXPECT_EQ(total, 45u);
}

TEST_F(Shards, LocalShardsAnswerAsOneDatabase) { expect_same_answers(single(), sharded()); }

TEST_F(Shards, RemoteShardsAnswerAsOneDatabase) {
    auto servers = start_servers();
    std::string dir = front(servers);
    expect_same_answers(single(), dir);
    auto st = vigie::searcher::index_stats(dir);
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(st->reports, 45u);
    EXPECT_EQ(st->shards, kShards);
    EXPECT_TRUE(st->remote);
}

TEST_F(Shards, StoppedRemoteShardIsAnErrorNamingIt) {
    auto servers = start_servers();
    std::string dir = front(servers);
    auto searcher = Searcher::open(dir);
    ASSERT_TRUE(searcher.ok()) << searcher.error().message;
    SearchRequest req;
    req.query = "armée";
    auto before = searcher->search(req);
    ASSERT_TRUE(before.ok()) << before.error().message;

    servers[1]->stop();
    std::string down = servers[1]->address();
    // An open searcher (the server's case): an error, not the other shards' hits.
    auto after = searcher->search(req);
    ASSERT_FALSE(after.ok()) << "answered " << after->total << " of " << before->total << " without shard 1";
    EXPECT_NE(after.error().message.find(down), std::string::npos) << after.error().message;
    EXPECT_NE(after.error().message.find("shard"), std::string::npos) << after.error().message;
    auto report = searcher->report("report-1", "");
    EXPECT_FALSE(report.ok());
    // A new searcher (the command line's case) cannot open the index.
    auto fresh = Searcher::open(dir);
    ASSERT_FALSE(fresh.ok());
    EXPECT_NE(fresh.error().message.find(down), std::string::npos) << fresh.error().message;

    // The shard back (on another port, so the stub is rewritten): the open
    // searcher reconnects and answers in full again, as does a new one.
    servers[1].reset();
    vigie::testing::TcpServer again(XAPIAN_TCPSRV, shard_dir(1));
    ASSERT_TRUE(again.running());
    std::ofstream(vigie::schema::stub_path(dir)) << "auto lexicon\nremote " << servers[0]->address() << "\nremote "
                                                 << again.address() << "\nremote " << servers[2]->address() << "\n";
    auto back = searcher->search(req);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->total, before->total);
    auto reopened = Searcher::open(dir);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    EXPECT_EQ(reopened->search(req)->total, before->total);
}

// `vigie serve` over remote shards: full answers, then HTTP 503 naming the
// stopped shard (not a 400 blaming the query, not a partial answer).
TEST_F(Shards, ServeAnswers503WhenAShardStops) {
    auto servers = start_servers();
    std::string dir = front(servers);
    vigie::testing::ServerProcess serve(dir);
    ASSERT_GT(serve.port(), 0);
    httplib::Client http = vigie::testing::patient_client(serve.port());
    auto ok = http.Get("/api/search?q=arm%C3%A9e");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    servers[2]->stop();
    auto down = http.Get("/api/search?q=arm%C3%A9e");
    ASSERT_TRUE(down);
    EXPECT_EQ(down->status, 503) << down->body;
    EXPECT_NE(down->body.find(servers[2]->address()), std::string::npos) << down->body;
    auto report = http.Get("/api/report/report-1");
    ASSERT_TRUE(report);
    EXPECT_EQ(report->status, 503) << report->body;
}

TEST_F(Shards, RemoteStubWithoutLexiconIsRefused) {
    auto servers = start_servers();
    vigie::testing::TempDir tmp;
    fs::create_directories(tmp / "front");
    std::ofstream(vigie::schema::stub_path(tmp / "front")) << "remote " << servers[0]->address() << "\n";
    auto s = Searcher::open(tmp / "front");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("lexicon"), std::string::npos) << s.error().message;
}

// Incremental runs on a sharded index: changed, deleted and renamed files
// end as in one database given the same runs.
TEST(ShardsIncremental, ChangesDeletesAndRenamesKeepWorking) {
    vigie::testing::TempDir tmp;
    write_corpus(tmp);
    std::string corpus = tmp / "corpus";
    for (const std::string& db : {tmp / "single", tmp / "sharded"}) index(db, {corpus}, db == tmp / "single" ? 0 : 4);
    tmp.write("corpus/report-2.md", "---\ntitle: Rapport modifié\ndate: 2024-01-02\n---\nUn massacre à Kidal.\n");
    fs::remove(tmp / "corpus/report-5.md");
    fs::rename(tmp / "corpus/report-6.md", tmp / "corpus/renamed-6.md");
    tmp.write("corpus/new-report.md", "---\ntitle: Nouveau\ndate: 2024-02\n---\nLe groupe Wagner à Gao.\n");
    for (const std::string& db : {tmp / "single", tmp / "sharded"}) {
        auto s = index(db, {corpus}, 0);
        EXPECT_EQ(s.added, 1u) << db;
        EXPECT_EQ(s.updated, 2u) << db;  // the changed file and the renamed one
        EXPECT_EQ(s.removed, 1u) << db;
        EXPECT_EQ(s.documents, 45u) << db;
    }
    expect_same_answers(tmp / "single", tmp / "sharded");
    auto s = Searcher::open(tmp / "sharded");
    ASSERT_TRUE(s.ok());
    auto renamed = s->report("report-6", "");
    ASSERT_TRUE(renamed.ok() && renamed->has_value());
    EXPECT_NE((*renamed)->path.find("renamed-6.md"), std::string::npos);
    EXPECT_FALSE(s->report("report-5", "")->has_value());
}

TEST(ShardsCount, FixedUnlessRebuilt) {
    vigie::testing::TempDir tmp;
    write_corpus(tmp);
    std::string db = tmp / "db", corpus = tmp / "corpus";
    index(db, {corpus}, 3);
    vigie::indexer::IndexOptions o;
    o.db_dir = db;
    o.paths = {corpus};
    o.shards = 2;
    auto refused = vigie::indexer::index_paths(o);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("has 3 shards"), std::string::npos) << refused.error().message;
    EXPECT_NE(refused.error().message.find("--rebuild"), std::string::npos) << refused.error().message;

    auto open_before = Searcher::open(db);  // a reader of generation 1 during the rebuild
    ASSERT_TRUE(open_before.ok());
    auto rebuilt = index(db, {corpus}, 2, true);
    EXPECT_EQ(rebuilt.documents, 45u);
    auto stub = vigie::schema::read_stub(db);
    EXPECT_EQ(stub.generation, "gen-000002");
    EXPECT_EQ(stub.shards, 2u);
    EXPECT_TRUE(fs::exists(db + "/gen-000001/shard-02"));  // kept one round for open readers
    EXPECT_EQ(open_before->search(SearchRequest{})->total, 45u);
    // Without --shards, runs keep the count; a rebuild too.
    index(db, {corpus}, 0);
    index(db, {corpus}, 0, true);
    EXPECT_EQ(vigie::schema::read_stub(db).shards, 2u);
    EXPECT_FALSE(fs::exists(db + "/gen-000001"));
    // One database to shards also needs --rebuild.
    std::string one = tmp / "one";
    index(one, {corpus}, 0);
    o.db_dir = one;
    auto refused_one = vigie::indexer::index_paths(o);
    ASSERT_FALSE(refused_one.ok());
    EXPECT_NE(refused_one.error().message.find("not sharded"), std::string::npos);
    expect_same_answers(one, db);
}

}  // namespace
