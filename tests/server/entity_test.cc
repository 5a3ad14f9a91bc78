// Entity pages and zero-result relaxations (issue 13), through the built
// `vigie serve` on a loopback port over a real index of small reports: every
// count on an entity page is checked against /api/search with the same
// filters, every relaxation against the search without that part.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/cli_output.h"
#include "server/served_index.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;

const std::string kSeeds = std::string(VIGIE_SOURCE_DIR) + "/seeds";

std::string run(const std::vector<std::string>& args) { return vigie::testing::cli_output(args); }

std::string encoded(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

// Small reports naming actors and places the catalogue and gazetteer know.
const char* const kReports[][3] = {
    {"e1", "2020-03-10", "Les Forces armées maliennes (FAMa) ont été attaquées près de Mopti, au Mali. Le JNIM a revendiqué l'attaque."},
    {"e2", "2020-03-21", "À Mopti, au Mali, les FAMa ont arrêté des civils. La MINUSMA enquête sur ces arrestations."},
    {"e3", "2020-05-02", "Des civils ont été tués à Gao, au Mali, par l'État islamique au Grand Sahara (EIGS)."},
    {"e4", "2021-01-15", "À Bandiagara, dans la région de Mopti, au Mali, le JNIM a attaqué un poste des FAMa."},
    {"e5", "2021", "Dans la région de Mopti, au Mali, la MINUSMA a ouvert une enquête sur les FAMa et le JNIM."},
    {"e6", "", "À Mopti, au Mali, un marché a brûlé ; les FAMa sont intervenues."},
    // One person written two ways (the id folds accents): no place, no catalogue actor.
    {"e7", "2020-04-01", "Le Premier ministre Édouard Philippe a annoncé des mesures."},
    {"e8", "2020-04-02", "Le Premier ministre Edouard Philippe a répondu aux questions."},
};

class Entity : public vigie::testing::ServedIndex<Entity> {
protected:
    static void SetUpTestSuite() {
        std::string feed;
        for (const auto& r : kReports) {
            json line = {{"id", r[0]}, {"title", std::string("Rapport ") + r[0]}, {"body", r[2]},
                         {"url", std::string("https://example.org/") + r[0]}};
            if (*r[1]) line["date"] = r[1];
            feed += line.dump() + "\n";
        }
        tmp().write("extra/entities.jsonl", feed);
        serve({kSeeds, tmp().path() + "/extra"});
    }
    std::size_t total(const std::string& query) {
        return get_json("/api/search?limit=0&" + query)["total"].get<std::size_t>();
    }
};

TEST_F(Entity, PlacePageHoldsItsNamesParentsAndCounts) {
    json p = get_json("/api/entity?type=place&id=mopti");
    EXPECT_EQ(p["type"], "place");
    EXPECT_EQ(p["id"], "mopti");
    EXPECT_EQ(p["label"], "Mopti (région, Mali)");  // the gazetteer's label: other places are called Mopti
    EXPECT_EQ(p["kind"], "region");
    ASSERT_FALSE(p["parents"].empty());
    EXPECT_EQ(p["parents"][0]["id"], "mali");
    EXPECT_EQ(p["parents"][0]["label"], "Mali");
    EXPECT_EQ(p["parents"][0]["count"].get<std::size_t>(), total("place=mali"));
    std::vector<std::string> aliases = p["aliases"];
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "Région de Mopti"), aliases.end());
    std::size_t n = p["total"];
    EXPECT_EQ(n, total("place=mopti"));
    EXPECT_GE(n, 5u);  // e1, e2, e4 (Bandiagara lies in Mopti), e5, e6

    // Per month: each bar is the search of that month; with the undated, the total.
    // A report dated by its year only is under the year: the year's search
    // less its months'.
    std::size_t dated = 0;
    std::string last;
    std::map<std::string, std::size_t> in_months;
    for (const auto& m : p["months"]) {
        std::string month = m["month"];
        EXPECT_LT(last, month) << "oldest first";
        last = month;
        if (month.size() == 7) in_months[month.substr(0, 4)] += m["count"].get<std::size_t>();
        dated += m["count"].get<std::size_t>();
    }
    for (const auto& m : p["months"]) {
        std::string month = m["month"];
        std::size_t searched = total("place=mopti&from=" + month + "&to=" + month);
        if (month.size() == 4) searched -= in_months[month];
        EXPECT_EQ(m["count"].get<std::size_t>(), searched) << month;
    }
    EXPECT_GE(dated, 3u);
    EXPECT_GE(p["undated"].get<std::size_t>(), 1u);  // e6
    EXPECT_EQ(dated + p["undated"].get<std::size_t>(), n);
    // Where the page's map draws it: the place facets' position.
    json facet = get_json("/api/facets?field=place&match=mopti&limit=50");
    bool found = false;
    for (const auto& v : facet["place"]) {
        if (v["id"] != "mopti") continue;
        found = true;
        EXPECT_EQ(p["lat"], v["lat"]);
        EXPECT_EQ(p["lon"], v["lon"]);
    }
    EXPECT_TRUE(found);
}

