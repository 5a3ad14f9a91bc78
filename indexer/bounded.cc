#include "indexer/bounded.h"

#include <unicode/unistr.h>

#include "indexer/report_reader.h"

namespace vigie::indexer {

std::string utf8_prefix(std::string_view s, std::size_t max) {
    if (s.size() <= max) return std::string(s);
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut));
}

std::string bounded_id(std::string_view s, std::size_t max) {
    if (s.size() <= max) return std::string(s);
    std::string hash = content_hash(std::string(s)).substr(0, 8);
    return utf8_prefix(s, max > hash.size() + 1 ? max - hash.size() - 1 : 0) + "-" + hash;
}

std::string as_utf8(std::string_view s) {
    std::string bytes(s);
    if (is_valid_utf8(bytes)) return bytes;
    std::string text;
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), "windows-1252");
    u.toUTF8String(text);
    return text;
}

}  // namespace vigie::indexer
