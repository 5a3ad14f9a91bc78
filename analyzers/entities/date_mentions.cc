#include "analyzers/entities/date_mentions.h"

#include <array>
#include <regex>
#include <set>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"

namespace vigie::entities {
namespace {

constexpr std::array<const char*, 12> kMonths = {"janvier", "fevrier", "mars",      "avril",   "mai",      "juin",
                                                 "juillet", "aout",    "septembre", "octobre", "novembre", "decembre"};

int month_number(const std::string& m) {
    for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (m == kMonths[i]) return static_cast<int>(i) + 1;
    return 0;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// libstdc++'s regex matcher recurses once per character a `\s+` consumes, so
// a long run of white space (pages saved as text have them) overflows the
// stack. A date never has more than a few spaces between its words: past
// kMaxSpaces, the bytes of a run become '\x01' (not \s), which keeps every
// byte offset where it was.
constexpr std::size_t kMaxSpaces = 8;

void cap_space_runs(std::string& s) {
    std::size_t run = 0;
    for (char& c : s) {
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
        run = space ? run + 1 : 0;
        if (run > kMaxSpaces) c = '\x01';
    }
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, std::string_view report_date) {
    // Folding keeps byte offsets only for ASCII; work on the folded copy and
    // cut the original text by matching lengths when they agree.
    std::string folded = analysis::fold_accents(analysis::fold_case(text));
    bool same_offsets = folded.size() == text.size();
    cap_space_runs(folded);
    static const std::regex re(
        R"(\b(?:(fin|debut|mi)[- ])?(?:(1er|[12]?\d|3[01])\s+)?(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?:\s+((?:19|20)\d{2}))?\b|\b(fin|debut|mi)[- ]((?:19|20)\d{2})\b)");
    int report_year = 0, report_month = 0;
    if (report_date.size() >= 4) report_year = std::atoi(std::string(report_date.substr(0, 4)).c_str());
    if (report_date.size() >= 7) report_month = std::atoi(std::string(report_date.substr(5, 2)).c_str());

    std::vector<DateMention> out;
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(folded.begin(), folded.end(), re); it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        DateMention d;
        if (m[6].matched) {  // "début 2022"
            d.value = m[6].str();
        } else {
            int month = month_number(m[3].str());
            int day = m[2].matched ? (m[2].str() == "1er" ? 1 : std::atoi(m[2].str().c_str())) : 0;
            // A bare month name with no day and no year is too often not a date ("mai" is a verb).
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

}  // namespace vigie::entities
