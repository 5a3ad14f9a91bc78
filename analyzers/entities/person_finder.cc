#include "analyzers/entities/person_finder.h"

#include <map>
#include <set>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/entities/evidence.h"
#include "analyzers/entities/gazetteer.h"
#include "analyzers/word_list.h"


namespace vigie::entities {
namespace {

bool all_caps(const std::string& surface) {
    bool letter = false;
    for (unsigned char c : surface) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') letter = true;
    }
    return letter && surface.size() >= 2;
}

bool is_title(const std::string& folded) {
    static const std::set<std::string> titles = {
        "president",  "presidente", "ministre",   "colonel",     "general",    "capitaine",   "commandant",
        "lieutenant", "sergent",    "adjudant",   "caporal",     "soldat",     "porte-parole", "porte",
        "chef",       "cheffe",     "secretaire", "directeur",   "directrice", "ambassadeur", "ambassadrice",
        "representant", "representante", "envoye", "envoyee",   "imam",       "cheikh",      "maire",
        "prefet",     "gouverneur", "depute",     "deputee",     "senateur",   "juge",        "procureur",
        "procureure", "avocat",     "avocate",    "journaliste", "chercheur",  "chercheuse",  "analyste",
        "opposant",   "opposante",  "dirigeant",  "dirigeante",  "emir",       "commissaire", "coordinateur",
        "coordinatrice", "fondateur", "fondatrice", "docteur",  "professeur", "monsieur",    "madame",
        "m",          "mme",        "dr",         "pr",          "rapporteur", "rapporteuse", "expert",
        "experte",    "militant",   "militante",  "activiste",   "leader",     "patron",      "marabout",
        "chef d",     "premier",    "vice-president", "conseiller", "conseillere", "negociateur", "mediateur",
        "roi",        "reine",      "prince",     "sultan",      "pape",       "cardinal",    "eveque",
        "ex-president", "homologue", "successeur", "predecesseur", "adjoint", "adjointe",  "officier",
        "commandante", "gendarme",  "policier",   "sous-officier", "delegue",   "deleguee",    "haut-commissaire"};
    return titles.count(folded) != 0;
}

// Words between a name's comma and the title: "X, son secrétaire général".
bool is_determiner(const std::string& folded) {
    static const std::set<std::string> d = {"le", "la", "les", "l", "son", "sa", "ses", "leur", "un", "une",
                                            "notre", "ancien", "ancienne", "nouveau", "nouvelle", "actuel",
                                            "actuelle", "ex", "du", "de", "des"};
    return d.count(folded) != 0;
}

// Capitalised words that open sentences rather than names.
bool is_sentence_word(const std::string& folded) {
    static const std::set<std::string> w = {
        "selon", "pour", "apres", "avant", "avec", "depuis", "lorsque", "quand", "mais", "ainsi", "alors",
        "pendant", "malgre", "comme", "contre", "sans", "sous", "vers", "chez", "entre", "parmi", "face",
        "hier", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "interroge",
        "pourtant", "cependant", "enfin", "puis", "donc", "or", "ni", "si", "des", "dans", "par", "sur"};
    return w.count(folded) != 0;
}

// Lower-case words allowed inside a name: "Iyad Ag Ghaly", "Ould", "ben".
bool is_particle(const std::string& folded) {
    static const std::set<std::string> p = {"ag", "ould", "ben", "bin", "ibn", "el", "al", "de", "da", "dit", "van", "von", "le"};
    return p.count(folded) != 0;
}

}  // namespace

