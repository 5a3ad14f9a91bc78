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
    std::size_t articles = 0;      // articles read
    std::size_t false_places = 0;  // homonyms + in_names
    std::size_t homonyms = 0;  // places of Mali, Burkina Faso or Niger below country level on a report
                               // that names neither their country nor its people
    std::size_t in_names = 0;  // places (countries included) written only inside a longer name or as
                               // an acronym: "France 2", "Météo-France", "Gao Feng", "GAO"
    std::map<std::string, std::size_t> by_place;  // "<id> (homonym|in a name)" -> reports
    double per_thousand() const { return articles ? 1000.0 * false_places / articles : 0; }
};

// Reads up to `limit` articles (0: all) of `corpus` (.jsonl or .jsonl.gz)
// and counts, per report, the place tags that the text does not support:
// homonyms of Sahel places on reports about elsewhere, and places whose
// every written mention is part of another name or an acronym. The checks
// read the text directly, not through the rules of analyzers/entities.
// `sahel_jsonl` is accepted for the command line's sake and not used: the
// Sahel reports are read like the others.
// With `index` (a Vigie index of the same corpus), the places are those the
// index holds (named ones: wdf > 0), to measure the version that built it.
Expected<FalsePlaces> count_false_places(const std::string& corpus, const std::string& sahel_jsonl,
                                         std::size_t limit, const std::string& index = "");

// Person detection on Sequoia's gold PERS entities (CoNLL-U Plus, simple
// files): exact name match, over the given files.
Expected<PrecisionRecall> score_persons(const std::vector<std::string>& conllu_files);

}  // namespace vigie::bench
