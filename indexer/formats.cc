#include "indexer/formats.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace vigie::indexer {
namespace {

std::string lower_extension(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.size() > 9 && lower.compare(lower.size() - 9, 9, ".jsonl.gz") == 0) return ".jsonl.gz";
    auto dot = lower.find_last_of('.');
    return dot == std::string::npos ? std::string() : lower.substr(dot);
}

std::string_view skip_space(std::string_view s) {
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    return s;
}

bool starts_with_ci(std::string_view s, std::string_view p) {
    if (s.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
    return true;
}

using Reader = ReadResult (*)(const std::string&, const std::string&, std::size_t);

struct Format {
    const char* name;
    // Recognises the content (the first bytes), or failing that the extension.
    bool (*by_content)(std::string_view head);
    std::array<const char*, 3> extensions;
    Reader read;
};

bool is_pdf(std::string_view h) { return h.substr(0, 5) == "%PDF-"; }
bool is_gzip(std::string_view h) { return h.size() >= 2 && h[0] == '\x1f' && h[1] == '\x8b'; }
bool is_html(std::string_view h) {
    h = skip_space(h);
    return starts_with_ci(h, "<!doctype html") || starts_with_ci(h, "<html") || starts_with_ci(h, "<head");
}
bool is_markdown(std::string_view h) {
    if (h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
    return h.substr(0, 4) == "---\n" || h.substr(0, 5) == "---\r\n";
}
bool never(std::string_view) { return false; }

const std::array<Format, 5> kFormats = {{
    {"pdf", is_pdf, {".pdf", nullptr, nullptr}, read_pdf},
    {"jsonl", is_gzip, {".jsonl", ".ndjson", ".jsonl.gz"}, read_jsonl},
    {"html", is_html, {".html", ".htm", ".xhtml"}, read_html},
    {"md", is_markdown, {".md", ".markdown", nullptr}, read_markdown},
    {"txt", never, {".txt", ".text", nullptr}, read_txt},
}};

}  // namespace

bool is_feed_path(const std::string& path) {
    std::string ext = lower_extension(path);
    return ext == ".jsonl" || ext == ".ndjson" || ext == ".jsonl.gz";
}

bool is_report_path(const std::string& path) {
    std::string ext = lower_extension(path);
    for (const Format& f : kFormats)
        for (const char* e : f.extensions)
            if (e && ext == e) return true;
    return false;
}

ReadResult read_reports(const std::string& path, const std::string& bytes, std::size_t max_report_bytes) {
    std::string_view head(bytes.data(), std::min<std::size_t>(bytes.size(), 512));
    for (const Format& f : kFormats)
        if (f.by_content(head)) return f.read(path, bytes, max_report_bytes);
    std::string ext = lower_extension(path);
    for (const Format& f : kFormats)
        for (const char* e : f.extensions)
            if (e && ext == e) return f.read(path, bytes, max_report_bytes);
    return read_txt(path, bytes, max_report_bytes);  // an explicit file of unknown kind: try as text
}

ReadResult read_txt(const std::string& path, const std::string& bytes, std::size_t) {
    ReadResult out;
    Expected<Report> r = read_text_report(path, bytes);
    if (r) {
        out.reports.push_back(std::move(*r));
    } else {
        out.failures.push_back({path, r.error().message});
    }
    return out;
}

}  // namespace vigie::indexer
