#include "unicode_text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace vigie::analysis {

bool is_ascii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
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
