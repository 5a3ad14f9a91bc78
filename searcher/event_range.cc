#include "searcher/event_range.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "schema/event_terms.h"
#include "searcher/match_all.h"
#include "searcher/searcher.h"

namespace vigie::searcher {
namespace {

struct Day {
    int y, m, d;
    auto operator<=>(const Day&) const = default;
};

int days_in(int y, int m) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// The first (or last) day a YYYY[-MM[-DD]] covers.
Day first_day(const std::string& s) {
    return {std::stoi(s.substr(0, 4)), s.size() >= 7 ? std::stoi(s.substr(5, 2)) : 1,
            s.size() == 10 ? std::stoi(s.substr(8, 2)) : 1};
}
Day last_day(const std::string& s) {
    int y = std::stoi(s.substr(0, 4)), m = s.size() >= 7 ? std::stoi(s.substr(5, 2)) : 12;
    return {y, m, s.size() == 10 ? std::stoi(s.substr(8, 2)) : days_in(y, m)};
}

std::string fmt(int y) {
    char b[16];
    std::snprintf(b, sizeof b, "%04d", y);
    return b;
}
std::string fmt(int y, int m) {
    char b[32];
    std::snprintf(b, sizeof b, "%04d-%02d", y, m);
    return b;
}
std::string fmt(int y, int m, int d) {
    char b[40];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
    return b;
}

// Not Xapian::Query::MatchNothing: that is the empty query, which an AND of
// filters drops (every report would pass).
Xapian::Query nothing() { return Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), match_all()); }

std::string term(std::string_view prefix, const std::string& value) { return std::string(prefix) + value; }

}  // namespace

bool event_range_reversed(const std::string& from, const std::string& to) {
    return valid_date(from) && valid_date(to) && first_day(from) > last_day(to);
}

EventYears event_years(const Xapian::Database& db) {
    EventYears out{9999, -1};
    // Every dated mention has one year-level term: XEY, XEMy or XEDy + YYYY.
    for (std::string_view p : {schema::kEventYear, schema::kEventMonthInYear, schema::kEventDayInYear}) {
        std::string prefix(p);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            std::string v = (*t).substr(prefix.size());
            if (v.size() != 4 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
                continue;  // XEY is a prefix of nothing else, but stay strict
            int y = std::stoi(v);
            out.min = std::min(out.min, y), out.max = std::max(out.max, y);
        }
    }
    if (out.max < 0) out = EventYears{};
    return out;
}

Expected<Xapian::Query> event_range_query(const std::string& from, const std::string& to, EventYears years) {
    if (!from.empty() && !valid_date(from))
        return Error{"date d'événement « " + from.substr(0, 40) + " » invalide (AAAA, AAAA-MM ou AAAA-MM-JJ)"};
    if (!to.empty() && !valid_date(to))
        return Error{"date d'événement « " + to.substr(0, 40) + " » invalide (AAAA, AAAA-MM ou AAAA-MM-JJ)"};
    if (event_range_reversed(from, to))
        return Error{"la date d'événement de début (" + from + ") est après celle de fin (" + to + ")"};
    if (years.max < years.min) return nothing();
    Day lo = from.empty() ? Day{years.min, 1, 1} : first_day(from);
    Day hi = to.empty() ? Day{years.max, 12, 31} : last_day(to);
    lo = std::max(lo, Day{years.min, 1, 1});
    hi = std::min(hi, Day{years.max, 12, 31});
    if (lo > hi) return nothing();

    std::vector<Xapian::Query> terms;
    for (int y = lo.y; y <= hi.y; ++y) {
        Day ys{y, 1, 1}, ye{y, 12, 31};
        if (lo <= ys && ye <= hi) {
            for (std::string_view p : {schema::kEventYear, schema::kEventMonthInYear, schema::kEventDayInYear})
                terms.emplace_back(term(p, fmt(y)));
            continue;
        }
        for (int m = 1; m <= 12; ++m) {
            Day ms{y, m, 1}, me{y, m, days_in(y, m)};
            if (me < lo || hi < ms) continue;
            if (lo <= ms && me <= hi) {
                terms.emplace_back(term(schema::kEventMonth, fmt(y, m)));
                terms.emplace_back(term(schema::kEventDayInMonth, fmt(y, m)));
                continue;
            }
            for (int d = 1; d <= me.d; ++d)
                if (lo <= Day{y, m, d} && Day{y, m, d} <= hi) terms.emplace_back(term(schema::kEventDay, fmt(y, m, d)));
        }
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace vigie::searcher
