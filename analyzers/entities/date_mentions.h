// Event dates mentioned in a report's text: "19 mai", "le 18 juin 2022",
// "août 2020", "fin mars", "début 2022".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigie::entities {

struct DateMention {
    std::string text;   // as written, e.g. "18 juin 2022"
    std::string value;  // ISO: "2022-06-18", "2020-08", "2022"; "--05-19" or "--03" when no year is known
};

// `report_date` (YYYY[-MM[-DD]] or empty) gives the year of a day or month
// written without one: the latest such date not after the report (a report
// of June 2022 saying "19 mai" means 2022-05-19; one of March 2022, 2021).
// Without a report date no year is invented. Thread-safe.
std::vector<DateMention> find_dates(std::string_view text, std::string_view report_date);

}  // namespace vigie::entities
