// Markdown reports: optional YAML-like front matter (title, date, source,
// url, actors, places), then Markdown whose markup is dropped from the text.
#include <regex>
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

// Markdown to plain text, line by line: headings, emphasis, links, images,
// code fences, block quotes and list markers go; their words stay.
std::string plain_text(const std::string& md) {
    static const std::regex image(R"(!\[([^\]]*)\]\([^)]*\))");
    static const std::regex link(R"(\[([^\]]*)\]\([^)]*\))");
    static const std::regex emphasis(R"((\*\*|__|\*|_|`)([^*_`]+)\1)");
    static const std::regex heading(R"(^\s{0,3}#{1,6}\s*)");
    static const std::regex marker(R"(^\s*(>\s*)+|^\s*([-*+]|\d+[.)])\s+)");
    std::stringstream in(md);
    std::string out;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) continue;
        line = std::regex_replace(line, image, "$1");
        line = std::regex_replace(line, link, "$1");
        line = std::regex_replace(line, emphasis, "$2");
        line = std::regex_replace(line, heading, "");
        line = std::regex_replace(line, marker, "");
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
    std::string title, date;
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
                    continue;
                }
                if (colon == std::string::npos) continue;
                std::string key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
                last_key = key;
                if (key == "title") title = value;
                if (key == "date") date = parse_header_date(value);
                if (key == "actors") r.actors = list_value(value);
                if (key == "places") r.places = list_value(value);
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
    out.reports.push_back(std::move(r));
    return out;
}

}  // namespace vigie::indexer
