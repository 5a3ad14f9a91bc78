// The HTTP API of `vigie serve`, against the built binary on a loopback port.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <filesystem>
#include <memory>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/served_index.h"
#include "server/cli_output.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using vigie::testing::ServerProcess;
using vigie::testing::TempDir;

const std::string kSeeds = std::string(VIGIE_SOURCE_DIR) + "/seeds";
const std::string kXss = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>";

std::string run(const std::vector<std::string>& args) { return vigie::testing::cli_output(args); }

// A raw request, so that nothing normalises the path on the way.
std::string raw_get(int port, const std::string& target) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "";
    std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    (void)!::write(fd, req.data(), req.size());
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
}

class Api : public vigie::testing::ServedIndex<Api> {
protected:
    static void SetUpTestSuite() {
        json line = {{"id", "xss"}, {"title", kXss}, {"date", "2023-01-05"},
                     {"body", "Au Mali, près de Mopti, un texte piégé " + kXss + " vise le lecteur."}};
        // The JNIM and Iyad Ag Ghaly, named by no seed: actors with aliases
        // for the facet filter (FacetValuesPagedAndMatched).
        json jnim = {{"id", "jnim-claim"}, {"title", "Revendication"}, {"date", "2023-02-10"},
                     {"body", "Le JNIM d'Iyad Ag Ghaly a revendiqué l'attaque de Djibo, au Burkina Faso, selon un communiqué."}};
        tmp().write("extra/xss.jsonl", line.dump() + "\n" + jnim.dump() + "\n");
        serve({kSeeds, tmp().path() + "/extra"});
    }
};

TEST_F(Api, SearchAnswersExactlyAsTheCli) {
    json cli = json::parse(run({"search", "--db", db_, "--json", "--limit", "5", "armée"}));
    EXPECT_EQ(get_json("/api/search?q=arm%C3%A9e&limit=5"), cli);

    json filtered = json::parse(run({"search", "--db", db_, "--json", "--sort", "date", "--actor", "wagner",
                                     "--from", "2022", "--to", "2023-12", "--facet-limit", "3", "mali"}));
    EXPECT_EQ(get_json("/api/search?q=mali&sort=date&actor=wagner&from=2022&to=2023-12&facet_limit=3"), filtered);
    EXPECT_GT(filtered["total"].get<int>(), 0);
}

TEST_F(Api, FiltersNarrowAndRepeat) {
    json all = get_json("/api/search?limit=0");
    json mopti = get_json("/api/search?place=mopti&limit=0");
    json kidal = get_json("/api/search?place=kidal&limit=0");
    json either = get_json("/api/search?place=mopti&place=kidal&limit=0");
    json none = get_json("/api/search?place=mopti&actor=katiba-macina&place=kidal&limit=0");
    EXPECT_LT(mopti["total"].get<int>(), all["total"].get<int>());
    EXPECT_GT(mopti["total"].get<int>(), 0);
    EXPECT_GT(kidal["total"].get<int>(), 0);
    // Repeated values of one facet widen (no seed names both regions), facets narrow.
    EXPECT_EQ(either["total"].get<int>(), mopti["total"].get<int>() + kidal["total"].get<int>());
    EXPECT_LT(none["total"].get<int>(), either["total"].get<int>());
    EXPECT_GT(none["total"].get<int>(), 0);
    EXPECT_EQ(get_json("/api/search?place=nowhere-at-all")["total"], 0);
}

TEST_F(Api, BadParametersAre400NamingThem) {
    struct Case {
        const char* path;
        const char* parameter;
    };
    for (Case c : {Case{"/api/search?limit=101", "limit"}, Case{"/api/search?limit=abc", "limit"},
                   Case{"/api/search?limit=-1", "limit"}, Case{"/api/search?offset=1x", "offset"},
                   Case{"/api/search?sort=random", "sort"}, Case{"/api/search?from=2022-13-01x", "from"},
                   Case{"/api/search?to=yesterday", "to"}, Case{"/api/search?facet_limit=", "facet_limit"},
                   Case{"/api/search?lmit=5", "lmit"}, Case{"/api/search?q=a&q=b", "q"},
                   Case{"/api/search?actor=", "actor"}, Case{"/api/facets?field=colour", "field"},
                   Case{"/api/search?event_from=2022-13", "event_from"},
                   Case{"/api/search?event_to=2020-02-30", "event_to"},
                   Case{"/api/search?event_from=2021&event_to=2020-12", "event_from"},
                   Case{"/api/facets?event_to=hier", "event_to"}}) {
        json j = get_json(c.path, 400);
        EXPECT_EQ(j["parameter"], c.parameter) << c.path;
        EXPECT_TRUE(j["error"].is_string()) << c.path;
    }
    json long_query = get_json("/api/search?q=" + std::string(1001, 'a'), 400);
    EXPECT_EQ(long_query["parameter"], "q");
}

