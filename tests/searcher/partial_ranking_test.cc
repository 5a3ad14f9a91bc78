// Partial matches (reports lacking some words typed) through a real index:
// a rare word typed with a common one ranks first the report holding the
// rare word, however often others repeat the common one.
#include <gtest/gtest.h>

#include <string>

#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

// About 150 words of ordinary sentences, around `middle`.
std::string report(const std::string& title, const std::string& middle) {
    std::string text = title + "\n";
    for (int i = 0; i < 8; ++i) text += "Les habitants de la région décrivent une situation difficile depuis des mois. ";
    text += middle + " ";
    for (int i = 0; i < 8; ++i) text += "Les organisations humanitaires demandent un accès aux populations. ";
    return text;
}

TEST(PartialRanking, ARareWordOutweighsACommonWordRepeated) {
    vigie::testing::TempDir tmp;
    // As on real news: the name in one report, the common word in many,
    // some repeating it; reports of similar length.
    tmp.write("reports/ogossagou.txt",
              report("Attaque au centre", "Des hommes armés sont entrés dans le village de Ogossagou à l'aube."));
    for (int i = 0; i < 8; ++i)
        tmp.write("reports/massacre" + std::to_string(i) + ".txt",
                  report("Un massacre", "Le massacre, un massacre de plus : après ce massacre, un autre massacre."));
    for (int i = 0; i < 100; ++i)
        tmp.write("reports/other" + std::to_string(i) + ".txt",
                  report("Autre sujet", "Le conseil municipal a voté le budget " + std::to_string(i) + "."));
    vigie::indexer::IndexOptions opts;
    opts.db_dir = tmp / "db";
    opts.paths = {tmp / "reports"};
    ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
    auto searcher = vigie::searcher::Searcher::open(opts.db_dir);
    ASSERT_TRUE(searcher.ok()) << searcher.error().message;
    vigie::searcher::SearchRequest req;
    req.query = "massacre Ogossagou";
    auto result = searcher->search(req);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->total, 0u);
    EXPECT_EQ(result->partial_total, 9u);
    ASSERT_FALSE(result->hits.empty());
    EXPECT_NE(result->hits[0].id.find("ogossagou"), std::string::npos) << result->hits[0].id;
    EXPECT_EQ(result->hits[0].missing, (std::vector<std::string>{"massacre"}));
}

}  // namespace
