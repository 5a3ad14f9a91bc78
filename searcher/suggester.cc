#include "searcher/suggester.h"

#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/french_analyzer.h"

namespace vigie::searcher {

std::optional<std::string> suggest(const Xapian::Database& db, const std::vector<std::string>& words,
                                   const std::string& query) {
    analysis::FrenchAnalyzer analyzer;
    std::string corrected = query;
    bool changed = false;
    std::size_t from = 0;
    for (const std::string& word : words) {
        analysis::AnalyzedToken t = analyzer.analyze_word(word);
        // Short words are mostly acronyms; a word that matches as written
        // (accents aside), through its lemma or as an actor's name is known.
        if (t.number || t.stop || t.folded.size() <= 3) continue;
        if (db.term_exists(t.folded)) continue;
        bool known = false;
        for (const std::string& lemma : analyzer.lemmas(t)) known = known || db.term_exists("Z" + lemma);
        if (known) continue;
        if (!entities::ActorCatalogue::builtin().aliases_in(entities::token_keys({t})).empty()) continue;
        std::string fix = db.get_spelling_suggestion(t.folded, t.folded.size() <= 4 ? 1 : 2);
        if (fix.empty() || fix == t.folded) continue;
        std::size_t at = corrected.find(word, from);
        if (at == std::string::npos) continue;
        corrected.replace(at, word.size(), fix);
        from = at + fix.size();
        changed = true;
    }
    if (!changed) return std::nullopt;
    return corrected;
}

}  // namespace vigie::searcher
