// ReportReader: reads one report file into a Report, or says why it cannot.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.h"
#include "schema/provenance.h"

namespace vigie::indexer {

struct Report {
    std::string path;      // as found (relative paths stay relative)
    std::string key;       // which report of a multi-report file (a JSONL id); empty otherwise
    std::size_t line = 0;  // the feed line it came from (from 1); 0 for a file of one report
    std::string title;
    std::string body;
    std::string date;      // YYYY[-MM[-DD]] or empty
    std::string format;    // "txt", "md", "html", "pdf", "jsonl"
    std::string encoding;  // "utf-8" or "windows-1252" when converted
    std::vector<std::size_t> pages;  // PDF: byte offset in `body` where each page starts
    std::vector<std::string> actors, places;  // given by the format's metadata (front matter)
    std::string duplicate_of;  // a feed's `duplicate_of`: the key of the report this one copies
    // URL, outlet and author as the format gives them (each reader ends with
    // schema::tidy); `source` is set by the index writer, which knows the
    // folder indexed.
    schema::Provenance provenance;
};

// Text bytes as UTF-8: valid UTF-8 stays; text without NUL bytes that is not
// valid UTF-8 is decoded as Windows-1252 (a superset of Latin-1) and
// `encoding` says so. NUL bytes mean a binary file: an error naming `path`.
Expected<std::string> decode_text(const std::string& path, const std::string& bytes, std::string* encoding);

// Reads a plain-text report. UTF-8 is expected; text that is not valid UTF-8
// but holds no NUL byte is decoded as Windows-1252 (a superset of Latin-1).
// Errors name the path and the reason (unreadable, too large, binary, empty).
Expected<Report> read_text_report(const std::string& path, const std::string& bytes);

// Reads a whole file, refusing files over `max_bytes`.
Expected<std::string> read_file(const std::string& path, std::uint64_t max_bytes);

// 64-bit FNV-1a of `bytes`, as 16 hex digits: the content signature.
std::string content_hash(const std::string& bytes);

// content_hash over bytes given in pieces.
class ContentHasher {
public:
    void update(std::string_view bytes);
    std::string hex() const;

private:
    std::uint64_t h_ = 1469598103934665603ULL;
};

// content_hash of a file's bytes, read in blocks (any size).
Expected<std::string> hash_file(const std::string& path);

bool is_valid_utf8(const std::string& bytes);

}  // namespace vigie::indexer
