// Where a report comes from: its web address, outlet and author as its
// format gives them, and the name of its source among the files indexed
// (docs/index-format.md, "Document data"). Both sides use these rules: the
// indexer when it stores a report, the searcher again when it shows one, so
// that an index written by anything else cannot put a `javascript:` link on
// the page.
#pragma once

#include <string>
#include <string_view>

namespace vigie::schema {

struct Provenance {
    std::string url;     // http(s) only; empty when unknown
    std::string outlet;  // the outlet's name, else the URL's host; empty when unknown
    std::string author;  // as the format gives it; empty when unknown
    // The report's source as a person names it: the file's path relative to
    // the folder indexed (its name when a file was named), and for a feed
    // line "#" and the line's id: "orangesum_sahel.jsonl#orangesum-123".
    // Never an absolute path of the server. Empty in an index written before.
    std::string source;
};

// `text` as an absolute http or https URL, or empty: another scheme
// (javascript:, data:, file:), a relative address, no host, a control
// character inside or more than kMaxUrlBytes are refused. Spaces around are
// trimmed; a space, quote, `<`, `>` or backquote inside is percent-encoded,
// so that the URL stays inert wherever it is written.
inline constexpr std::size_t kMaxUrlBytes = 2048;
std::string web_url(std::string_view text);

// The host of a URL web_url() accepted, lower-cased, without port, user
// part or a leading "www.": "https://www.Example.org:8080/a" -> "example.org".
std::string url_host(std::string_view url);

// A name (author, outlet) as one line: runs of white space become one
// space, control characters go, ends trimmed, at most kMaxNameBytes (cut on
// a character boundary).
inline constexpr std::size_t kMaxNameBytes = 300;
std::string one_line(std::string_view text);

// What a reader found, made safe and complete: the URL through web_url,
// names through one_line, and the outlet from the URL's host when the
// format named none.
void tidy(Provenance& p);

// The source name of a report stored before `source` existed: the file name
// of `path` (no folder), and "#" + `id` for a feed line (format "jsonl").
std::string fallback_source(std::string_view path, std::string_view format, std::string_view id);

}  // namespace vigie::schema
