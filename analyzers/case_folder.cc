#include "case_folder.h"

#include <unicode/unistr.h>

#include "unicode_text.h"

namespace vigie::analysis {

std::string fold_case(std::string_view word) {
    std::string out;
    if (is_ascii(word)) {
        out.reserve(word.size());
        for (char c : word) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    u.foldCase();
    u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0153)), icu::UnicodeString("oe"));
    u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x00E6)), icu::UnicodeString("ae"));
    return u.toUTF8String(out);
}

}  // namespace vigie::analysis
