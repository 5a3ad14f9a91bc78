// Terms for the event dates a report mentions (docs/index-format.md,
// "Event dates"; docs/event-dates.md): the indexer writes them, the
// searcher's event range is built from the same spellings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigie::schema {

// Metadata key written when a generation is created by a Vigie that writes
// event terms: an index without it cannot answer an event filter (its
// reports have no such terms), and is refused rather than answering 0.
inline constexpr std::string_view kEventTermsKey = "vigie.event_terms";

// A mention's own precision, and roll-ups so a range needs few terms:
//   year mention  "2020"        -> XEY2020
//   month mention "2020-08"     -> XEM2020-08, XEMy2020
//   day mention   "2020-08-19"  -> XED2020-08-19, XEDm2020-08, XEDy2020
// A mention without a year ("--05-19") or not ISO gives none.
inline constexpr std::string_view kEventYear = "XEY";
inline constexpr std::string_view kEventMonth = "XEM";
inline constexpr std::string_view kEventMonthInYear = "XEMy";
inline constexpr std::string_view kEventDay = "XED";
inline constexpr std::string_view kEventDayInMonth = "XEDm";
inline constexpr std::string_view kEventDayInYear = "XEDy";

std::vector<std::string> event_terms(std::string_view iso);

}  // namespace vigie::schema
