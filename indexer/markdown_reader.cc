// Markdown reports: optional YAML-like front matter (title, date, url,
// source or outlet, author, actors, places), then Markdown whose markup is dropped from the text.
#include <sstream>

#include "indexer/formats.h"
#include "indexer/text_cleaner.h"

namespace vigie::indexer {
namespace {

std::string trim(std::string s) {
    auto b = s.find_first_not_of(" \t\r\"'");
    auto e = s.find_last_not_of(" \t\r\"'");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// "[a, b]" or "a, b" -> {a, b}
std::vector<std::string> list_value(const std::string& v) {
    std::string inner = trim(v);
    if (!inner.empty() && inner.front() == '[') inner = inner.substr(1);
    if (!inner.empty() && inner.back() == ']') inner.pop_back();
    std::vector<std::string> out;
    std::stringstream ss(inner);
    for (std::string item; std::getline(ss, item, ',');)
        if (!trim(item).empty()) out.push_back(trim(item));
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// `[text](url)` (or `![alt](url)` when `image`) at `i`: the text's range and
// where the construct ends. `next` memoises the next ']' and ')' so that a
// line of a thousand '[' is still read in one pass.
struct Span {
    std::size_t text_begin, text_end, end;
};
struct NextOf {
    const std::string& s;
    char c;
    std::size_t at = 0;
    bool fresh = false;
    std::size_t from(std::size_t i) {
        if (!fresh || (at != std::string::npos && at < i)) at = s.find(c, i), fresh = true;
        return at;
    }
};
bool link_at(const std::string& s, std::size_t i, bool image, NextOf& bracket, NextOf& paren, Span& span) {
    std::size_t open = i + (image ? 1 : 0);
    if (image && s[i] != '!') return false;
    if (open >= s.size() || s[open] != '[') return false;
    std::size_t close = bracket.from(open + 1);
    if (close == std::string::npos || close + 1 >= s.size() || s[close + 1] != '(') return false;
    std::size_t end = paren.from(close + 2);
    if (end == std::string::npos) return false;
    span = {open + 1, close, end + 1};
    return true;
}

// Images, then links (as the regexes this replaces did, in two passes): the
// text stays, the address goes.
std::string strip_links(const std::string& s, bool image) {
    std::string out;
    NextOf bracket{s, ']'}, paren{s, ')'};
    for (std::size_t i = 0; i < s.size();) {
        Span span;
        if (link_at(s, i, image, bracket, paren, span)) {
            out.append(s, span.text_begin, span.text_end - span.text_begin);
            i = span.end;
        } else {
            out += s[i++];
        }
    }
    return out;
}

// `**x**`, `__x__`, `*x*`, `_x_`, `` `x` `` -> x, where x holds none of the
// marks. Linear: a failed opening is followed by no other until the next mark.
std::string strip_emphasis(const std::string& s) {
    static constexpr std::string_view kMarks = "*_`";
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool matched = false;
        if (kMarks.find(s[i]) != std::string_view::npos) {
            for (std::size_t len : {std::size_t{2}, std::size_t{1}}) {
                if (len == 2 && (s[i] == '`' || i + 1 >= s.size() || s[i + 1] != s[i])) continue;
                std::size_t j = s.find_first_of(kMarks, i + len);
                if (j == std::string::npos || j == i + len) continue;
                if (s.compare(j, len, s, i, len) != 0) continue;
                out.append(s, i + len, j - i - len);
                i = j + len;
                matched = true;
                break;
            }
        }
        if (!matched) out += s[i++];
    }
    return out;
}

// A heading's leading `#`s, up to three spaces before them.
std::string strip_heading(const std::string& s) {
    std::size_t i = 0;
    while (i < 3 && i < s.size() && is_space(s[i])) ++i;
    std::size_t hashes = 0;
    while (hashes < 6 && i + hashes < s.size() && s[i + hashes] == '#') ++hashes;
    if (hashes == 0) return s;
    i += hashes;
    while (i < s.size() && is_space(s[i])) ++i;
    return s.substr(i);
}

// A block quote's `>`s, or a list marker (`-`, `*`, `+`, `1.`, `1)`) and its space.
std::string strip_marker(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i < s.size() && s[i] == '>') {
        while (i < s.size() && (s[i] == '>' || is_space(s[i]))) ++i;
        return s.substr(i);
    }
    std::size_t j = i;
    if (j < s.size() && (s[j] == '-' || s[j] == '*' || s[j] == '+')) {
        ++j;
    } else {
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
        if (j == i || j >= s.size() || (s[j] != '.' && s[j] != ')')) return s;
        ++j;
    }
    if (j >= s.size() || !is_space(s[j])) return s;
    while (j < s.size() && is_space(s[j])) ++j;
    return s.substr(j);
}

// Markdown to plain text, line by line: headings, emphasis, links, images,
// code fences, block quotes and list markers go; their words stay. Hand
// written, in one pass per rule: std::regex recursed per character and
// overflowed the stack on a long line (issue 15).
std::string plain_text(const std::string& md) {
    std::string out;
    for (std::size_t pos = 0; pos < md.size();) {
        std::size_t eol = md.find('\n', pos);
        if (eol == std::string::npos) eol = md.size();
        std::string line = md.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) continue;
        line = strip_marker(strip_heading(strip_emphasis(strip_links(strip_links(line, true), false))));
        out += line + "\n";
    }
    return out;
}

}  // namespace

