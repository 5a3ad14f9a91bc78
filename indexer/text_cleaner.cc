#include "indexer/text_cleaner.h"

#include <array>
#include <cctype>
#include <regex>
#include <vector>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"

namespace vigie::indexer {
namespace {

std::string_view trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    // U+00A0 no-break space at either end.
    while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    return s;
}

// Case- and accent-folded, for comparing against boilerplate phrases.
std::string key(std::string_view line) {
    return analysis::fold_accents(analysis::fold_case(trim(line)));
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// What std::regex's \s matches in char text.
bool is_regex_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Each run of white space as one space. libstdc++'s regex matcher recurses
// once per character a `\s+` consumes, so a long run overflows the stack;
// the patterns here match the same with one space as with many.
std::string squeeze_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (!is_regex_space(c)) {
            out.push_back(c);
        } else if (out.empty() || out.back() != ' ') {
            out.push_back(' ');
        }
    }
    return out;
}

// The seeds' header " date 2022-11" at the start of the first line (text may
// follow on the same line): the date, and the text after it and the spaces
// that follow. Written out rather than as a regex so that a long run of white
// space cannot exhaust the stack.
bool date_header(std::string_view s, std::string* date, std::string_view* rest) {
    std::size_t i = 0, n = s.size();
    while (i < n && is_regex_space(s[i])) ++i;
    if (s.substr(i, 4) != "date") return false;
    i += 4;
    std::size_t j = i;
    while (j < n && is_regex_space(s[j])) ++j;
    if (j == i) return false;
    i = j;
    auto fits = [&](std::size_t len) {  // YYYY, YYYY-MM or YYYY-MM-DD at i, then space or end
        if (i + len > n || (i + len < n && !is_regex_space(s[i + len]))) return false;
        for (std::size_t k = 0; k < len; ++k)
            if ((k == 4 || k == 7) ? s[i + k] != '-' : !is_digit(s[i + k])) return false;
        return true;
    };
    for (std::size_t len : {10, 7, 4}) {
        if (!fits(len)) continue;
        *date = std::string(s.substr(i, len));
        j = i + len;
        while (j < n && is_regex_space(s[j])) ++j;
        *rest = s.substr(j);
        return true;
    }
    return false;
}