std::string person_id(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t first, std::size_t last) {
    std::string id;
    for (std::size_t i = first; i <= last; ++i) {
        for (char c : tokens[i].folded) {
            bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (alnum) {
                id += c;
            } else if (!id.empty() && id.back() != '-') {
                id += '-';
            }
        }
        if (!id.empty() && id.back() != '-' && i < last) id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id;
}

std::vector<Person> find_persons(const std::string& text, const std::vector<analysis::AnalyzedToken>& tokens,
                                 const std::vector<TokenKeys>& keys, const std::vector<bool>& covered) {
    const std::size_t n = tokens.size();
    auto gap = [&](std::size_t a, std::size_t b) {  // the text between tokens a and b
        return text.substr(tokens[a].end, tokens[b].begin - tokens[a].end);
    };
    auto cap = [&](std::size_t i) {
        return keys[i].capitalized && !tokens[i].number && !(covered.size() > i && covered[i]) && !tokens[i].stop;
    };
    // A name run starting at i: capitalised words (particles allowed inside),
    // only spaces between them. Returns the last index, or npos.
    auto run_from = [&](std::size_t i) -> std::size_t {
        if (i >= n || !cap(i)) return std::string::npos;
        std::size_t last = i;
        for (std::size_t j = i + 1; j < n && j - i < 5; ++j) {
            std::string between = gap(j - 1, j);
            if (between != " " && between != "\u00A0" && between != "-") break;
            // Inside a name, a capitalised short word is part of it:
            // "Pierre-Olivier Sur", "Jean-Yves Le Drian".
            bool inner = keys[j].capitalized && !tokens[j].number && !(covered.size() > j && covered[j]) &&
                         !tokens[j].sentence_start;
            if (cap(j) || inner) {
                last = j;
            } else if (is_particle(tokens[j].folded) && j + 1 < n && cap(j + 1) &&
                       tokens[j + 1].form.size() == tokens[j + 1].surface.size()) {
                // "de Rugy" continues a name; "de l'Université" does not.
                continue;
            } else {
                break;
            }
        }
        return last;
    };

    std::map<std::string, Person> found;
    auto record = [&](std::size_t first, std::size_t last) {
        // Leading words that open a sentence or name an organisation ("OMS
        // Tedros…", "la Culture Cheick Oumar Sissoko") are not the name.
        // So are places: "le président de Serbie Milan Milutinovic".
        auto place_word = [&](std::size_t k) {
            std::vector<TokenKeys> one{keys[k]};
            for (const std::string& id : Gazetteer::builtin().named(one))
                if (Gazetteer::builtin().find(id)->type == "country") return true;
            return false;
        };
        while (first < last &&
               (is_sentence_word(tokens[first].folded) || all_caps(tokens[first].surface) || place_word(first)))
            ++first;
        for (std::size_t k = first + 1; k < last; ++k) {
            if (!analysis::WordList::first_names().contains(tokens[first].folded) && analysis::WordList::first_names().contains(tokens[k].folded) &&
                !all_caps(tokens[last].surface) && !tokens[last].number) {
                first = k;
                break;
            }
        }
        if (last == first) return;
        // A street, a school, an institution, a title or a model is not a
        // person: "rue Abel Hovelacque", "l'Institut Pasteur", "procureur de
        // la République", "Aston Martin DB11".
        if (evidence::named_after(tokens, first) || evidence::organisation_word(tokens[first])) return;
        // "Saint-Denis-Massy": a capitalised word glued by a hyphen before it.
        if (first > 0 && keys[first - 1].capitalized && gap(first - 1, first) == "-") return;
        for (std::size_t k = first; k <= last; ++k)
            if (tokens[k].surface.find_first_of("0123456789") != std::string::npos) return;
        std::vector<TokenKeys> span(keys.begin() + static_cast<long>(first), keys.begin() + static_cast<long>(last) + 1);
        // "Afrique de l'Ouest" is a place; "Drissa Traoré" is a person even
        // though a village bears his name.
        for (const std::string& id : Gazetteer::builtin().named(span)) {
            const std::string& type = Gazetteer::builtin().find(id)->type;
            if (type != "village" && type != "town" && type != "commune") return;
        }  // a single word is too often something else
        std::string id = person_id(tokens, first, last);
        auto [it, fresh] = found.try_emplace(id, Person{id, {}, 0, first, last});
        if (fresh) {
            // The label starts after an elided article: "Edouard Philippe", not "d'Edouard Philippe".
            std::size_t begin = tokens[first].begin;
            if (tokens[first].form.size() < tokens[first].surface.size()) {
                std::string_view word(text.data() + begin, tokens[first].end - begin);
                for (std::string_view apos : {"'", "\u2019"}) {
                    auto at = word.find(apos);
                    if (at != std::string_view::npos && at + apos.size() < word.size()) {
                        begin += at + apos.size();
                        break;
                    }
                }
            }
            it->second.label = text.substr(begin, tokens[last].end - begin);
        }
        it->second.count++;
    };

    for (std::size_t i = 0; i < n; ++i) {
        // A known first name opening a run of capitalised words.
        if (cap(i) && analysis::WordList::first_names().contains(tokens[i].folded)) {
            std::size_t last = run_from(i);
            if (last != std::string::npos && last > i) {
                record(i, last);
                i = last;
                continue;
            }
        }
        // Title before (written in lower case): skip up to six lower-case or
        // organisation words.
        if (!keys[i].capitalized && is_title(tokens[i].folded)) {
            for (std::size_t j = i + 1; j < n && j <= i + 7; ++j) {
                std::string between = gap(j - 1, j);
                if (between.find_first_of(".;:!?()\"\u00AB") != std::string::npos) break;
                if (cap(j)) {
                    std::size_t last = run_from(j);  // cap(j): never npos
                    // A run that ends before a lower-case word or punctuation is
                    // the name; capitalised organisation words ("Affaires") are
                    // followed by lower-case ones, so keep looking after them.
                    // A run followed by a stop word names an office ("Affaires
                    // Étrangères du Mali"), except "a", the verb ("X a déclaré").
                    bool ends_clean = last + 1 >= n || !cap(last + 1);
                    bool office = last + 1 < n && gap(last, last + 1) == " " && tokens[last + 1].stop &&
                                  tokens[last + 1].folded != "a";
                    if (ends_clean && last > j && !office) {
                        record(j, last);
                        i = last;
                        break;
                    }
                    j = last;
                }
            }
            continue;
        }
        // Apposition after: "Prénom Nom, son secrétaire général".
        if (cap(i) && (i == 0 || !cap(i - 1))) {
            std::size_t last = run_from(i);
            if (last == std::string::npos || last == i || last + 1 >= n) continue;
            std::string between = gap(last, last + 1);
            if (between.find(',') == std::string::npos) continue;
            std::size_t k = last + 1;
            while (k < n && k <= last + 3 && is_determiner(tokens[k].folded)) ++k;
            if (k < n && is_title(tokens[k].folded)) {
                record(i, last);
                i = last;
            }
        }
    }
    std::vector<Person> out;
    for (auto& [id, p] : found) out.push_back(std::move(p));
    return out;
}

}  // namespace vigie::entities
