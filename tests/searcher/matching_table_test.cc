// Table-driven matching through a real index on disk: a report's text, a
// query, and whether the report must match. The rows pin down the accent,
// elision, stemming and phrase behaviour users rely on.
#include <gtest/gtest.h>

#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

struct Row {
    const char* text;
    const char* query;
    bool match;
};

const Row kRows[] = {
    {"L'armée malienne a tiré.", "armée", true},
    {"L'armée malienne a tiré.", "armee", true},
    {"L'armée malienne a tiré.", "ARMÉE", true},
    {"L'armée malienne a tiré.", "l'armée", true},
    {"L'armée malienne a tiré.", "l\u2019armée", true},
    {"Trafic d'armes lourdes.", "armée", false},
    {"L'armée malienne a tiré.", "armes", false},
    {"Torture à Ségou.", "Segou", true},
    {"Torture à Segou.", "Ségou", true},
    {"Assimi Goïta a parlé.", "Goita", true},
    {"Assimi Goita a parlé.", "Goïta", true},
    {"Le retour de l'État.", "etat", true},
    {"Le retour de l'Etat.", "État", true},
    {"Des réfugiés arrivent.", "refugies", true},
    {"Des réfugiées arrivent.", "réfugié", true},
    {"Des réfugiés arrivent.", "refugie", true},
    {"Des civils déplacés.", "deplace", true},
    {"Une œuvre collective.", "oeuvre", true},
    {"Une oeuvre collective.", "œuvre", true},
    {"Trois massacres en un mois.", "massacre", true},
    {"Des femmes tuées.", "tués", true},
    {"Des civils tués.", "tuée", true},
    {"Les forces maliennes.", "malien", true},
    // Quotes: these words in this order, accents, case and elision aside, not through lemmas.
    {"Deux coups d'Etat successifs.", "\"coups d'État\"", true},
    {"Deux coups d'Etat successifs.", "\"coup d'État\"", true},   // a phrase's words stand for their forms
    {"Tu vas voir.", "\"tués\"", false},                            // never for a stem
    {"La coupe d'État.", "\"coup d'État\"", false},                 // nor for another word
    {"Des civils TUÉS à Moura.", "\"civils tues\"", true},
    {"Des civils tués à Moura.", "\"civil tué\"", true},
    {"Un coup d'État militaire.", "\"coup d'Etat\"", true},
    {"Un coup militaire, l'État.", "\"coup d'État\"", false},
    {"La Katiba du Macina frappe.", "\"Katiba du Macina\"", true},
    {"La Katiba Macina du centre.", "\"Katiba du Macina\"", false},
    {"Liée à Al-Qaïda.", "al qaida", true},
    {"Liée à Al-Qaïda.", "Al-Qaida", true},
    {"Liée qu\u2019Al-Qaïda.", "\"al qaïda\"", true},
    {"Liée à al Qaïda.", "Al-Qaïda", true},
    {"Il est parti aujourd'hui.", "aujourd'hui", true},
    {"On compte 17 557 déplacés.", "17557", true},
    {"On compte 17 557 déplacés.", "17 557", true},
    {"On compte 17557 déplacés.", "\"17 557 déplacés\"", true},
    {"Des jihadistes armés.", "djihadistes", true},
    {"Des djihadistes armés.", "jihadiste", true},
    {"Le groupe Daesh.", "Daech", true},
    {"Les soldats du groupe Wagner.", "les", true},
    {"Les soldats du groupe Wagner.", "le", false},  // a stop word alone is searched as written
    {"Le groupe Wagner.", "Wagner le", true},
    // Names are matched as written, not through a French lemma.
    {"La situation au Mali.", "Mali", true},
    {"La situation au Mali.", "mali", true},
    {"Le mal est fait.", "Mali", false},
    {"Il a mal au dos.", "mali", false},
    {"Les Maliens votent.", "Mali", false},
    {"La situation au Mali.", "mal", false},
    {"Ils vont mourir.", "Moura", false},
    {"Il mourra demain.", "Moura", false},
    {"Le massacre de Moura.", "moura", true},
    {"La tour Eiffel.", "Touré", false},
    {"Amadou Touré parle.", "Toure", true},
    {"Au Tillabéri.", "Tillabery", true},
    {"À Tillabery.", "Tillabéri", true},
    {"Amadou Koufa a parlé.", "Kouffa", true},
    {"Ibrahim Boubacar Keïta.", "Keita", true},
    // Content words never land on a stop word's term.
    {"Tu vas voir.", "tués", false},
    {"Des civils tués.", "tu", false},
    {"Sur la route.", "sûr", false},
    {"Il en est sûr.", "sûr", true},
    // Plurals, feminines, conjugations.
    {"Les détenus ont fui.", "détenu", true},
    {"Deux lieux de culte.", "lieu", true},
    {"Les feux de brousse.", "feu", true},
    {"Une zone interdite.", "interdit", true},
    {"La directrice de l'école.", "directeur", true},
    {"Les chevaux volés.", "cheval", true},
    {"Ils tuaient les civils.", "tuer", true},
    {"Ils tuaient les civils.", "tués", false},  // a participle counts its own forms
    {"Des civils tués.", "tuer", true},          // a verb counts its participles too
    {"Des otages libérés.", "libérer", true},
    {"Il libéra les otages.", "libérés", false},
    {"Des francs CFA.", "français", false},
    {"Trafic d'armes.", "armée", false},
    // Invisible characters inside words.
    {"De grandes diffi\u00ADcultés.", "difficultés", true},
};

TEST(MatchingTable, EveryRow) {
    for (const Row& row : kRows) {
        vigie::testing::TempDir tmp;
        tmp.write("reports/r.txt", row.text);
        vigie::indexer::IndexOptions opts;
        opts.db_dir = tmp / "db";
        opts.paths = {tmp / "reports"};
        ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
        auto searcher = vigie::searcher::Searcher::open(opts.db_dir);
        ASSERT_TRUE(searcher.ok()) << searcher.error().message;
        vigie::searcher::SearchRequest req;
        req.query = row.query;
        auto result = searcher->search(req);
        ASSERT_TRUE(result.ok()) << result.error().message;
        EXPECT_EQ(result->total, row.match ? 1u : 0u) << "text: " << row.text << "\nquery: " << row.query;
    }
}

}  // namespace
