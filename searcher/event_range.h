// The query for "mentions an event date inside [from, to]" over the event
// terms of schema/event_terms.h (docs/event-dates.md). A mention matches
// when its whole span lies inside the range: "août 2020" is inside
// 2020-08-01..2020-08-31 or 2020, not inside 2020-08-10..2020-08-20.
#pragma once

#include <string>

#include <xapian.h>

#include "common/expected.h"

namespace vigie::searcher {

// Both valid dates (valid_date) and the first day `from` covers is after
// the last day `to` covers ("2021" after "2020-12"; "2020-08" not after "2020").
bool event_range_reversed(const std::string& from, const std::string& to);

struct EventYears {
    int min = 0, max = -1;  // the years the index's event terms span; empty when max < min
};

// The years of the event terms `db` holds (a few hundred terms at most).
EventYears event_years(const Xapian::Database& db);

// from and to: YYYY[-MM[-DD]], inclusive, either may be empty (open); both
// checked with valid_date. The range is cut to the index's years (no term
// lies outside them), which also bounds an open side. Whole years become
// year roll-ups, whole months month roll-ups, the rest day terms: at most
// 3 per year, 2 per month of the two edge years and 30 days per edge month.
// An empty range (nothing in the index's years) gives a query matching nothing
// (never the empty query: an AND of filters would drop it).
// from after to: an Error of kind invalid argument.
Expected<Xapian::Query> event_range_query(const std::string& from, const std::string& to, EventYears years);

}  // namespace vigie::searcher
