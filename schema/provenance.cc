#include "schema/provenance.h"

namespace vigie::schema {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// The length of "http://" or "https://" at the start of `s` (any case), or 0.
std::size_t scheme_length(std::string_view s) {
    for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (s.size() < scheme.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < scheme.size() && same; ++i) same = lower(s[i]) == scheme[i];
        if (same) return scheme.size();
    }
    return 0;
}

// A host (with its port, user part and brackets) that a browser reads as
// we do: letters, digits and the few marks of names and addresses, or
// non-ASCII bytes (an internationalised name).
bool plain_authority(std::string_view a) {
    for (char c : a) {
        bool ok = static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == ':' || c == '@' || c == '[' ||
                  c == ']' || c == '%' || c == '~';
        if (!ok) return false;
    }
    return true;
}

std::string_view authority_of(std::string_view url) {
    std::size_t start = scheme_length(url);
    std::size_t end = url.find_first_of("/?#", start);
    return url.substr(start, (end == std::string_view::npos ? url.size() : end) - start);
}

std::string utf8_cut(std::string s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
    return s;
}

}  // namespace

std::string web_url(std::string_view text) {
    std::string_view s = trimmed(text);
    if (s.size() > kMaxUrlBytes) return {};
    for (char c : s)
        if (is_control(c)) return {};
    std::size_t scheme = scheme_length(s);
    if (scheme == 0) return {};
    std::string_view authority = authority_of(s);
    if (!plain_authority(authority) || url_host(s).empty()) return {};
    std::string out = scheme == 8 ? "https://" : "http://";
    for (char c : s.substr(scheme)) {
        static constexpr std::string_view kEncoded = " \"'<>`\\{}|^";
        if (kEncoded.find(c) == std::string_view::npos) {
            out += c;
            continue;
        }
        static constexpr char kHex[] = "0123456789ABCDEF";
        out += '%';
        out += kHex[static_cast<unsigned char>(c) >> 4];
        out += kHex[static_cast<unsigned char>(c) & 0xF];
    }
    return out.size() > kMaxUrlBytes ? std::string() : out;
}

std::string url_host(std::string_view url) {
    if (scheme_length(url) == 0) return {};
    std::string_view a = authority_of(url);
    if (std::size_t at = a.rfind('@'); at != std::string_view::npos) a.remove_prefix(at + 1);
    if (!a.empty() && a.front() == '[') {
        std::size_t close = a.find(']');
        a = close == std::string_view::npos ? std::string_view() : a.substr(0, close + 1);
    } else if (std::size_t colon = a.find(':'); colon != std::string_view::npos) {
        a = a.substr(0, colon);
    }
    std::string host;
    for (char c : a) host += lower(c);
    while (!host.empty() && host.back() == '.') host.pop_back();
    if (host.rfind("www.", 0) == 0 && host.size() > 4) host.erase(0, 4);
    if (host.find_first_not_of(".") == std::string::npos) return {};
    return host;
}

std::string one_line(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (is_space(c)) {
            space = true;
        } else if (!is_control(c)) {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += c;
        }
    }
    return utf8_cut(std::move(out), kMaxNameBytes);
}

void tidy(Provenance& p) {
    p.url = web_url(p.url);
    p.outlet = one_line(p.outlet);
    p.author = one_line(p.author);
    // article:author is often a profile's address, not a name.
    if (scheme_length(p.author)) p.author.clear();
    if (scheme_length(p.outlet)) p.outlet.clear();
    if (p.outlet.empty() && !p.url.empty()) p.outlet = url_host(p.url);
}

std::string fallback_source(std::string_view path, std::string_view format, std::string_view id) {
    std::size_t slash = path.rfind('/');
    std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
    if (format == "jsonl") name += "#" + std::string(id);
    return name;
}

}  // namespace vigie::schema
