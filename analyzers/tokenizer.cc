#include "tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace vigie::analysis {
namespace {

bool is_apostrophe(UChar32 c) {
    return c == 0x27 || c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0x60 || c == 0xB4;
}

bool is_word_char(UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (is_apostrophe(c)) return false;
    return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) != 0;
}

bool is_letter(UChar32 c) { return is_word_char(c) && !u_isdigit(c); }

bool is_thousands_space(UChar32 c) { return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009; }

struct Cursor {
    std::string_view s;
    UChar32 at(std::size_t i, std::size_t* next) const {
        int32_t j = static_cast<int32_t>(i);
        UChar32 c;
        U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
        *next = static_cast<std::size_t>(j);
        return c < 0 ? 0xFFFD : c;
    }
};

}  // namespace

std::vector<RawToken> tokenize(std::string_view text) {
    std::vector<RawToken> out;
    Cursor cur{text};
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        std::size_t next;
        UChar32 c = cur.at(i, &next);
        if (!is_word_char(c)) {
            i = next;
            continue;
        }
        RawToken tok{{}, i, i, TokenKind::kNumber};
        bool has_letter = false;
        std::size_t group_digits = 0;  // digits since the last joined separator
        UChar32 prev = 0;
        while (i < n) {
            c = cur.at(i, &next);
            if (is_word_char(c)) {
                if (u_isdigit(c)) {
                    ++group_digits;
                } else {
                    has_letter = true;
                }
                tok.text.append(text.substr(i, next - i));
                prev = c;
                i = next;
                continue;
            }
            std::size_t after;
            UChar32 following = next < n ? cur.at(next, &after) : 0;
            if (is_apostrophe(c) && is_letter(prev) && is_letter(following)) {
                tok.text.push_back('\'');
                i = next;
                continue;
            }
            if ((c == ',' || c == '.') && u_isdigit(prev) && !has_letter && following &&
                u_isdigit(following)) {
                tok.text.push_back(static_cast<char>(c));
                group_digits = 0;
                i = next;
                continue;
            }
            if (is_thousands_space(c) && !has_letter && group_digits >= 1 && group_digits <= 3 &&
                u_isdigit(following)) {
                // Exactly three digits, then no further word character.
                std::size_t j = next, k;
                int digits = 0;
                while (j < n && digits < 4) {
                    UChar32 d = cur.at(j, &k);
                    if (!u_isdigit(d)) break;
                    ++digits;
                    j = k;
                }
                bool ends = j >= n || !is_word_char(cur.at(j, &k));
                if (digits == 3 && ends) {
                    group_digits = 0;
                    i = next;
                    continue;
                }
            }
            break;
        }
        tok.end = i;
        tok.kind = has_letter ? TokenKind::kWord : TokenKind::kNumber;
        out.push_back(std::move(tok));
    }
    return out;
}

}  // namespace vigie::analysis
