// Small UTF-8 helpers shared by the analysis filters (ICU underneath).
#pragma once

#include <string>
#include <string_view>

namespace vigie::analysis {

// Returns `text` as valid UTF-8 in Unicode normalization form C. Invalid byte
// sequences become U+FFFD; never throws on bad input. ASCII passes unchanged.
std::string normalize_nfc(std::string_view text);

// Removes the characters that are invisible inside words: soft hyphen
// (U+00AD, "diffi\u00ADcultés" is "difficultés"), zero-width space, joiners
// and marks (U+200B-U+200F), word joiner and invisible operators
// (U+2060-U+2064), the byte order mark (U+FEFF), Mongolian vowel separator.
// Input must be valid UTF-8.
std::string remove_invisible(std::string_view text);

// True when every byte is ASCII.
bool is_ascii(std::string_view text);

}  // namespace vigie::analysis
