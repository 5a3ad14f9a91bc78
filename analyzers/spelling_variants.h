// SpellingVariants: word beginnings that French reports use interchangeably
// (djihad-/jihad-, Daech/Daesh), from analyzers/data/spelling_variants.txt.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigie::analysis {

class SpellingVariants {
public:
    explicit SpellingVariants(std::string_view list_text);
    static const SpellingVariants& builtin();

    // The other spellings of an accent- and case-folded word:
    // "djihadistes" -> {"jihadistes"}. Thread-safe.
    std::vector<std::string> of(std::string_view folded) const;

private:
    std::vector<std::pair<std::string, std::string>> pairs_;  // both directions
};

}  // namespace vigie::analysis
