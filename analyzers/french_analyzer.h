// FrenchAnalyzer: the one French analysis chain shared by indexing and search.
//
//   normalize (NFC, invalid UTF-8 -> U+FFFD)
//   -> tokenize (words, numbers, byte offsets)
//   -> fold case (full Unicode folding, œ -> oe, æ -> ae)
//   -> strip elision (l' d' qu' ...)
//   -> flag stop words (on the accent-folded form)
//   -> stem (Snowball French on the accented form)
//
// Each token keeps three spellings. The index scheme (docs/index-format.md)
// uses them so that matching is accent-insensitive without losing precision:
// Snowball stems the accented form (armée -> armé, armes -> arme stay apart;
// folding first would merge army and weapons), and the accent-free `folded`
// form lets a query typed without accents find the accented words the index
// really holds (Segou -> ségou, refugies -> réfugiés).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace vigie::analysis {

struct AnalyzedToken {
    std::string surface;    // the token as written (apostrophes as ')
    std::string form;       // case-folded, elision stripped; accents kept
    std::string folded;     // `form` without diacritics
    std::string stem;       // Snowball French stem of `form`
    bool stop = false;      // a French stop word: indexed, not ranked
    bool number = false;    // digits only ("2,5", "17557")
    std::uint32_t position = 0;  // 1-based, consecutive over the text
    std::size_t begin = 0;  // byte offsets into Analysis::text
    std::size_t end = 0;
};

struct Analysis {
    std::string text;  // the normalized input the offsets refer to
    std::vector<AnalyzedToken> tokens;
};

// Not thread-safe (the Snowball stemmer keeps state): use one per thread.
// Cheap to construct.
class FrenchAnalyzer {
public:
    FrenchAnalyzer();

    // Analyzes free text. Tokens longer than kMaxTokenBytes are dropped.
    Analysis analyze(std::string_view text);

    // Runs the chain on one already-separated word (no tokenization); for
    // callers that receive words from elsewhere, e.g. Xapian's snippet code.
    AnalyzedToken analyze_word(std::string_view word);

    // The stem of `form` (a case-folded word, accents kept).
    std::string stem(std::string_view form);

    // A Xapian::Stem that maps any word to the stem this chain gives it, so
    // that Xapian::MSet::snippet highlights "l'Armée" for a search on armée.
    static Xapian::Stem snippet_stemmer();

    static constexpr std::size_t kMaxTokenBytes = 64;
    static constexpr std::size_t kMaxCachedWords = 100000;

private:
    void fill(AnalyzedToken& token);
    Xapian::Stem stemmer_;
    // Words repeat: the chain's result per surface form (form, folded,
    // stem, flags), bounded, is most of the speed of indexing.
    struct Filled {
        std::string form, folded, stem;
        bool stop, number;
    };
    std::unordered_map<std::string, Filled> filled_;
};

}  // namespace vigie::analysis
