// FrenchAnalyzer: the one French analysis chain shared by indexing and search.
//
//   normalize (NFC, invalid UTF-8 -> U+FFFD, invisible characters removed)
//   -> tokenize (words, numbers, byte offsets)
//   -> fold case (full Unicode folding, œ -> oe, æ -> ae)
//   -> strip elision (l' d' qu' ...)
//   -> flag stop words (on the case-folded form, accents kept)
//   -> lemma from the French lexicon (analyzers/lexicon.h)
//
// Each token keeps its spellings: `form` (case-folded, accents kept),
// `folded` (accent-free: what names and quoted phrases match on), and its
// lemma, the root that plural, feminine and conjugated forms share in the
// dictionary ("tués", "tuée", "tuaient" -> "tuer"; "chevaux" -> "cheval";
// "directrice" -> "directeur"), while words a reader keeps apart keep apart
// ("armes" -> "arme", "armée" -> "armée"; "francs" -> "franc", "français" ->
// "français"). A word the dictionary does not know keeps its folded
// spelling: names are not stemmed (see name_rule.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigie::analysis {

// How a word is written, after its elision: "mali", "Mali", "MALI".
enum class Case : std::uint8_t { kLower, kCapitalised, kUpper };

struct AnalyzedToken {
    std::string surface;    // the token as written (apostrophes as ')
    std::string form;       // case-folded, elision stripped; accents kept
    std::string folded;     // `form` without diacritics
    std::string stem;       // the lemma of `form` in the lexicon, else `folded` (stop words: `form`)
    bool stop = false;      // a French stop word: indexed, not ranked
    bool number = false;    // digits only ("2,5", "17557")
    std::uint8_t lexicon = 0;      // Lexicon flags of the form; 0: not in the dictionary
    Case written = Case::kLower;
    // First word of a sentence, a quotation or a line, or inside a run of
    // words in capitals: its capital says nothing of the word.
    bool sentence_start = false;
    std::uint32_t position = 0;  // 1-based, consecutive over the text
    std::size_t begin = 0;  // byte offsets into Analysis::text
    std::size_t end = 0;
};

struct Analysis {
    std::string text;  // the normalized input the offsets refer to
    std::vector<AnalyzedToken> tokens;
};

// Not thread-safe (it caches each word's analysis): use one per thread.
// Cheap to construct.
class FrenchAnalyzer {
public:
    FrenchAnalyzer() = default;

    // Analyzes free text. Tokens longer than kMaxTokenBytes are dropped.
    Analysis analyze(std::string_view text);

    // Runs the chain on one already-separated word (no tokenization).
    AnalyzedToken analyze_word(std::string_view word);

    // Every lemma a query word may stand for: its own, or for a word typed
    // without its accents, those of each dictionary form it may be ("eleves"
    // -> "élève", "élevé"); a verb's past participles too ("tuer" -> "tuer",
    // "tué"). Empty for stop words, numbers and unknown words.
    std::vector<std::string> lemmas(const AnalyzedToken& token) const;

    static constexpr std::size_t kMaxTokenBytes = 64;
    static constexpr std::size_t kMaxCachedWords = 100000;

private:
    void fill(AnalyzedToken& token);
    // Words repeat: the chain's result per surface form, bounded, is most of
    // the speed of indexing.
    struct Filled {
        std::string form, folded, stem;
        bool stop, number;
        std::uint8_t lexicon;
        Case written;
    };
    std::unordered_map<std::string, Filled> filled_;
};

}  // namespace vigie::analysis
