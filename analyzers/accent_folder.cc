#include "accent_folder.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "unicode_text.h"

namespace vigie::analysis {

std::string fold_accents(std::string_view word) {
    if (is_ascii(word)) return std::string(word);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    std::string out;
    if (U_FAILURE(status)) return u.toUTF8String(out);
    icu::UnicodeString d = nfd->normalize(u, status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < d.length();) {
        UChar32 c = d.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        switch (c) {
            case 0xF8: c = 'o'; break;   // ø
            case 0xD8: c = 'O'; break;   // Ø
            case 0x142: c = 'l'; break;  // ł
            case 0x141: c = 'L'; break;  // Ł
            case 0x111: c = 'd'; break;  // đ
            case 0x110: c = 'D'; break;  // Đ
            default: break;
        }
        kept.append(c);
    }
    icu::UnicodeString r = nfc->normalize(kept, status);
    return (U_SUCCESS(status) ? r : kept).toUTF8String(out);
}

}  // namespace vigie::analysis
