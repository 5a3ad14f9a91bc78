// Rendering of search results: the JSON of CONTRACT.md and a text layout
// for people.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "searcher/searcher.h"

namespace vigie::searcher {

std::string to_json(const SearchResult& result);

// `color`: highlight matches with ANSI bold instead of *stars*.
std::string to_text(const SearchResult& result, bool color);

// `vigie stats --json`: the IndexStats as one JSON object.
std::string to_json(const IndexStats& stats);

std::string html_escape(const std::string& text);

// A hit's or report's provenance into `out`: "url", "outlet", "author" (null
// when unknown) and "source" (always a name, never an absolute path).
void add_provenance(nlohmann::json& out, const Provenance& p);

}  // namespace vigie::searcher
