#include "analyzers/entities/date_mentions.h"

#include <array>
#include <optional>
#include <set>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"

namespace vigie::entities {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"janvier", "fevrier", "mars",      "avril",   "mai",      "juin",
                                                      "juillet", "aout",    "septembre", "octobre", "novembre", "decembre"};

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Word characters as a regex's \b sees them: a date is a run of whole words.
bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A date never has more than a few spaces between its words.
constexpr std::size_t kMaxSpaces = 8;

// Reads the folded text (lower case, no accents) grammar
//   [fin|debut|mi (- or space)] [day spaces] month [spaces year]
//   fin|debut|mi (- or space) year
// where day is 1er, 0-29 or 30-31 and year is 19xx or 20xx, each a whole word.
class Scanner {
public:
    explicit Scanner(std::string_view s) : s_(s) {}

    struct Match {
        std::size_t begin = 0, end = 0;
        bool prefix = false;
        int day = 0, month = 0, year = 0;
        bool only_year = false;  // "début 2022"
    };

    std::optional<Match> at(std::size_t i) const {
        if (std::size_t p = prefix_end(i)) {
            if (auto m = day_month_year(p)) return finish(*m, i, true);
        }
        if (auto m = day_month_year(i)) return finish(*m, i, false);
        if (std::size_t p = prefix_end(i)) {
            if (std::size_t e = year_end(p)) {
                Match m;
                m.begin = i, m.end = e, m.only_year = true, m.prefix = true;
                m.year = number(p, e);
                return m;
            }
        }
        return std::nullopt;
    }

private:
    static Match finish(Match m, std::size_t begin, bool prefix) {
        m.begin = begin;
        m.prefix = prefix;
        return m;
    }

    bool boundary_after(std::size_t e) const { return e >= s_.size() || !is_word(s_[e]); }

    // "fin-", "début " -> the position after the separator, or 0.
    std::size_t prefix_end(std::size_t i) const {
        for (std::string_view w : {"fin", "debut", "mi"}) {
            if (s_.compare(i, w.size(), w) == 0 && i + w.size() < s_.size() &&
                (s_[i + w.size()] == '-' || s_[i + w.size()] == ' '))
                return i + w.size() + 1;
        }
        return 0;
    }

    // A run of 1..kMaxSpaces white space at i: its end, or 0.
    std::size_t spaces_end(std::size_t i) const {
        std::size_t j = i;
        while (j < s_.size() && is_space(s_[j]) && j - i < kMaxSpaces) ++j;
        if (j == i || (j < s_.size() && is_space(s_[j]))) return 0;
        return j;
    }

    // 19xx or 20xx, a whole word: its end, or 0.
    std::size_t year_end(std::size_t i) const {
        if (i + 4 > s_.size()) return 0;
        if (!((s_[i] == '1' && s_[i + 1] == '9') || (s_[i] == '2' && s_[i + 1] == '0'))) return 0;
        if (!is_digit(s_[i + 2]) || !is_digit(s_[i + 3]) || !boundary_after(i + 4)) return 0;
        return i + 4;
    }

    int number(std::size_t b, std::size_t e) const { return std::atoi(std::string(s_.substr(b, e - b)).c_str()); }

    // 1er, 0-9, 10-29, 30, 31 followed by white space: the day and where the
    // space ends, or nothing.
    std::optional<std::pair<int, std::size_t>> day(std::size_t i) const {
        std::size_t e = i;
        int value = -1;
        if (s_.compare(i, 3, "1er") == 0) {
            e = i + 3, value = 1;
        } else {
            while (e < s_.size() && is_digit(s_[e]) && e - i < 3) ++e;
            std::size_t n = e - i;
            if (n == 1) value = s_[i] - '0';
            else if (n == 2 && (s_[i] == '1' || s_[i] == '2' || (s_[i] == '3' && s_[i + 1] <= '1'))) value = number(i, e);
            else return std::nullopt;
        }
        std::size_t after = spaces_end(e);
        if (!after) return std::nullopt;
        return std::make_pair(value, after);
    }

    // A month name as a whole word at i: 1..12 and its end, or nothing.
    std::optional<std::pair<int, std::size_t>> month(std::size_t i) const {
        for (std::size_t m = 0; m < kMonths.size(); ++m) {
            std::string_view w = kMonths[m];
            if (s_.compare(i, w.size(), w) == 0 && boundary_after(i + w.size()))
                return std::make_pair(static_cast<int>(m) + 1, i + w.size());
        }
        return std::nullopt;
    }

    std::optional<Match> day_month_year(std::size_t i) const {
        Match m;
        std::optional<std::pair<int, std::size_t>> mo;
        if (auto d = day(i)) {
            if ((mo = month(d->second))) m.day = d->first;
        }
        if (!mo && !(mo = month(i))) return std::nullopt;
        m.month = mo->first;
        m.end = mo->second;
        if (std::size_t sp = spaces_end(m.end)) {
            if (std::size_t y = year_end(sp)) {
                m.year = number(sp, y);
                m.end = y;
            }
        }
        return m;
    }

    std::string_view s_;
};

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, std::string_view report_date) {
    // Folding keeps byte offsets only for ASCII; work on the folded copy and
    // cut the original text by matching lengths when they agree.
    std::string folded = analysis::fold_accents(analysis::fold_case(text));
    bool same_offsets = folded.size() == text.size();
    int report_year = 0, report_month = 0;
    if (report_date.size() >= 4) report_year = std::atoi(std::string(report_date.substr(0, 4)).c_str());
    if (report_date.size() >= 7) report_month = std::atoi(std::string(report_date.substr(5, 2)).c_str());

    std::vector<DateMention> out;
    std::set<std::string> seen;
    Scanner scanner(folded);
    for (std::size_t i = 0; i < folded.size();) {
        bool word_start = is_word(folded[i]) && (i == 0 || !is_word(folded[i - 1]));
        std::optional<Scanner::Match> m = word_start ? scanner.at(i) : std::nullopt;
        if (!m) {
            ++i;
            continue;
        }
        i = m->end;
        DateMention d;
        if (m->only_year) {  // "début 2022"
            d.value = std::to_string(m->year);
        } else {
            // A bare month name with no day and no year is too often not a date ("mai" is a verb).
            if (!m->day && !m->year && !m->prefix) continue;
            int year = m->year;
            if (!year && report_year) year = (report_month && m->month > report_month) ? report_year - 1 : report_year;
            std::string md = two(m->month) + (m->day ? "-" + two(m->day) : "");
            d.value = year ? std::to_string(year) + "-" + md : "--" + md;
        }
        d.text = same_offsets ? std::string(text.substr(m->begin, m->end - m->begin))
                              : folded.substr(m->begin, m->end - m->begin);
        if (seen.insert(d.value + "|" + d.text).second) out.push_back(std::move(d));
    }
    return out;
}

}  // namespace vigie::entities