// Event dates (docs/event-dates.md): the API answers as the CLI, in French on a bad date.
TEST_F(Api, EventDatesAsTheCli) {
    json cli = json::parse(run({"search", "--db", db_, "--json", "--event-from", "2020-08", "--event-to", "2020-08"}));
    json api = get_json("/api/search?event_from=2020-08&event_to=2020-08");
    EXPECT_EQ(api, cli);
    EXPECT_GT(api["total"].get<int>(), 0);  // a seed says « renversé en août 2020 »
    EXPECT_LT(api["total"].get<int>(), get_json("/api/search?limit=0")["total"].get<int>());
    for (const auto& hit : api["hits"]) {
        bool inside = false;
        for (const auto& m : hit["mentioned"]) inside |= m["date"].get<std::string>().starts_with("2020-08");
        EXPECT_TRUE(inside) << hit["id"];
    }
    json facets = get_json("/api/facets?field=year&event_from=2020-08&event_to=2020-08");
    int sum = 0;
    for (const auto& v : facets["year"]) sum += v["count"].get<int>();
    EXPECT_LE(sum, api["total"].get<int>());
    EXPECT_GT(sum, 0);
    json bad = get_json("/api/search?event_from=2022-13", 400);
    EXPECT_NE(bad["error"].get<std::string>().find("doit être une date"), std::string::npos);
}

TEST_F(Api, ReportInFullWithHighlights) {
    json r = get_json("/api/report/000_956f5131c24f1111?q=wagner");
    EXPECT_EQ(r["id"], "000_956f5131c24f1111");
    EXPECT_EQ(r["date"], "2022-11");
    EXPECT_NE(r["body"].get<std::string>().find("<b>Wagner</b>"), std::string::npos);
    EXPECT_GT(r["body"].get<std::string>().size(), 1000u);
    ASSERT_FALSE(r["actors"].empty());
    bool wagner = false;
    for (auto& a : r["actors"]) wagner |= a["id"] == "wagner" && a["label"].is_string();
    EXPECT_TRUE(wagner);
    for (auto& p : r["places"]) EXPECT_TRUE(p.contains("label"));
    EXPECT_TRUE(r["mentioned"].is_array());
    json plain = get_json("/api/report/000_956f5131c24f1111");
    EXPECT_EQ(plain["body"].get<std::string>().find("<b>"), std::string::npos);
    EXPECT_EQ(get_json("/api/report/no-such-report", 404)["parameter"], "id");
}

TEST_F(Api, ReportTextIsEscaped) {
    auto c = client();
    for (std::string path : {"/api/search?q=alert", "/api/report/xss?q=alert", "/api/report/xss"}) {
        auto res = c.Get(path);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->body.find("<script"), std::string::npos) << path;
        EXPECT_EQ(res->body.find("<img"), std::string::npos) << path;
        EXPECT_NE(res->body.find("&lt;script&gt;"), std::string::npos) << path;
    }
    json s = get_json("/api/search?q=alert");
    ASSERT_EQ(s["total"], 1);
    EXPECT_EQ(s["hits"][0]["title"],
              "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
}

TEST_F(Api, SecurityHeadersAndNoPathTraversal) {
    auto c = client();
    for (std::string path : {"/", "/app.js", "/api/search?q=mali", "/nothing"}) {
        auto res = c.Get(path);
        ASSERT_TRUE(res) << path;
        std::string csp = res->get_header_value("Content-Security-Policy");
        EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    }
    auto page = c.Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<html lang=\"fr\""), std::string::npos);
    for (std::string target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/", "/app.js/../../etc/passwd",
                               "/..%2f..%2fetc%2fpasswd", "/api/report/..%2f..%2fetc%2fpasswd"}) {
        std::string res = raw_get(server_->port(), target);
        EXPECT_EQ(res.rfind("HTTP/1.1 404", 0), 0u) << target << "\n" << res.substr(0, 200);
        EXPECT_EQ(res.find("root:"), std::string::npos) << target;
    }
}

