// No content word shares a search term with a stop word ("tués" once
// stemmed to "tu" and found « Tu vas voir »). Walks every form of the
// French lexicon; tests/quality/ walks the words of 36k news articles.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "analyzers/accent_folder.h"
#include "analyzers/french_analyzer.h"
#include "analyzers/lexicon.h"
#include "analyzers/name_rule.h"
#include "tests/analyzers/stop_word_walk.h"

namespace {

TEST(StopWordWalk, TheStopListIsNotEmpty) {
    EXPECT_GE(vigie::testing::stop_word_terms().size(), 150u);
    EXPECT_TRUE(vigie::testing::stop_word_terms().count("tu"));
}

TEST(StopWordWalk, NoFormOfTheLexiconLandsOnAStopWord) {
    vigie::analysis::FrenchAnalyzer analyzer;
    const auto& lex = vigie::analysis::Lexicon::french();
    ASSERT_TRUE(lex.valid());
    std::size_t walked = 0;
    std::vector<std::string> bad;
    // Every form has a line "form\t..."; walking them goes through the same
    // look-ups the analyzer makes.
    for (const std::string& form : vigie::testing::lexicon_forms()) {
        ++walked;
        if (auto why = vigie::testing::lands_on_stop_word(analyzer, form); !why.empty()) bad.push_back(why);
    }
    EXPECT_GE(walked, 400000u);
    EXPECT_TRUE(bad.empty()) << bad.size() << " forms, e.g. " << bad.front();
}

TEST(StopWordWalk, TheIssuesWordsStayApartFromStopWords) {
    vigie::analysis::FrenchAnalyzer analyzer;
    for (const char* w : {"tués", "tuée", "tue", "série", "désir", "francs", "parer", "tonnes", "néant", "sûr", "dû",
                          "étés", "sommes", "avions", "été"})
        EXPECT_EQ(vigie::testing::lands_on_stop_word(analyzer, w), "") << w;
}

}  // namespace
