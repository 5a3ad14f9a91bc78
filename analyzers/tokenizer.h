// Tokenizer: splits NFC text into word and number tokens with byte offsets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::analysis {

enum class TokenKind { kWord, kNumber };

struct RawToken {
    std::string text;   // surface text; every apostrophe variant written as '
    std::size_t begin;  // byte offset of the first byte in the input
    std::size_t end;    // byte offset one past the last byte
    TokenKind kind;
};

// Rules, in French typographic terms:
//  - a word is a run of letters, digits and combining marks;
//  - an apostrophe (' ’ ʼ ‘ ` ´) between two letters stays inside the word
//    ("l'armée", "aujourd'hui"); the elision filter splits it later;
//  - hyphens separate words ("Al-Qaïda" -> "Al", "Qaïda"), so each part is
//    searchable and the parts stay adjacent for phrases;
//  - a decimal comma or point between digits stays ("2,5");
//  - a digit group of one to three digits followed by a space (also no-break
//    or thin space) and exactly three more digits is one number ("17 557" ->
//    "17557"), as French writes thousands;
//  - everything else (punctuation, « », quotes, symbols) separates.
// Input must be valid UTF-8 (see normalize_nfc). Thread-safe.
std::vector<RawToken> tokenize(std::string_view text);

}  // namespace vigie::analysis