TEST_F(Api, StatsFacetsAndHealth) {
    EXPECT_EQ(get_json("/healthz")["status"], "ok");
    EXPECT_EQ(get_json("/api/stats"), json::parse(run({"stats", "--db", db_, "--json"})));
    json f = get_json("/api/facets");
    for (auto name : {"actor", "place", "date", "year"}) EXPECT_TRUE(f.contains(name)) << name;
    bool positioned = false;
    for (auto& p : f["place"]) positioned |= p["id"] == "mopti" && p.contains("lat") && p.contains("lon");
    EXPECT_TRUE(positioned);
    EXPECT_EQ(get_json("/api/facets?field=date").size(), 1u);
}

// What the page's first answer is made of (issue 13, a light first page):
// places of some types only, places inside a region, labels for what the
// hits and filters name; a whole list fetched later under the same filters.
TEST_F(Api, LightFacetsAndLabels) {
    json r = get_json("/api/search?limit=3&facet_limit=2&place_type=region&place_type=country");
    ASSERT_TRUE(r.contains("labels"));
    bool mali = false;
    for (auto& p : r["facets"]["place"]) {
        EXPECT_TRUE(p["type"] == "region" || p["type"] == "country") << p;
        mali |= p["id"] == "mali";
    }
    EXPECT_TRUE(mali);
    EXPECT_GT(r["facets"]["place"].size(), 2u) << "place_type lists every place of its types";
    EXPECT_LE(r["facets"]["actor"].size(), 2u);
    for (auto& hit : r["hits"]) {
        for (auto& a : hit["actors"]) EXPECT_TRUE(r["labels"]["actor"].contains(a.get<std::string>())) << a;
        for (auto& p : hit["places"]) EXPECT_TRUE(r["labels"]["place"].contains(p.get<std::string>())) << p;
    }
    json chosen = get_json("/api/search?limit=0&place=mopti&facet_limit=1");
    EXPECT_EQ(chosen["labels"]["place"]["mopti"]["label"], "Mopti (région, Mali)");
    EXPECT_EQ(chosen["labels"]["place"]["mopti"]["lineage"], json::array({"mali"}));
    EXPECT_TRUE(chosen["labels"]["place"]["mopti"].contains("lat"));

    // Inside Mopti: its cercles and what they hold, never Mopti itself nor Gao.
    json inside = get_json("/api/facets?field=place&place_within=mopti");
    ASSERT_EQ(inside.size(), 1u);
    ASSERT_FALSE(inside["place"].empty());
    for (auto& p : inside["place"]) {
        EXPECT_NE(p["id"], "mopti");
        EXPECT_NE(p["type"], "region") << p;
    }
    // /api/facets takes the search's filters: under place=gao, counts are Gao's reports.
    json all = get_json("/api/facets?field=actor");
    json gao = get_json("/api/facets?field=actor&place=gao&q=arm%C3%A9e");
    json gao_search = get_json("/api/search?limit=0&facet_limit=0&place=gao&q=arm%C3%A9e");
    EXPECT_EQ(gao["actor"], gao_search["facets"]["actor"]);
    EXPECT_LE(gao["actor"].size(), all["actor"].size());
    get_json("/api/facets?field=actor&field=place", 400);
}

