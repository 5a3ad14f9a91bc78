#include "analyzers/spelling_variants.h"

#include <sstream>

extern "C" const char vigie_spelling_variants[];
extern "C" const char vigie_spelling_variants_end[];

namespace vigie::analysis {

SpellingVariants::SpellingVariants(std::string_view list_text) {
    std::istringstream in{std::string(list_text)};
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string a, b;
        if (!(words >> a >> b)) continue;
        pairs_.emplace_back(a, b);
        pairs_.emplace_back(b, a);
    }
}

const SpellingVariants& SpellingVariants::builtin() {
    static const SpellingVariants v(std::string_view(
        vigie_spelling_variants, static_cast<std::size_t>(vigie_spelling_variants_end - vigie_spelling_variants)));
    return v;
}

std::vector<std::string> SpellingVariants::of(std::string_view folded) const {
    std::vector<std::string> out;
    for (const auto& [from, to] : pairs_)
        if (folded.substr(0, from.size()) == from) out.push_back(to + std::string(folded.substr(from.size())));
    return out;
}

}  // namespace vigie::analysis
