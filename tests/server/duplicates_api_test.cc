// Duplicates through the built binary (docs/duplicates.md): /api/search
// with group=1 and count=stories, /api/facets?count=stories, the CLI's
// --group/--count giving the same JSON, and bad values refused with the
// parameter named.
#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/cli_output.h"
#include "server/served_index.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;

const std::string kStory =
    "Des hommes armés ont attaqué mardi le village de Ogossagou près de Mopti, tuant au moins trente "
    "civils selon les autorités locales. Les assaillants sont arrivés à moto avant l'aube et ont incendié des "
    "greniers et des maisons. Le gouvernement a dépêché des renforts militaires dans la région et promis une "
    "enquête.";
const std::string kOther =
    "Une attaque à Gao a visé un convoi de la Minusma mercredi, sans faire de victime selon la mission, qui "
    "annonce une enquête sur cet engin explosif placé au bord de la route.";

class DuplicatesApi : public vigie::testing::ServedIndex<DuplicatesApi> {
protected:
    static void SetUpTestSuite() {
        auto line = [](const std::string& id, const std::string& body, const std::string& of) {
            json j = {{"id", id}, {"title", "Dépêche"}, {"body", body}, {"date", "2019-03-23"}};
            if (!of.empty()) j["duplicate_of"] = of;
            return j.dump() + "\n";
        };
        tmp().write("in/feed.jsonl", line("d1", kStory, "") + line("d2", kStory, "") +
                                         line("d3", "Bilan provisoire : trente morts à Ogossagou près de Mopti.", "d1") +
                                         line("g1", kOther, ""));
        serve({tmp().path() + "/in"});
    }
    static json ok(const std::string& path) { return get_json(path); }
};

TEST_F(DuplicatesApi, GroupedSearchSaysReportsAndStories) {
    json r = ok("/api/search?q=Mopti&group=1");
    EXPECT_EQ(r["total"], 3);
    EXPECT_EQ(r["stories"], 1);
    ASSERT_EQ(r["hits"].size(), 1u);
    EXPECT_EQ(r["hits"][0]["versions"], 3);
    EXPECT_EQ(r["hits"][0]["group"], "d1");
    EXPECT_EQ(r["hits"][0]["other_versions"].size(), 2u);
    json plain = ok("/api/search?q=Mopti");
    EXPECT_EQ(plain["total"], 3);
    EXPECT_FALSE(plain.contains("stories"));
    EXPECT_EQ(plain["hits"].size(), 3u);
    EXPECT_EQ(plain["count"], "reports");
    // The CLI answers the same.
    json cli = json::parse(vigie::testing::cli_output({"search", "--db", db_, "--json", "--group", "Mopti"}));
    EXPECT_EQ(cli["stories"], r["stories"]);
    EXPECT_EQ(cli["hits"], r["hits"]);
}

TEST_F(DuplicatesApi, FacetsCountStoriesOrReports) {
    json reports = ok("/api/facets?field=year");
    json stories = ok("/api/facets?field=year&count=stories");
    EXPECT_EQ(reports["year"][0]["count"], 4);
    EXPECT_EQ(stories["year"][0]["count"], 2);
    EXPECT_EQ(stories["count"], "stories");
    json search = ok("/api/search?count=stories&limit=0");
    EXPECT_EQ(search["total"], 4);
    EXPECT_EQ(search["stories"], 2);
    EXPECT_EQ(search["count"], "stories");
    json cli = json::parse(vigie::testing::cli_output({"facets", "--db", db_, "--json", "--field", "year", "--count", "stories"}));
    EXPECT_EQ(cli["year"], stories["year"]);
}

TEST_F(DuplicatesApi, BadValuesAreRefusedNamingTheParameter) {
    struct Case {
        std::string path, parameter;
    } cases[] = {
        {"/api/search?group=yes", "group"},
        {"/api/search?count=groups", "count"},
        {"/api/facets?count=x", "count"},
    };
    for (const Case& c : cases) {
        auto res = get(c.path);
        ASSERT_TRUE(res) << c.path;
        EXPECT_EQ(res->status, 400) << c.path;
        json e = json::parse(res->body);
        EXPECT_EQ(e["kind"], "invalid_argument") << res->body;
        EXPECT_EQ(e["parameter"], c.parameter) << res->body;
    }
}

}  // namespace