ReadResult read_markdown(const std::string& path, const std::string& bytes, std::size_t) {
    ReadResult out;
    Report r;
    r.path = path;
    r.format = "md";
    Expected<std::string> text = decode_text(path, bytes, &r.encoding);
    if (!text) {
        out.failures.push_back({path, text.error().message});
        return out;
    }
    std::string body = *text;
    // A byte-order mark before the front matter (Windows editors write one)
    // must not hide it.
    if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.erase(0, 3);
    std::string title, date, url_as_source;
    std::vector<std::string> author_list;  // `authors: [a, b]` or a YAML list
    if (body.rfind("---\n", 0) == 0 || body.rfind("---\r\n", 0) == 0) {
        auto end = body.find("\n---", 3);
        if (end != std::string::npos) {
            std::stringstream fm(body.substr(body.find('\n') + 1, end - body.find('\n') - 1));
            std::string last_key;
            for (std::string line; std::getline(fm, line);) {
                auto colon = line.find(':');
                std::string stripped = trim(line);
                if (stripped.rfind("- ", 0) == 0 && !last_key.empty()) {  // a YAML list item
                    std::string item = trim(stripped.substr(2));
                    if (last_key == "actors") r.actors.push_back(item);
                    if (last_key == "places") r.places.push_back(item);
                    if (last_key == "author" || last_key == "authors" || last_key == "auteur") author_list.push_back(item);
                    continue;
                }
                if (colon == std::string::npos) continue;
                std::string key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
                last_key = key;
                if (key == "title") title = value;
                if (key == "date") date = parse_header_date(value);
                if (key == "actors") r.actors = list_value(value);
                if (key == "places") r.places = list_value(value);
                if (key == "url" || key == "link" || key == "lien") r.provenance.url = value;
                if (key == "outlet" || key == "source" || key == "publisher" || key == "site_name") {
                    // `source: https://…` is an address, not a name.
                    if (!schema::web_url(value).empty()) url_as_source = value;
                    else if (r.provenance.outlet.empty()) r.provenance.outlet = value;
                }
                if (key == "author" || key == "authors" || key == "auteur") {
                    if (!value.empty() && value.front() == '[') author_list = list_value(value);
                    else r.provenance.author = value;
                }
            }
            auto after = body.find('\n', end + 1);
            body = after == std::string::npos ? std::string() : body.substr(after + 1);
        }
    }
    CleanedText cleaned = clean_report_text(plain_text(body));
    r.title = title.empty() ? cleaned.title : title;
    r.body = std::move(cleaned.body);
    r.date = date.empty() ? cleaned.date : date;
    if (r.body.empty() && r.title.empty()) {
        out.failures.push_back({path, path + ": empty report (no text)"});
        return out;
    }
    if (r.provenance.url.empty()) r.provenance.url = url_as_source;
    for (const std::string& a : author_list) r.provenance.author += (r.provenance.author.empty() ? "" : ", ") + a;
    schema::tidy(r.provenance);
    out.reports.push_back(std::move(r));
    return out;
}

}  // namespace vigie::indexer
