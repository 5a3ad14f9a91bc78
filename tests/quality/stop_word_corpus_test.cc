// The vocabulary of 36,152 real news articles (../shared; skipped, and said
// so, without it): no content word lands on a stop word's term, as "tués"
// once landed on "tu" and found « Tu vas voir ».
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzers/french_analyzer.h"
#include "tests/analyzers/stop_word_walk.h"

namespace {

TEST(StopWordCorpus, NoWordOfTheNewsLandsOnAStopWord) {
    const std::string feed = std::string(VIGIE_SHARED_DIR) + "/corpora/orangesum/orangesum.jsonl.gz";
    if (!std::filesystem::exists(feed)) GTEST_SKIP() << "needs " << feed << " (../shared is absent)";
    gzFile in = gzopen(feed.c_str(), "rb");
    ASSERT_NE(in, nullptr);
    vigie::analysis::FrenchAnalyzer analyzer;
    std::set<std::string> words;
    std::string line;
    char buf[1 << 16];
    std::size_t articles = 0;
    while (gzgets(in, buf, sizeof buf)) {
        line += buf;
        if (line.empty() || line.back() != '\n') continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        line.clear();
        if (j.is_discarded()) continue;
        ++articles;
        for (const char* field : {"title", "heading", "body"})
            if (j.contains(field) && j[field].is_string())
                for (const auto& t : analyzer.analyze(j[field].get<std::string>()).tokens) words.insert(t.surface);
    }
    gzclose(in);
    std::vector<std::string> bad;
    for (const std::string& w : words)
        if (auto why = vigie::testing::lands_on_stop_word(analyzer, w); !why.empty()) bad.push_back(why);
    std::printf("%zu articles, %zu distinct words, %zu land on a stop word\n", articles, words.size(), bad.size());
    EXPECT_GE(articles, 36000u);
    EXPECT_TRUE(bad.empty()) << bad.size() << " words, e.g. " << bad.front();
}

}  // namespace
