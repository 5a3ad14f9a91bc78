// Measures entity recognition against data in ../shared: hand-made gold on
// Sahel news, false places on news about elsewhere, persons on Sequoia.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/expected.h"

namespace vigie::bench {

struct PrecisionRecall {
    std::size_t true_pos = 0, predicted = 0, expected = 0;
    double precision() const { return predicted ? double(true_pos) / predicted : 1.0; }
    double recall() const { return expected ? double(true_pos) / expected : 1.0; }
    std::vector<std::string> misses, false_alarms;  // "<doc>: <id>"
};

struct GoldScores {
    std::size_t documents = 0;
    PrecisionRecall actors, places;
};

// `gold_jsonl`: tests/data/sahel_entities_gold.jsonl; `articles_jsonl`: the
// corpus holding the articles' text (orangesum_sahel.jsonl).
Expected<GoldScores> score_gold(const std::string& gold_jsonl, const std::string& articles_jsonl);

struct FalsePlaces {
    std::size_t articles = 0;  // articles not about the Sahel that were read
    std::size_t false_places = 0;
    std::map<std::string, std::size_t> by_place;
    double per_thousand() const { return articles ? 1000.0 * false_places / articles : 0; }
};

// Reads up to `limit` articles (0: all) of `corpus` (.jsonl or .jsonl.gz),
// skipping those in `sahel_jsonl` and those that name a Sahel country, city
// or the Sahel itself; every place found in Mali, Burkina Faso or Niger
// below country level is a false place.
Expected<FalsePlaces> count_false_places(const std::string& corpus, const std::string& sahel_jsonl,
                                         std::size_t limit);

// Person detection on Sequoia's gold PERS entities (CoNLL-U Plus, simple
// files): exact name match, over the given files.
Expected<PrecisionRecall> score_persons(const std::vector<std::string>& conllu_files);

}  // namespace vigie::bench
