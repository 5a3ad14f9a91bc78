// Suggester: a corrected query when a query word is unknown to the index and
// the index's spelling data (accent-folded words) holds a close one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace vigie::searcher {

// `words` are the plain query words as typed; `query` the whole query text,
// in which each corrected word is replaced. nullopt when every word is known.
std::optional<std::string> suggest(const Xapian::Database& db, const std::vector<std::string>& words,
                                   const std::string& query);

}  // namespace vigie::searcher
