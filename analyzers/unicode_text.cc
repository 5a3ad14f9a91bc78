#include "unicode_text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace vigie::analysis {

bool is_ascii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

std::string remove_invisible(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto b0 = static_cast<unsigned char>(text[i]);
        auto at = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
        if (b0 == 0xC2 && at(1) == 0xAD) {  // U+00AD
            ++i;
            continue;
        }
        if (b0 == 0xE2 && ((at(1) == 0x80 && at(2) >= 0x8B && at(2) <= 0x8F) ||
                           (at(1) == 0x81 && at(2) >= 0xA0 && at(2) <= 0xA4))) {  // U+200B-F, U+2060-4
            i += 2;
            continue;
        }
        if ((b0 == 0xEF && at(1) == 0xBB && at(2) == 0xBF) ||   // U+FEFF
            (b0 == 0xE1 && at(1) == 0xA0 && at(2) == 0x8E)) {   // U+180E
            i += 2;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

std::string normalize_nfc(std::string_view text) {
    if (is_ascii(text)) return std::string(text);
    // fromUTF8 replaces every ill-formed sequence by U+FFFD.
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    std::string out;
    if (U_SUCCESS(status)) {
        icu::UnicodeString n = nfc->normalize(u, status);
        if (U_SUCCESS(status)) return n.toUTF8String(out);
    }
    return u.toUTF8String(out);
}

}  // namespace vigie::analysis
