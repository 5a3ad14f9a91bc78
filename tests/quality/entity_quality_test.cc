// Entity recognition quality on real text from ../shared (skipped, and said
// so, when ../shared is absent): precision and recall against the
// hand-made gold in tests/data/, and false places on broad news.
// The numbers are printed; the thresholds are the product's targets.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "bench/entity_quality.h"

namespace {

const std::string kShared = VIGIE_SHARED_DIR;
const std::string kSahel = kShared + "/corpora/orangesum/orangesum_sahel.jsonl";

bool have(const std::string& path) { return std::filesystem::exists(path); }

TEST(EntityQuality, HandAnnotatedSahelArticles) {
    if (!have(kSahel)) GTEST_SKIP() << "needs " << kSahel << " (../shared is absent)";
    auto s = vigie::bench::score_gold(std::string(VIGIE_SOURCE_DIR) + "/tests/data/sahel_entities_gold.jsonl", kSahel);
    ASSERT_TRUE(s.ok()) << s.error().message;
    std::cout << s->documents << " articles: actors P " << s->actors.precision() << " R " << s->actors.recall()
              << "; places P " << s->places.precision() << " R " << s->places.recall() << "\n";
    EXPECT_GE(s->documents, 20u);
    EXPECT_GE(s->actors.precision(), 0.9);
    EXPECT_GE(s->actors.recall(), 0.9);
    EXPECT_GE(s->places.precision(), 0.9);
    EXPECT_GE(s->places.recall(), 0.9);
}

TEST(EntityQuality, FalsePlacesOnNewsAboutElsewhere) {
    const std::string corpus = kShared + "/corpora/orangesum/orangesum.jsonl.gz";
    if (!have(corpus) || !have(kSahel)) GTEST_SKIP() << "needs " << corpus << " (../shared is absent)";
    // 6,000 articles keep the test short; bench/README.md gives the full run.
    // Counted: Sahel places on reports that name neither their country nor
    // its people (homonyms), and places written only inside another name or
    // as an acronym ("France 2", "Météo-France", "GAO"). Before the evidence
    // rules (issue 12) these 6,000 articles held 4 homonyms and 471 places
    // inside names (79 per 1,000); the measure of the time counted 0.
    auto f = vigie::bench::count_false_places(corpus, kSahel, 6000);
    ASSERT_TRUE(f.ok()) << f.error().message;
    std::cout << f->articles << " articles: " << f->homonyms << " homonyms, " << f->in_names
              << " places inside names, " << f->per_thousand() << " false places per 1,000\n";
    EXPECT_GE(f->articles, 6000u);
    EXPECT_LE(f->homonyms, 2u);
    EXPECT_LT(f->per_thousand(), 2.0);
}

}  // namespace
