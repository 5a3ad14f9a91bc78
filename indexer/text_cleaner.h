// TextCleaner: turns the raw text of a plain-text report into what is indexed
// and shown: the optional " date YYYY[-MM[-DD]]" header, a title, and the body
// without the web boilerplate that pages saved as text carry (breadcrumbs,
// bylines, comment counters, "Publié le", share and footer blocks).
#pragma once

#include <string>
#include <string_view>

namespace vigie::indexer {

struct CleanedText {
    std::string title;
    std::string body;
    std::string date;  // YYYY, YYYY-MM or YYYY-MM-DD; empty when the text gives none
};

// `text` must be valid UTF-8. Pure function; thread-safe.
CleanedText clean_report_text(std::string_view text);

// Parses a publication date written in a header line: "2022-11-05",
// "05/11/2022", "5 novembre 2022", "novembre 2022", "2022". Returns the
// date at the precision given, or empty. Exposed for tests.
std::string parse_header_date(std::string_view text);

// Shortens a long first line to a title: the first sentence when short
// enough, else a cut at a word boundary followed by "…".
std::string make_title(std::string_view line);

}  // namespace vigie::indexer
