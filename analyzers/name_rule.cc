#include "name_rule.h"

#include <cstdio>

#include "french_analyzer.h"
#include "lexicon.h"
#include "word_list.h"

namespace vigie::analysis {
namespace {

bool ordinary_word(const AnalyzedToken& t) { return (t.lexicon & Lexicon::kCommon) != 0; }

// Matched on its folded spelling, such a word would find the stop word:
// an ordinary word spelt so ("dé", "DÉ") is never taken as a name.
bool folds_to_stop_word(const AnalyzedToken& t) { return WordList::french_stop_words().contains(t.folded); }
bool also_a_name(const AnalyzedToken& t) { return (t.lexicon & (Lexicon::kProper | Lexicon::kKnownName)) != 0; }

std::string share(const CapitalEvidence& e) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "written with a capital inside sentences in %zu of the %zu reports holding it",
                  e.capitalised, e.reports);
    return buf;
}

}  // namespace

NameDecision NameRule::decide(const AnalyzedToken& t, const std::optional<CapitalEvidence>& evidence) {
    if (t.stop || t.number) return {false, t.stop ? "a stop word" : "a number"};
    if (!ordinary_word(t)) {
        if (t.lexicon & Lexicon::kProper) return {true, "a proper noun of the French dictionary"};
        if (t.lexicon & Lexicon::kKnownName) return {true, "a name of the gazetteer or the actor catalogue"};
        return {true, "not a word of the French dictionary"};
    }
    if (folds_to_stop_word(t)) return {false, "a French word spelt as a stop word once accents are gone"};
    bool known = evidence && evidence->reports > 0;
    double ratio = known ? double(evidence->capitalised) / double(evidence->reports) : 0.0;
    if (also_a_name(t)) {
        if (known) {
            if (ratio >= kNameAndWordRatio) return {true, "a word and a name, " + share(*evidence)};
            return {false, "a word and a name, " + share(*evidence)};
        }
        if (t.written != Case::kLower) return {true, "a word and a name, typed with a capital"};
        return {false, "a word and a name, typed in lower case"};
    }
    if (known && evidence->capitalised >= kMinReports && ratio >= kWordRatio)
        return {true, "a French word " + share(*evidence)};
    return {false, "a French word"};
}

bool NameRule::name_occurrence(const AnalyzedToken& t, bool in_person) {
    if (t.stop || t.number) return false;
    if (!ordinary_word(t)) return true;
    if (!also_a_name(t) || folds_to_stop_word(t)) return false;
    return in_person || capital_evidence(t);
}

bool NameRule::capital_evidence(const AnalyzedToken& t) {
    return !t.stop && !t.number && t.written != Case::kLower && !t.sentence_start;
}

}  // namespace vigie::analysis
