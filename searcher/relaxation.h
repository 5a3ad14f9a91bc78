// A search that found nothing says what emptied it (issue 13): the count
// without each word of the query and without each filter, and the span of
// publication dates the collection covers. The page turns each into a link
// (« sans le mot « x » : 12 rapports »).
#pragma once

#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace vigie::searcher {

// At most this many relaxations are counted per search (filters first, then
// the words in the order typed): each is one more search.
inline constexpr unsigned kMaxRelaxations = 8;

// The words of a query as a person sees them, in order: whitespace-separated,
// a quoted phrase ("…", “…”, «…») as one; operators (OR, AND, NOT) and lone
// punctuation left out.
std::vector<std::string> query_words(const std::string& query);

// `query` without its `index`-th word of query_words (spacing normalised).
std::string query_without(const std::string& query, std::size_t index);

// When `result.total` is 0: fills result.relaxations (a word that is a stop
// word alone is skipped: dropping it changes nothing) and result.collection.
// Each relaxation counts as `searcher.search` would with that part left out
// (same deadline; count only). Does nothing when total > 0. When one of
// these counts fails (its deadline passed, a shard down) there are no
// relaxations at all, never some of them: the answer itself stands.
void add_relaxations(Searcher& searcher, const SearchRequest& request, SearchResult& result);

}  // namespace vigie::searcher
