// Bounds on what goes into Xapian keys: a term, a metadata key or a
// spelling longer than Xapian's limit (245 bytes) makes the whole commit
// fail ("Key too long"), so every key is bounded where it is made, never
// checked afterwards.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigie::indexer {

// Longest term or spelling Vigie writes; Xapian's glass backend refuses
// keys over 245 bytes, and a term key carries a few bytes of its own.
constexpr std::size_t kMaxTermBytes = 240;

// Longest id (report id, actor or place id) before a hash replaces its tail.
constexpr std::size_t kMaxIdBytes = 120;

// The longest prefix of `s` of at most `max` bytes that ends on a UTF-8
// character boundary (never inside a multi-byte sequence).
std::string utf8_prefix(std::string_view s, std::size_t max);

// `s` when it fits in `max` bytes; else a prefix cut on a character boundary
// followed by "-" and 8 hex digits of a hash of the whole of `s`, so that two
// long ids sharing a prefix stay apart and the same id is cut the same way.
std::string bounded_id(std::string_view s, std::size_t max = kMaxIdBytes);

// Valid UTF-8 as it is; otherwise (a Latin-1 file name) decoded as
// Windows-1252, a superset of Latin-1.
std::string as_utf8(std::string_view s);

}  // namespace vigie::indexer
