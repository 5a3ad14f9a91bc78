// WordList: a set of words read from a data file, compared case-folded:
// the French stop words (accents kept: "sur" is one, "sûr" is not) and the
// first names (accents folded too).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace vigie::analysis {

class WordList {
public:
    // Parses one word per line; '#' starts a comment. Words are stored
    // case-folded, and accent-folded unless `keep_accents`.
    explicit WordList(std::string_view list_text, bool keep_accents = false);

    // analyzers/data/stopwords_fr.txt, embedded at build time.
    static const WordList& french_stop_words();
    // analyzers/data/first_names.txt, embedded at build time.
    static const WordList& first_names();

    // `folded` is folded as the list's words are. Thread-safe.
    bool contains(std::string_view folded) const { return words_.count(std::string(folded)) != 0; }
    std::size_t size() const { return words_.size(); }

private:
    std::unordered_set<std::string> words_;
};

}  // namespace vigie::analysis
