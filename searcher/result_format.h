// Rendering of search results: the JSON of CONTRACT.md and a text layout
// for people.
#pragma once

#include <string>

#include "searcher/searcher.h"

namespace vigie::searcher {

std::string to_json(const SearchResult& result);

// `color`: highlight matches with ANSI bold instead of *stars*.
std::string to_text(const SearchResult& result, bool color);

// `vigie stats --json`: the IndexStats as one JSON object.
std::string to_json(const IndexStats& stats);

std::string html_escape(const std::string& text);

}  // namespace vigie::searcher