std::size_t word_count(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        bool space = c == ' ' || c == '\t';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

bool is_breadcrumb(const std::string& k) {
    return (starts_with(k, "home \xC2\xBB") || starts_with(k, "accueil \xC2\xBB") ||
            starts_with(k, "home >") || starts_with(k, "accueil >"));
}

bool is_byline(std::string_view line) {
    std::string k = key(line);
    if (!(starts_with(k, "by ") || starts_with(k, "par "))) return false;
    std::size_t words = word_count(k);
    if (words < 2 || words > 4) return false;
    if (line.find_first_of(".,;:!?") != std::string_view::npos) return false;
    std::string_view rest = trim(line.substr(line.find(' ')));
    // "Par ailleurs" is prose; a name is capitalised (or a handle, after "by").
    return starts_with(k, "by ") || (!rest.empty() && std::isupper(static_cast<unsigned char>(rest[0])));
}

bool is_publication_line(const std::string& k) {
    static const std::array<std::string_view, 7> kHeads = {
        "publie le", "publie:", "publie :", "mis a jour", "modifie le", "published", "updated"};
    if (k.size() > 120) return false;
    for (auto h : kHeads)
        if (starts_with(k, h)) return true;
    return false;
}

// "12 comments", "0 commentaire", "3 réactions" (k is folded).
bool is_comment_count(std::string_view k) {
    std::size_t i = 0;
    while (i < k.size() && is_digit(k[i])) ++i;
    if (i == 0) return false;
    std::size_t j = i;
    while (j < k.size() && is_regex_space(k[j])) ++j;
    if (j == i) return false;
    std::string_view word = k.substr(j);
    for (std::string_view w : {"comment", "comments", "commentaire", "commentaires", "reaction", "reactions"})
        if (word == w) return true;
    return false;
}

bool is_lone_boilerplate(const std::string& k) {
    static const std::array<std::string_view, 12> kLines = {
        "follow us",  "suivez-nous", "suivez nous", "share",        "partager",   "tweet",
        "imprimer",   "print",       "advertisement", "publicite", "newsletter", "read more"};
    for (auto l : kLines)
        if (k == l) return true;
    if (is_comment_count(k)) return true;
    if (starts_with(k, "\xC2\xA9") || k.find("all right reserved") != std::string::npos ||
        k.find("all rights reserved") != std::string::npos ||
        k.find("tous droits reserves") != std::string::npos)
        return true;
    return false;
}

bool is_footer_marker(const std::string& k) {
    static const std::array<std::string_view, 9> kMarkers = {
        "you may also like", "vous aimerez aussi", "vous aimerez peut-etre aussi",
        "a lire aussi",      "lire aussi",         "related posts",
        "articles similaires", "sur le meme sujet", "related articles"};
    for (auto m : kMarkers)
        if (starts_with(k, m) && k.size() <= m.size() + 2) return true;
    return false;
}

const std::array<std::string_view, 12> kMonths = {"janvier", "fevrier", "mars",     "avril",
                                                 "mai",     "juin",    "juillet",  "aout",
                                                 "septembre", "octobre", "novembre", "decembre"};

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string parse_header_date(std::string_view text) {
    std::string k = squeeze_spaces(key(text));
    // A date header is short; what is longer is not searched by std::regex,
    // which recurses per character (\d{4,} on a long run of digits).
    if (k.size() > 256) k.resize(256);
    std::smatch m;
    // Digits on either side make it another number (99999-01-01 is no date
    // in 9999); a date shaped as ISO but impossible (2022-13-45) is no date
    // either, not its year (issue 15, case 19).
    static const std::regex iso(R"((?:^|[^0-9])(\d{4})-(\d{2})(?:-(\d{2}))?(?![0-9]))");
    static const std::regex iso_shape(R"((?:^|[^0-9])\d{4,}-\d{1,2}(?:-\d{1,2})?(?![0-9]))");
    static const std::regex dmy(R"((\d{1,2})[/.](\d{1,2})[/.](\d{4}))");
    static const std::regex words(
        R"((?:(\d{1,2})(?:er)?\s+)?(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\s+(\d{4}))");
    static const std::regex year(R"(\b((?:19|20)\d{2})\b)");
    auto valid = [](int mo, int d) { return mo >= 1 && mo <= 12 && d >= 0 && d <= 31; };
    if (std::regex_search(k, m, iso)) {
        int y = std::stoi(m[1]), mo = std::stoi(m[2]);
        int d = m[3].matched ? std::stoi(m[3]) : 0;
        static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (valid(mo, d) && d <= kDays[mo - 1] && !(mo == 2 && d == 29 && !leap))
            return m[1].str() + "-" + m[2].str() + (d ? "-" + m[3].str() : "");
        return {};
    }
    if (std::regex_search(k, iso_shape)) return {};
    if (std::regex_search(k, m, dmy)) {
        int d = std::stoi(m[1]), mo = std::stoi(m[2]);
        if (valid(mo, d) && d > 0) return m[3].str() + "-" + two(mo) + "-" + two(d);
    }
    if (std::regex_search(k, m, words)) {
        int mo = 0;
        for (std::size_t i = 0; i < kMonths.size(); ++i)
            if (m[2].str() == kMonths[i]) mo = static_cast<int>(i) + 1;
        std::string out = m[3].str() + "-" + two(mo);
        if (m[1].matched) {
            int d = std::stoi(m[1]);
            if (d >= 1 && d <= 31) out += "-" + two(d);
        }
        return out;
    }
    if (std::regex_search(k, m, year)) return m[1].str();
    return {};
}

std::string make_title(std::string_view line) {
    constexpr std::size_t kMax = 160, kCut = 140;
    line = trim(line);
    if (line.size() <= kMax) return std::string(line);
    for (std::size_t i = 40; i + 1 < line.size() && i < kMax; ++i) {
        if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i + 1] == ' ')
            return std::string(line.substr(0, i + 1));
    }
    std::size_t cut = line.rfind(' ', kCut);
    if (cut == std::string_view::npos || cut < 40) cut = kCut;
    // Never cut inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    std::string_view head = trim(line.substr(0, cut));
    while (!head.empty() && std::string_view(",;:-").find(head.back()) != std::string_view::npos)
        head.remove_suffix(1);
    return std::string(head) + "\xE2\x80\xA6";
}

CleanedText clean_report_text(std::string_view text) {
    CleanedText out;
    if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);

    std::vector<std::string_view> lines;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        lines.push_back(text.substr(pos, eol - pos));
        pos = eol + 1;
    }

    // The seeds' header: " date 2022-11" at the very start, text may follow
    // on the same line.
    if (!lines.empty()) date_header(lines[0], &out.date, &lines[0]);

    std::size_t total = text.size(), offset = 0;
    std::vector<std::string_view> kept;
    for (std::string_view raw : lines) {
        std::string_view line = trim(raw);
        offset += raw.size() + 1;
        if (line.empty()) {
            kept.push_back(line);
            continue;
        }
        std::string k = key(line);
        if (is_footer_marker(k)) {
            if (offset * 2 > total) break;  // the rest is the site's footer
            continue;
        }
        if (is_publication_line(k)) {
            if (out.date.empty()) out.date = parse_header_date(line);
            continue;
        }
        if (is_breadcrumb(k) || is_byline(line) || is_lone_boilerplate(k)) continue;
        kept.push_back(line);
    }

    // Title: the first non-empty line; drop an immediate repeat of it.
    std::string body;
    bool have_title = false, pending_blank = false;
    std::string_view title_line;
    for (std::string_view line : kept) {
        if (line.empty()) {
            pending_blank = true;
            continue;
        }
        if (!have_title) {
            have_title = true;
            title_line = line;
            out.title = make_title(line);
        } else if (line == title_line) {
            continue;
        }
        if (!body.empty()) body += pending_blank ? "\n\n" : "\n";
        body += line;
        pending_blank = false;
    }
    out.body = std::move(body);
    return out;
}

}  // namespace vigie::indexer
