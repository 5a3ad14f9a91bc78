// QueryBuilder: turns what a person typed (query_syntax.h) into Xapian
// queries in the index format (docs/index-format.md), analysing every word
// with the shared French analyzer. Never fails: what cannot be searched as
// asked is said in `warnings`.
//
// Counts hold every word typed (README, "Query syntax"; CONTRACT.md):
// `ranked` matches the reports holding every item of the query (each word
// through its forms, spellings and catalogue aliases), within its filters
// and exclusions; `relaxed` those holding some item, for partial matches
// shown after them and flagged with the items they lack.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzers/french_analyzer.h"
#include "analyzers/name_rule.h"
#include "searcher/searcher.h"

namespace vigie::searcher {

struct QueryNode;

// One thing typed whose absence a partial match is flagged with.
struct QueryItem {
    std::string label;    // as typed, case-folded ("wagner", "\"groupe wagner\"")
    Xapian::Query match;  // what a report must hold for it
};

// What to highlight in a report's text: words by their folded spelling
// (names, exact words) or by their lemma, and quoted phrases as sequences
// of folded spellings. `weight`: per folded spelling or lemma, how rare it is.
// One word of a quoted phrase: as typed (folded), and the spellings that
// stand for it there (its inflected forms, for an ordinary word).
struct PhraseWord {
    std::string folded;
    std::set<std::string> spellings;
};

struct HighlightTerms {
    std::set<std::string> folded, lemmas;
    std::vector<std::vector<PhraseWord>> phrases;
    std::map<std::string, double> weight;
};

// How a query word was read: a name (folded spelling) or a word (lemmas).
struct WordReading {
    std::string word;  // as typed
    bool name = false;
    std::string why;
    std::vector<std::string> terms;  // what it matches in the index
};

struct BuiltQuery {
    Xapian::Query ranked;   // every item, filters, exclusions; with ranking boosts (MatchAll: everything;
                            // empty: nothing, e.g. an impossible date)
    Xapian::Query matched;  // what `ranked` matches, without its ranking boosts
    Xapian::Query relaxed;  // some item; empty when partial matches do not apply
    std::vector<QueryItem> items;
    bool everything = false;  // no word nor filter: every report
    bool question = false;    // a question: ranked over `relaxed`, counted over `ranked`
    std::vector<std::string> words;     // the plain words typed, for spelling suggestions
    std::vector<std::string> warnings;  // in French, for the person who typed it
    HighlightTerms highlight;
    std::vector<WordReading> readings;
};

// Holds references: `db` and `analyzer` must outlive it. Not thread-safe.
class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, analysis::FrenchAnalyzer& analyzer, QueryOptions options = {})
        : db_(db), analyzer_(analyzer), options_(options) {}

    BuiltQuery build(std::string_view text);

    // The name decision for a word of this index (tests, `vigie analyze --db`).
    analysis::NameDecision name_decision(const analysis::AnalyzedToken& token);

    // Words a wildcard stands for, at most; over all wildcards of a query.
    static constexpr unsigned kMaxWildcardTerms = 200;
    static constexpr unsigned kMaxExpandedTerms = 1000;
    // Index terms a wildcard's expansion may look at before it stops.
    static constexpr unsigned kMaxWildcardScan = 100000;
    // Phrases and words beyond these are not searched (said in warnings).
    static constexpr unsigned kMaxPhrases = 16;
    static constexpr unsigned kMaxWords = 64;

private:
    friend class QueryReader;
    std::optional<analysis::CapitalEvidence> evidence(const std::string& folded);
    const std::vector<std::string>& family(const std::string& lemma);

    const Xapian::Database& db_;
    analysis::FrenchAnalyzer& analyzer_;
    QueryOptions options_;
    std::map<std::string, analysis::CapitalEvidence> evidence_;   // per folded word
    std::map<std::string, std::vector<std::string>> wildcards_;  // per field + prefix: its expansion
    std::map<std::string, std::vector<std::string>> families_;   // per lemma: its family's terms
};

}  // namespace vigie::searcher
