#include "analyzers/entities/evidence.h"

#include <set>

#include "analyzers/lexicon.h"
#include "analyzers/word_list.h"

namespace vigie::entities::evidence {

bool joined(const std::string& text, const Tokens& tokens, std::size_t a, std::size_t b) {
    if (b != a + 1 || tokens[b].begin < tokens[a].end) return false;
    std::string_view between(text.data() + tokens[a].end, tokens[b].begin - tokens[a].end);
    return between == " " || between == "-" || between == "\u00A0";
}

bool name_word(const Tokens& tokens, const std::vector<TokenKeys>& keys, std::size_t i) {
    return keys[i].capitalized && !tokens[i].stop && !tokens[i].number;
}

bool glued_to_name(const std::string& text, const Tokens& tokens, const std::vector<TokenKeys>& keys,
                   const std::vector<bool>& covered, std::size_t first, std::size_t last) {
    // Tokens already taken by an actor or a person count too: "Oxfam
    // France", "Banque de France Vincent Brignon".
    (void)covered;
    if (last + 1 < tokens.size() && joined(text, tokens, last, last + 1) &&
        (name_word(tokens, keys, last + 1) || tokens[last + 1].number))
        return true;
    // A name word before it: "Air Canada", "Météo-France", "Jianjun Gao".
    if (first > 0 && joined(text, tokens, first - 1, first) &&
        name_word(tokens, keys, first - 1))
        return true;
    return false;
}

bool isolated_capitals(const Tokens& tokens, std::size_t i) {
    if (tokens[i].written != analysis::Case::kUpper || tokens[i].surface.size() < 2) return false;
    auto upper = [&](std::size_t j) {  // "À" alone reads as capitalised
        return tokens[j].written == analysis::Case::kUpper || tokens[j].number ||
               (tokens[j].written == analysis::Case::kCapitalised && tokens[j].folded.size() == 1);
    };
    bool before = i > 0 && upper(i - 1);
    bool after = i + 1 < tokens.size() && upper(i + 1);
    return !before && !after;
}

std::string type_cue(const std::string& folded) {
    static const std::map<std::string, std::string> cues = {
        {"region", "region"},     {"regions", "region"},   {"cercle", "cercle"},
        {"cercles", "cercle"},    {"commune", "commune"},  {"communes", "commune"},
        {"village", "village"},   {"villages", "village"}, {"localite", "village"},
        {"localites", "village"}, {"hameau", "village"},   {"ville", "town"},
        {"province", "province"}, {"departement", "departement"},
        // sites named after the place they stand in: "la base d'Aguelal", "le fort de Madama"
        {"base", "site"},         {"camp", "site"},        {"fort", "site"}};
    auto it = cues.find(folded);
    return it == cues.end() ? std::string() : it->second;
}

std::string place_cue(const std::string& text, const Tokens& tokens, std::size_t first) {
    // The cue is one or two words back, with nothing but spaces and
    // apostrophes between: a cue ending the previous sentence ("…dans la
    // région. La…") does not reach over the full stop.
    for (std::size_t back = 1; back <= 2 && back <= first; ++back) {
        std::size_t at = first - back;
        std::string_view between(text.data() + tokens[at].end, tokens[at + 1].begin - tokens[at].end);
        if (between.find_first_of(".;:!?()\"\n") != std::string_view::npos) break;
        std::string cue = type_cue(tokens[at].folded);
        if (!cue.empty()) return cue;
        const std::string& w = tokens[at].folded;
        if (w != "de" && w != "du" && w != "des") break;
    }
    return {};
}

bool article_before(const Tokens& tokens, std::size_t first) {
    if (tokens[first].form.size() < tokens[first].surface.size() &&
        (tokens[first].surface[0] == 'l' || tokens[first].surface[0] == 'L'))
        return true;  // "l'X"
    if (first == 0) return false;
    const std::string& w = tokens[first - 1].folded;
    return w == "la" || w == "le" || w == "les";
}

bool locative_before(const Tokens& tokens, std::size_t first) {
    return first > 0 && (tokens[first - 1].folded == "a" || tokens[first - 1].folded == "au");
}

bool fits_cue(const std::string& cue, const std::string& type) {
    if (cue.empty() || cue == type) return true;
    if (cue == "site") return type == "village" || type == "town" || type == "commune";
    if (cue == "village") return type == "town";
    if (cue == "town") return type == "commune" || type == "village";
    if (cue == "region") return type == "area";
    if (cue == "commune") return type == "town";  // a commune takes its chief town's name
    return false;
}

std::string demonym_country(const std::string& folded) {
    static const std::vector<std::pair<std::string, std::string>> demonyms = {
        {"malien", "mali"}, {"burkinab", "burkina-faso"}, {"nigerien", "niger"}};
    for (const auto& [prefix, country] : demonyms)
        if (folded.rfind(prefix, 0) == 0) return country;
    return {};
}

std::size_t CountryEvidence::score(const std::string& country) const {
    auto it = score_.find(country);
    return it == score_.end() ? 0 : it->second;
}

bool CountryEvidence::leads(const std::string& country) const {
    std::size_t mine = score(country);
    if (mine == 0) return false;
    for (const auto& [other, n] : score_)
        if (other != country && n > 2 * mine) return false;
    return true;
}

bool sentence_start(const std::string& text, const Tokens& tokens, std::size_t i) {
    if (i == 0) return true;
    std::string_view between(text.data() + tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
    return between.find_first_of(".!?\n\"|") != std::string_view::npos ||
           between.find("\u00AB") != std::string_view::npos || between.find("\u201C") != std::string_view::npos;
}

bool inside_organisation_name(const std::string& text, const Tokens& tokens, std::size_t first) {
    if (first < 2) return false;
    const std::string& of = tokens[first - 1].folded;
    if (of != "de" && of != "du" && of != "des" && of != "d") return false;
    // "Île-de-France" is a place, written with hyphens; a name has spaces.
    if (text.compare(tokens[first - 2].end, 1, " ") != 0) return false;
    // Words that name the state itself: "République du Mali", "Etat du Niger".
    static const std::set<std::string> state = {"republique", "etat", "etats", "royaume", "gouvernement",
                                                "principaute", "emirat", "emirats", "sultanat", "president",
                                                "presidente", "roi", "reine", "premier",
                                                // parts of the country: "le Nord du Mali"
                                                "nord", "sud", "est", "ouest", "centre", "extreme-nord",
                                                "nord-est", "nord-ouest", "sud-est", "sud-ouest"};
    std::size_t at = first - 2;
    std::string_view between(text.data() + tokens[at].end, tokens[at + 1].begin - tokens[at].end);
    if (between != " " && between != "\u00A0") return false;
    const auto& t = tokens[at];
    if (state.count(t.folded)) return false;
    // An ordinary word written with a capital in mid-sentence opens a name.
    return t.written == analysis::Case::kCapitalised && !t.stop && !t.number &&
           (t.lexicon & analysis::Lexicon::kCommon) && !(t.lexicon & analysis::Lexicon::kProper) &&
           !sentence_start(text, tokens, at);
}

bool capitalised_article(const std::string& text, const Tokens& tokens, std::size_t first) {
    if (first == 0) return false;
    const auto& t = tokens[first - 1];
    if (t.written != analysis::Case::kCapitalised) return false;
    if (t.folded != "la" && t.folded != "le" && t.folded != "les") return false;
    return !sentence_start(text, tokens, first - 1);
}

bool named_after(const Tokens& tokens, std::size_t i) {
    // Things named after a person (or after a place): the name that follows
    // is part of the thing's name.
    static const std::set<std::string> heads = {
        "rue",     "avenue",  "boulevard", "bd",     "place",   "quai",    "allee",   "impasse",  "chemin",
        "route",   "square",  "pont",      "college", "lycee",  "ecole",   "universite", "institut", "hopital",
        "clinique", "stade",  "gare",      "station", "aeroport", "musee", "theatre", "salle",    "centre",
        "fondation", "prix",  "parc",      "cours",   "esplanade", "rond-point", "promenade", "cite",
        // publishers, brands and media named after their founder
        "editions", "edition", "maison",   "marque",  "magazine", "journal", "chaine", "emission"};
    if (i > 0 && heads.count(tokens[i - 1].folded)) return true;
    // "prix de Diane", "lycée du Parc"
    static const std::set<std::string> of = {"de", "du", "des"};
    return i > 1 && of.count(tokens[i - 1].folded) && heads.count(tokens[i - 2].folded);
}

bool organisation_word(const analysis::AnalyzedToken& t) {
    if (analysis::WordList::first_names().contains(t.folded)) return false;
    return (t.lexicon & analysis::Lexicon::kCommon) && !(t.lexicon & analysis::Lexicon::kProper);
}

}  // namespace vigie::entities::evidence
