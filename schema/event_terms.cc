#include "schema/event_terms.h"

namespace vigie::schema {
namespace {

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

}  // namespace

std::vector<std::string> event_terms(std::string_view v) {
    auto p = [](std::string_view prefix, std::string_view value) { return std::string(prefix) + std::string(value); };
    if (v.size() < 4 || !digits(v.substr(0, 4))) return {};  // no year: never in a range
    std::string_view year = v.substr(0, 4);
    if (v.size() == 4) return {p(kEventYear, year)};
    bool month = v.size() >= 7 && v[4] == '-' && digits(v.substr(5, 2));
    if (v.size() == 7 && month) return {p(kEventMonth, v), p(kEventMonthInYear, year)};
    if (v.size() == 10 && month && v[7] == '-' && digits(v.substr(8, 2)))
        return {p(kEventDay, v), p(kEventDayInMonth, v.substr(0, 7)), p(kEventDayInYear, year)};
    return {};
}

}  // namespace vigie::schema
