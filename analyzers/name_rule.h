// NameRule: when a word is a name, matched on its accent- and case-folded
// spelling ("Mali", "Moura", "Touré") rather than through a French lemma.
//
// One rule for indexing and searching (docs/index-format.md, "Names"):
//  - a word the French dictionary does not know as an ordinary word is a
//    name: unknown words (Moura, Touré, Kati), proper nouns (Bamako, Wagner),
//    and the single-word names of the gazetteer and the catalogue;
//  - a word that is both an ordinary word and a name (Paris/paris, Mali/mali,
//    Pierre/pierre) is a name where it is written with a capital inside a
//    sentence; typed in a query, it is a name when the indexed text writes it
//    so in at least half of the reports holding it (else when typed with a
//    capital, if the index has no evidence);
//  - any other word is a name when the indexed text writes it with a capital
//    inside sentences nearly always (90 % of the reports, at least 3).
// The index keeps every word's folded spelling with positions, so a word
// taken as a name at search time finds every report writing it, whatever the
// indexer decided; a name occurrence gets no lemma term, so "mal" does not
// find "Mali" nor "tour" "Touré".
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace vigie::analysis {

struct AnalyzedToken;

// What an index says of a word: in how many reports it is written with a
// capital inside a sentence, out of how many reports hold it at all.
struct CapitalEvidence {
    std::size_t capitalised = 0;
    std::size_t reports = 0;
};

struct NameDecision {
    bool name = false;
    std::string why;  // in English, for `vigie analyze` and --explain
};

class NameRule {
public:
    static constexpr double kNameAndWordRatio = 0.5;
    static constexpr double kWordRatio = 0.9;
    static constexpr std::size_t kMinReports = 3;

    // A word typed in a query (or shown by `vigie analyze`). `evidence` from
    // the index being searched, when there is one.
    static NameDecision decide(const AnalyzedToken& word, const std::optional<CapitalEvidence>& evidence);

    // At indexing: this occurrence is a name (no lemma term). `in_person`:
    // the word is part of a person's name found in the report.
    static bool name_occurrence(const AnalyzedToken& token, bool in_person);

    // At indexing: this occurrence is written with a capital inside a
    // sentence, evidence that the word may be a name.
    static bool capital_evidence(const AnalyzedToken& token);
};

}  // namespace vigie::analysis