// One facet's values a page at a time, kept by a typed text matched against
// labels and aliases (the page's « plus… » and filter box: a few KB, not the
// whole list), with the counts of the whole list under the same filters.
TEST_F(Api, FacetValuesPagedAndMatched) {
    json all = get_json("/api/facets?field=actor");
    ASSERT_GE(all["actor"].size(), 6u);
    EXPECT_FALSE(all.contains("matched"));  // unpaged: the answer as before
    auto count_of = [](const json& list, const std::string& id) -> long {
        for (auto& v : list)
            if (v["id"] == id) return v["count"].get<long>();
        return -1;
    };
    // Pages in the whole list's order; `matched` the values before paging.
    json first = get_json("/api/facets?field=actor&limit=3");
    json second = get_json("/api/facets?field=actor&limit=3&offset=3");
    EXPECT_EQ(first["matched"], all["actor"].size());
    ASSERT_EQ(first["actor"].size(), 3u);
    ASSERT_EQ(second["actor"].size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(first["actor"][i], all["actor"][i]);
        EXPECT_EQ(second["actor"][i], all["actor"][i + 3]);
    }
    EXPECT_TRUE(get_json("/api/facets?field=actor&offset=100000")["actor"].empty());
    // An alias the label lacks (GSIM for the JNIM), accents and case aside
    // (« wagnériens » typed wagneriens, « Ag Ghaly » typed ag-ghaly).
    for (auto [typed, id] : {std::pair{"gsim", "jnim"}, std::pair{"WAGNERIENS", "wagner"}, std::pair{"ag-ghaly", "iyad-ag-ghaly"},
                             std::pair{"groupe%20de%20soutien", "jnim"}}) {
        if (count_of(all["actor"], id) < 0) {
            ADD_FAILURE() << id << " is not in the seeds' actors";
            continue;
        }
        json found = get_json(std::string("/api/facets?field=actor&limit=20&match=") + typed);
        EXPECT_EQ(count_of(found["actor"], id), count_of(all["actor"], id)) << typed;
        EXPECT_LE(found["actor"].size(), 20u);
        EXPECT_LT(found["matched"].get<std::size_t>(), all["actor"].size()) << typed;
    }
    json none = get_json("/api/facets?field=actor&match=zzzqqq");
    EXPECT_EQ(none["matched"], 0);
    EXPECT_TRUE(none["actor"].empty());
    // One type's values (« plus… » under « Personnes »), every one a person.
    json persons = get_json("/api/facets?field=actor&type=person&limit=4");
    std::size_t all_persons = 0;
    for (auto& v : all["actor"]) all_persons += v.value("type", "") == "person";
    EXPECT_EQ(persons["matched"], all_persons);
    EXPECT_EQ(persons["actor"].size(), std::min<std::size_t>(4, all_persons));
    for (auto& v : persons["actor"]) EXPECT_EQ(v["type"], "person");
    // Counts stay those of the search and its filters.
    json gao = get_json("/api/facets?field=actor&place=gao&q=arm%C3%A9e");
    json gao_page = get_json("/api/facets?field=actor&place=gao&q=arm%C3%A9e&limit=2");
    ASSERT_FALSE(gao["actor"].empty());
    for (auto& v : gao_page["actor"]) EXPECT_EQ(count_of(gao["actor"], v["id"]), v["count"].get<long>()) << v;
    EXPECT_EQ(gao_page["matched"], gao["actor"].size());
    // Places match their gazetteer names too.
    json places = get_json("/api/facets?field=place&match=menaka&limit=5");
    bool menaka = false;
    for (auto& p : places["place"]) menaka |= p["id"] == "menaka";
    EXPECT_TRUE(menaka) << places;
    // Paging needs one facet; bad numbers are named.
    for (auto [target, parameter] : {std::pair{"/api/facets?match=gsim", "match"}, std::pair{"/api/facets?limit=3", "limit"},
                                     std::pair{"/api/facets?field=actor&limit=x", "limit"},
                                     std::pair{"/api/facets?field=actor&limit=5000", "limit"},
                                     std::pair{"/api/facets?field=actor&offset=-1", "offset"},
                                     std::pair{"/api/facets?field=actor&match=a&match=b", "match"}}) {
        json bad = get_json(target, 400);
        EXPECT_EQ(bad["parameter"], parameter) << target;
    }
}

TEST(ApiReload, ARebuildIsSeenWithoutRestart) {
    TempDir tmp;
    std::string db = tmp / "db";
    run({"index", "--db", db, "--quiet", kSeeds});
    ServerProcess server(db);
    ASSERT_GT(server.port(), 0);
    httplib::Client c = vigie::testing::patient_client(server.port());
    auto before = c.Get("/api/search?q=Tessalit&limit=0");
    ASSERT_TRUE(before);
    EXPECT_EQ(json::parse(before->body)["total"], 0);
    tmp.write("more/new.txt", "Attaque à Tessalit\n\nDes civils ont été tués à Tessalit, au Mali, en mars 2023.\n");
    run({"index", "--db", db, "--quiet", "--rebuild", kSeeds, tmp / "more"});
    auto after = c.Get("/api/search?q=Tessalit&limit=0");
    ASSERT_TRUE(after);
    EXPECT_EQ(json::parse(after->body)["total"], 1);
    tmp.write("more/other.txt", "Attaque à Tessalit encore\n\nTessalit de nouveau touchée, au Mali.\n");
    run({"index", "--db", db, "--quiet", kSeeds, tmp / "more"});  // incremental: same generation
    auto later = c.Get("/api/search?q=Tessalit&limit=0");
    ASSERT_TRUE(later);
    EXPECT_EQ(json::parse(later->body)["total"], 2);
}

}  // namespace
