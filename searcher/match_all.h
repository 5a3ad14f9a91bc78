// A query matching every document, made fresh for each use.
//
// Not Xapian::Query::MatchAll: that is one static object whose reference
// count Xapian 1.4 changes without atomics, so two server threads copying it
// at once corrupt the count and free it under the other (AddressSanitizer
// caught a heap-use-after-free in QueryBuilder::build with /api/search and
// /api/facets running together). The empty term matches every document too.
#pragma once

#include <string>

#include <xapian.h>

namespace vigie::searcher {

inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

}  // namespace vigie::searcher
