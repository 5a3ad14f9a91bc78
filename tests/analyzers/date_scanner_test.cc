// find_dates used to be one std::regex (a third of indexing time). Its
// hand-written scanner must give what the regex gave; the regex stays here as
// the reference, run on many generated phrases.
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <set>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/entities/date_mentions.h"

namespace {

namespace ve = vigie::entities;
namespace va = vigie::analysis;

// The former implementation, kept verbatim as the oracle (its space cap included).
std::vector<ve::DateMention> regex_dates(std::string_view text, std::string_view report_date) {
    static const char* kMonths[] = {"janvier", "fevrier", "mars",      "avril",   "mai",      "juin",
                                    "juillet", "aout",    "septembre", "octobre", "novembre", "decembre"};
    auto month_number = [](const std::string& m) {
        for (int i = 0; i < 12; ++i)
            if (m == kMonths[i]) return i + 1;
        return 0;
    };
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    std::string folded = va::fold_accents(va::fold_case(text));
    bool same_offsets = folded.size() == text.size();
    std::size_t run = 0;
    for (char& c : folded) {
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
        run = space ? run + 1 : 0;
        if (run > 8) c = '\x01';
    }
    static const std::regex re(
        R"(\b(?:(fin|debut|mi)[- ])?(?:(1er|[12]?\d|3[01])\s+)?(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?:\s+((?:19|20)\d{2}))?\b|\b(fin|debut|mi)[- ]((?:19|20)\d{2})\b)");
    int report_year = 0, report_month = 0;
    if (report_date.size() >= 4) report_year = std::atoi(std::string(report_date.substr(0, 4)).c_str());
    if (report_date.size() >= 7) report_month = std::atoi(std::string(report_date.substr(5, 2)).c_str());
    std::vector<ve::DateMention> out;
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(folded.begin(), folded.end(), re); it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        ve::DateMention d;
        if (m[6].matched) {
            d.value = m[6].str();
        } else {
            int month = month_number(m[3].str());
            int day = m[2].matched ? (m[2].str() == "1er" ? 1 : std::atoi(m[2].str().c_str())) : 0;
            if (!day && !m[4].matched && !m[1].matched) continue;
            if (day > 31 || day < 0) continue;
            int year = m[4].matched ? std::atoi(m[4].str().c_str()) : 0;
            if (!year && report_year) year = (report_month && month > report_month) ? report_year - 1 : report_year;
            std::string md = two(month) + (day ? "-" + two(day) : "");
            d.value = year ? std::to_string(year) + "-" + md : "--" + md;
        }
        auto pos = static_cast<std::size_t>(m.position(0));
        auto len = static_cast<std::size_t>(m.length(0));
        d.text = same_offsets ? std::string(text.substr(pos, len)) : m.str(0);
        if (seen.insert(d.value + "|" + d.text).second) out.push_back(std::move(d));
    }
    return out;
}

std::string show(const std::vector<ve::DateMention>& ds) {
    std::string s;
    for (const auto& d : ds) s += "[" + d.value + " '" + d.text + "'] ";
    return s;
}

TEST(DateScanner, AgreesWithTheFormerRegexOnGeneratedPhrases) {
    const std::vector<std::string> words = {
        "le", "1er", "1", "3", "05", "12", "19", "29", "30", "31", "32", "123", "0", "mai", "Mai", "août", "aout",
        "décembre", "marseille", "mars", "juin", "2022", "1999", "2101", "19999", "fin", "début", "debut", "mi",
        "find", "Fin", "x", "é", "l'an", "_", "1erjuin", "20", "fevrier", "février", "Ségou", "à"};
    const std::vector<std::string> seps = {" ", " ", " ", "-", "  ", "\t", "\n", ", ", ".", "", "         ", "'"};
    std::mt19937 rng(20261122);
    const std::vector<std::string> report_dates = {"", "2022-06", "2022", "2021-01-15"};
    int with_dates = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string text;
        int len = 1 + static_cast<int>(rng() % 7);
        for (int w = 0; w < len; ++w) {
            if (w) text += seps[rng() % seps.size()];
            text += words[rng() % words.size()];
        }
        const std::string& rd = report_dates[rng() % report_dates.size()];
        auto found = ve::find_dates(text, rd);
        ASSERT_EQ(show(found), show(regex_dates(text, rd))) << "text: '" << text << "' report " << rd;
        with_dates += !found.empty();
    }
    EXPECT_GT(with_dates, 2000);  // the phrases do exercise the grammar
}

}  // namespace