TEST_F(Entity, CoOccurrenceCountsAreTheSearchWithBothFilters) {
    for (std::string page : {"type=place&id=mopti", "type=actor&id=fama", "type=actor&id=jnim"}) {
        json p = get_json("/api/entity?" + page);
        std::string self = p["type"].get<std::string>() + "=" + p["id"].get<std::string>();
        ASSERT_FALSE(p["actors"].empty()) << page;
        ASSERT_FALSE(p["places"].empty()) << page;
        std::size_t before = SIZE_MAX;
        for (const char* kind : {"actors", "places"}) {
            before = SIZE_MAX;
            for (const auto& v : p[kind]) {
                // Two values of one facet widen (either); `actor:`/`place:` in
                // the query narrows: the search of the reports naming both.
                std::string facet = kind == std::string("actors") ? "actor" : "place";
                std::string other = facet + "=" + v["id"].get<std::string>();
                std::string both = facet + "=" == self.substr(0, facet.size() + 1)
                                       ? "q=" + facet + "%3A" + v["id"].get<std::string>() + "&" + self
                                       : self + "&" + other;
                EXPECT_NE(other, self) << page << ": not named with itself";
                std::size_t count = v["count"];
                EXPECT_LE(count, before) << page << ": most often first";
                before = count;
                EXPECT_EQ(count, total(both)) << page << " with " << other;
                EXPECT_TRUE(v["label"].is_string());
            }
        }
    }
    // JNIM and the FAMa are named together in e1, e4 and e5.
    json jnim = get_json("/api/entity?type=actor&id=jnim");
    bool fama = false;
    for (const auto& v : jnim["actors"]) fama |= v["id"] == "fama" && v["count"].get<int>() >= 3;
    EXPECT_TRUE(fama) << jnim.dump();
    // A place page leaves out its parents: every report naming Mopti names Mali.
    json mopti_page = get_json("/api/entity?type=place&id=mopti");  // kept: a range-for over a temporary's member reads freed memory
    for (const auto& v : mopti_page["places"]) EXPECT_NE(v["id"], "mali");
}

TEST_F(Entity, ActorPageAndLatestReports) {
    json a = get_json("/api/entity?type=actor&id=fama");
    EXPECT_EQ(a["label"], "Forces armées maliennes (FAMa)");
    EXPECT_EQ(a["kind"], "state_force");
    EXPECT_TRUE(a["parents"].empty());
    EXPECT_FALSE(a.contains("lat"));
    std::vector<std::string> aliases = a["aliases"];
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "Armée malienne"), aliases.end());
    EXPECT_EQ(std::find(aliases.begin(), aliases.end(), "soldats"), aliases.end()) << "'?' aliases are left out";
    EXPECT_EQ(a["total"].get<std::size_t>(), total("actor=fama"));

    json latest = a["latest"];
    ASSERT_FALSE(latest.empty());
    json by_date = get_json("/api/search?actor=fama&sort=date&limit=10");
    ASSERT_EQ(latest.size(), by_date["hits"].size());
    for (std::size_t i = 0; i < latest.size(); ++i) {
        EXPECT_EQ(latest[i]["id"], by_date["hits"][i]["id"]);
        EXPECT_EQ(latest[i]["title"], by_date["hits"][i]["title"]);
        EXPECT_EQ(latest[i]["date"], by_date["hits"][i]["date"]);
        EXPECT_EQ(latest[i]["outlet"], by_date["hits"][i]["outlet"]);
    }
    for (const auto& r : latest) {
        if (r["id"] != "e4") continue;
        EXPECT_EQ(r["outlet"], "example.org");
        EXPECT_EQ(r["url"], "https://example.org/e4");
    }

    // The CLI prints the same JSON.
    EXPECT_EQ(json::parse(run({"entity", "--db", db_, "--json", "actor", "fama"})), a);
    EXPECT_NE(run({"entity", "--db", db_, "place", "mopti"}).find("Mopti (région, Mali) (place mopti, region)"), std::string::npos);
    // An unknown id: exit status 66 (not found), as the contract says.
    std::string cmd = vigie::testing::shell_quote(VIGIE_BINARY) + " entity --db " + vigie::testing::shell_quote(db_) +
                      " place atlantide 2>/dev/null";
    int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 66);
}

// A person found in the text has no catalogue aliases: its page lists the
// other ways the reports wrote it.
TEST_F(Entity, PersonPageListsItsOtherSpellings) {
    json p = get_json("/api/entity?type=actor&id=edouard-philippe");
    EXPECT_EQ(p["label"], "Édouard Philippe");
    EXPECT_EQ(p["kind"], "person");
    EXPECT_EQ(p["aliases"], json::array({"Edouard Philippe"}));
    EXPECT_EQ(p["total"].get<std::size_t>(), 2u);
    EXPECT_NE(run({"entity", "--db", db_, "actor", "edouard-philippe"}).find("also: Edouard Philippe"), std::string::npos);
}

