// QueryBuilder: parses the user's query syntax and builds a Xapian::Query in
// the index format, analysing every word with the shared French analyzer.
//
// Syntax: words (any order; reports with all of them rank first), "exact
// phrase", AND, OR, NOT, -word, +word, word*, ( ), and the fields title: (or
// titre:) and date:YYYY[-MM].
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzers/french_analyzer.h"
#include "common/expected.h"
#include "searcher/searcher.h"

namespace vigie::searcher {

struct BuiltQuery {
    Xapian::Query query;  // MatchAll for an empty query
    // The plain words as typed, in order, for spelling suggestions.
    std::vector<std::string> words;
};

// Holds references: `db` and `analyzer` must outlive it. Not thread-safe.
class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, analysis::FrenchAnalyzer& analyzer, QueryOptions options = {})
        : db_(db), analyzer_(analyzer), options_(options) {}

    // Errors name what was wrong in the query (unbalanced parenthesis, bad date).
    Expected<BuiltQuery> build(std::string_view text);
    // Builds the next queries with other options; the index look-ups made so
    // far (spellings of each word) are kept.
    void set_options(const QueryOptions& options) { options_ = options; }

    // The query for one analysed word in a field prefix ("" or "S"): the
    // stems of every spelling of it the index holds, accented or not.
    Xapian::Query word_query(const analysis::AnalyzedToken& token, const std::string& field);

    static constexpr unsigned kMaxWildcardTerms = 500;
    // Deepest nesting of parentheses accepted; deeper is a query error.
    static constexpr unsigned kMaxNesting = 64;
    // Weight of a spelling variant relative to the spelling typed.
    static constexpr double kVariantWeight = 0.5;

private:
    friend class Parser;
    struct Spellings {
        std::vector<std::string> primary, variants;
    };
    Spellings spellings(const analysis::AnalyzedToken& token, const std::string& field);
    Spellings look_up_spellings(const analysis::AnalyzedToken& token, const std::string& field);
    std::vector<std::string> stem_terms(const analysis::AnalyzedToken& token, const std::string& field);
    Xapian::Query wildcard_query(const analysis::AnalyzedToken& token, const std::string& field);

    const Xapian::Database& db_;
    analysis::FrenchAnalyzer& analyzer_;
    QueryOptions options_;
    // Per field and word, its spellings in the index: a search asks for a
    // word's more than once (its query, the proximity clause, the snippets'
    // query), and each look-up is a round trip to remote shards.
    std::map<std::string, Spellings> spellings_;
    Xapian::Stem unaccented_stemmer_{"french"};
};

}  // namespace vigie::searcher
