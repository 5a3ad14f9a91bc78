// Shared by the stop-word walks (tests/analyzers, tests/quality): whether a
// word, searched, would match through a stop word's term.
#pragma once

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/french_analyzer.h"
#include "analyzers/lexicon.h"
#include "analyzers/name_rule.h"

namespace vigie::testing {

// The stop words as written (a lemma must be none of them) and without
// accents (what a search for one matches: its folded spelling).
inline const std::set<std::string>& stop_word_terms() {
    static const std::set<std::string> terms = [] {
        std::set<std::string> out;
        std::ifstream in(std::string(VIGIE_SOURCE_DIR) + "/analyzers/data/stopwords_fr.txt");
        std::string line;
        while (std::getline(in, line)) {
            line = line.substr(0, line.find('#'));
            while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
            if (line.empty()) continue;
            std::string w = analysis::fold_case(line);
            out.insert(w);
            out.insert(analysis::fold_accents(w));
        }
        return out;
    }();
    return terms;
}

inline std::vector<std::string> lexicon_forms() {
    const auto& lex = analysis::Lexicon::french();
    std::vector<std::string> out;
    out.reserve(lex.size());
    for (std::size_t i = 0; i < lex.size(); ++i) out.emplace_back(lex.form_at(i));
    return out;
}

// "" when `word` is a stop word, a number, or a content word whose matching
// terms (its lemmas; its folded spelling when it is a name) are no stop
// word's; else what it lands on.
inline std::string lands_on_stop_word(analysis::FrenchAnalyzer& analyzer, const std::string& word) {
    analysis::AnalyzedToken t = analyzer.analyze_word(word);
    if (t.stop || t.number || t.folded.empty()) return "";
    const auto& stop = stop_word_terms();
    for (const std::string& lemma : analyzer.lemmas(t))
        if (stop.count(lemma)) return word + " -> lemma " + lemma;
    if (analysis::NameRule::decide(t, std::nullopt).name && stop.count(t.folded))
        return word + " -> name " + t.folded;
    return "";
}

}  // namespace vigie::testing
