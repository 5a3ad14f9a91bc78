// Issue 15, cases 6, 16 and 17: odd file names. A name holding the byte
// that separates a path from a feed id stays one report; ids are valid
// UTF-8 cut on a character boundary; --json output survives a name that is
// not UTF-8.
#include <gtest/gtest.h>

#include <string>

#include "run_vigie.h"

namespace {

using vigie::testing::indexed_ids;
using vigie::testing::Outcome;
using vigie::testing::search_total;
using vigie::testing::TempDir;
using vigie::testing::vigie;

bool valid_utf8(const std::string& s) {
    return !nlohmann::json::parse("\"" + s + "\"", nullptr, false).is_discarded();
}

// Case 6: alternate runs removed and re-added it.
TEST(Issue15, FileNameWithSeparatorByteIsStableAcrossRuns) {
    TempDir tmp;
    tmp.write("r/a\x1f" "b.txt", "Rapport\n\nAttaque à Kidal.\n");
    tmp.write("r/flux.jsonl", R"({"id": "x)" "\\u001f" R"(y", "title": "T", "body": "Enlèvement à Ménaka."})" "\n");
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp).status, 0);
    for (int run = 2; run <= 3; ++run) {
        Outcome r = vigie({"index", "--db", db, "--quiet", "--json", tmp / "r"}, tmp);
        ASSERT_EQ(r.status, 0) << r.err;
        auto j = r.json();
        EXPECT_EQ(j["unchanged"], 2) << "run " << run << ": " << r.out;
        EXPECT_EQ(j["added"], 0) << "run " << run;
        EXPECT_EQ(j["removed"], 0) << "run " << run;
    }
    EXPECT_EQ(search_total(db, "Kidal", tmp), 1);
}

// Case 16: long French names are cut on a character boundary; Latin-1
// names become UTF-8 ids.
TEST(Issue15, IdsAreValidUtf8) {
    TempDir tmp;
    std::string accents;
    for (int i = 0; i < 125; ++i) accents += "é";  // 250 bytes
    tmp.write("r/" + accents + ".txt", "Rapport\n\nAttaque à Kidal.\n");
    tmp.write("r/rapport-\xe9t\xe9.txt", "Rapport\n\nEnlèvement à Ménaka.\n");
    std::string db = tmp / "db";
    Outcome r = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    ASSERT_EQ(r.status, 0) << r.err;
    auto ids = indexed_ids(db, tmp);
    ASSERT_EQ(ids.size(), 2u);
    for (const std::string& id : ids) {
        EXPECT_TRUE(valid_utf8(id)) << id;
        EXPECT_EQ(id.find("\xEF\xBF\xBD"), std::string::npos) << id;  // no U+FFFD
        EXPECT_LE(id.size(), 120u);
    }
    auto j = vigie({"search", "--db", db, "--json", "Ménaka"}, tmp).json();
    ASSERT_EQ(j["total"], 1);
    EXPECT_EQ(j["hits"][0]["id"], "rapport-été");
}

// Case 17: a failing file whose name is not UTF-8, with --json.
TEST(Issue15, JsonSummarySurvivesNonUtf8FileName) {
    TempDir tmp;
    tmp.write("r/vide-\xe9.txt", "");
    tmp.write("r/bon.txt", "Rapport\n\nAttaque à Kidal.\n");
    std::string db = tmp / "db";
    Outcome r = vigie({"index", "--db", db, "--quiet", "--json", tmp / "r"}, tmp);
    EXPECT_EQ(r.status, 2) << r.err;
    auto j = r.json();
    ASSERT_TRUE(j.is_object()) << r.out << r.err;
    EXPECT_EQ(j["added"], 1);
    EXPECT_EQ(j["failed"], 1);
    EXPECT_NE(j["failures"][0]["path"].get<std::string>().find("vide-"), std::string::npos);
    EXPECT_EQ(vigie({"facets", "--db", db, "--json"}, tmp).status, 0);
    EXPECT_EQ(vigie({"stats", "--db", db, "--json"}, tmp).status, 0);
}

}  // namespace
