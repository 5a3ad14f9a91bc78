// Small UTF-8 helpers shared by the analysis filters (ICU underneath).
#pragma once

#include <string>
#include <string_view>

namespace vigie::analysis {

// Returns `text` as valid UTF-8 in Unicode normalization form C. Invalid byte
// sequences become U+FFFD; never throws on bad input. ASCII passes unchanged.
std::string normalize_nfc(std::string_view text);

// True when every byte is ASCII.
bool is_ascii(std::string_view text);

}  // namespace vigie::analysis