TEST_F(Entity, UnknownIdIs404AndBadTypeIs400) {
    json missing = get_json("/api/entity?type=place&id=atlantide", 404);
    EXPECT_EQ(missing["kind"], "not_found");
    EXPECT_EQ(missing["parameter"], "id");
    EXPECT_NE(missing["error"].get<std::string>().find("no place"), std::string::npos);
    EXPECT_EQ(get_json("/api/entity?type=actor&id=nobody-at-all", 404)["kind"], "not_found");
    EXPECT_EQ(get_json("/api/entity?type=person&id=fama", 400)["parameter"], "type");
    EXPECT_EQ(get_json("/api/entity?type=actor", 400)["parameter"], "id");
    EXPECT_EQ(get_json("/api/entity?type=actor&id=fama&x=1", 400)["parameter"], "x");
    // A known place no report names: a page with nothing counted, not a 404.
    json empty = get_json("/api/entity?type=place&id=tessalit");
    EXPECT_EQ(empty["total"], 0);
    EXPECT_TRUE(empty["latest"].empty());
}

TEST_F(Entity, RelaxationsCountTheSearchWithoutEachPart) {
    const std::string filters = "actor=fama&place=gao&from=2020&to=2021";
    json r = get_json("/api/search?q=Mopti%20civils%20xyzzyq&" + filters);
    ASSERT_EQ(r["total"], 0);
    ASSERT_TRUE(r["relaxations"].is_array());
    std::set<std::string> seen;
    for (const auto& x : r["relaxations"]) {
        std::string without = x["without"];
        std::size_t expected = 0;
        if (without == "word") {
            std::string q = x["q"];
            seen.insert("word:" + x["word"].get<std::string>());
            expected = total("q=" + encoded(q) + "&" + filters);
        } else if (without == "actor") {
            expected = total("q=Mopti%20civils%20xyzzyq&place=gao&from=2020&to=2021");
        } else if (without == "place") {
            expected = total("q=Mopti%20civils%20xyzzyq&actor=fama&from=2020&to=2021");
        } else if (without == "dates") {
            expected = total("q=Mopti%20civils%20xyzzyq&actor=fama&place=gao");
        }
        if (without != "word") seen.insert(without);
        EXPECT_EQ(x["total"].get<std::size_t>(), expected) << x.dump();
    }
    EXPECT_EQ(seen, (std::set<std::string>{"word:Mopti", "word:civils", "word:xyzzyq", "actor", "place", "dates"}));
    for (const auto& x : r["relaxations"])
        if (x["without"] == "word" && x["word"] == "xyzzyq") {
            EXPECT_EQ(x["q"], "Mopti civils");
        }

    // The collection's span: the first and last publication dates indexed.
    json all = get_json("/api/search?limit=100&sort=date");
    std::vector<std::string> dates;
    for (const auto& h : all["hits"])
        if (h["date"].is_string()) dates.push_back(h["date"]);
    ASSERT_FALSE(dates.empty());
    std::sort(dates.begin(), dates.end());
    EXPECT_EQ(r["collection"]["first"], dates.front());
    EXPECT_EQ(r["collection"]["last"], dates.back());

    // At most 8 relaxations; a search with results has none.
    json many = get_json("/api/search?q=a1%20b2%20c3%20d4%20e5%20f6%20g7%20h8%20i9%20j10&actor=fama");
    EXPECT_EQ(many["total"], 0);
    EXPECT_EQ(many["relaxations"].size(), 8u);
    EXPECT_EQ(many["relaxations"][7]["without"], "actor") << "filters are kept within the cap";
    // Event dates are one more part; a word alone dropped leaves the whole index.
    json events = get_json("/api/search?q=xyzzyq&event_from=2020-08&event_to=2020-08");
    ASSERT_EQ(events["total"], 0);
    ASSERT_EQ(events["relaxations"].size(), 2u);
    EXPECT_EQ(events["relaxations"][0]["q"], "");
    EXPECT_EQ(events["relaxations"][0]["total"].get<std::size_t>(), total("event_from=2020-08&event_to=2020-08"));
    EXPECT_EQ(events["relaxations"][1]["without"], "event_dates");
    EXPECT_EQ(events["relaxations"][1]["total"].get<std::size_t>(), total("q=xyzzyq"));
    json found = get_json("/api/search?q=Mopti");
    EXPECT_GT(found["total"].get<int>(), 0);
    EXPECT_FALSE(found.contains("relaxations"));
    // The CLI's JSON is the API's.
    EXPECT_EQ(json::parse(run({"search", "--db", db_, "--json", "--actor", "fama", "--place", "gao", "--from", "2020",
                               "--to", "2021", "Mopti", "civils", "xyzzyq"})),
              r);
}

}  // namespace
