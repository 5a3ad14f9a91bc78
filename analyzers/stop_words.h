// French stop words (analyzers/data/stopwords_fr.txt, embedded at build time).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace vigie::analysis {

class StopWords {
public:
    // Parses one word per line; '#' starts a comment. Words are stored
    // case- and accent-folded.
    explicit StopWords(std::string_view list_text);

    // The list shipped with Vigie.
    static const StopWords& french();

    // `folded` is a case- and accent-folded word. Thread-safe.
    bool contains(std::string_view folded) const { return words_.count(std::string(folded)) != 0; }
    std::size_t size() const { return words_.size(); }

private:
    std::unordered_set<std::string> words_;
};

}  // namespace vigie::analysis
