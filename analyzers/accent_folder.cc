#include "accent_folder.h"

#include <array>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "unicode_text.h"

namespace vigie::analysis {
namespace {

// U+00C0..U+00FF (UTF-8 C3 80..C3 BF) folded: the ASCII letter, or 0 for the
// letters with no mark to strip (Æ Ð × Þ ß æ ð ÷ þ), which stay.
constexpr std::array<char, 64> kLatin1 = {
    'A', 'A', 'A', 'A', 'A', 'A', 0,   'C', 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I',
    0,   'N', 'O', 'O', 'O', 'O', 'O', 0,   'O', 'U', 'U', 'U', 'U', 'Y', 0,   0,
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y'};

// French text is ASCII, Latin-1 letters, œ and typographic punctuation; those
// fold byte by byte. Anything else (a combining mark, another script) goes
// through ICU. Returns false when it met such a character.
bool fold_common(std::string_view s, std::string& out) {
    out.clear();
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out += s[i++];
            continue;
        }
        if (i + 1 >= s.size()) return false;
        auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b == 0xC3 && b1 >= 0x80 && b1 <= 0xBF) {
            char folded = kLatin1[b1 - 0x80];
            if (folded) out += folded;
            else out.append(s.substr(i, 2));
            i += 2;
        } else if ((b == 0xC2 && b1 >= 0x80 && b1 <= 0xBF) || (b == 0xC5 && (b1 == 0x92 || b1 == 0x93))) {
            out.append(s.substr(i, 2));  // no-break space, « », °; Œ œ
            i += 2;
        } else if (b == 0xE2 && b1 == 0x80 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
                   static_cast<unsigned char>(s[i + 2]) <= 0xBF) {
            out.append(s.substr(i, 3));  // U+2010..U+203F: dashes, quotes, ellipsis
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string fold_accents(std::string_view word) {
    std::string out;
    if (fold_common(word, out)) return out;
    return detail::fold_accents_icu(word);
}

namespace detail {

std::string fold_accents_icu(std::string_view word) {
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

}  // namespace detail
}  // namespace vigie::analysis
