// Table-driven tests of the whole French chain: each row is an input and the
// stems it must yield with their positions (stop words in [brackets]).
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/french_analyzer.h"

namespace {

struct Row {
    const char* input;
    const char* expected;
};

const Row kRows[] = {
    // Elision, every clitic, every apostrophe.
    {"l'armée", "armée@1"},
    {"L\u2019armée", "armée@1"},
    {"l\u02BCarmée", "armée@1"},
    {"L'ARMÉE", "armée@1"},
    {"d'État", "état@1"},
    {"qu'il", "[il]@1"},
    {"jusqu'à", "[à]@1"},
    {"lorsqu'elle", "[elle]@1"},
    {"puisqu'on", "[on]@1"},
    {"quoiqu'il", "[il]@1"},
    {"c'est", "est@1"},
    {"j'ai", "[ai]@1"},
    {"m'a", "[a]@1"},
    {"n'a", "[a]@1"},
    {"t'aime", "aimer@1"},
    {"aujourd'hui", "aujourd'hui@1"},
    {"Jama'at", "jama'at@1"},
    {"qu\u2019Al-Qaïda", "al@1 qaida@2"},
    // Hyphens, numbers, quotes.
    {"Al-Qaïda", "al@1 qaida@2"},
    {"Côte d'Ivoire", "côte@1 ivoire@2"},
    {"ÉTATS-UNIS", "état@1 uni@2"},
    {"2,5 millions", "2,5@1 million@2"},
    {"3.5", "3.5@1"},
    {"17 557 déplacés", "17557@1 déplacé@2"},
    {"17\u202F557", "17557@1"},
    {"1 300 000", "1300000@1"},
    {"2020 300 soldats", "2020@1 300@2 soldat@3"},
    {"« guillemets »", "guillemet@1"},
    {"\"instructeurs\"", "instructeur@1"},
    // Case folding and ligatures.
    {"œuvre", "oeuvre@1"},
    {"Œuvre", "oeuvre@1"},
    {"oeuvre", "oeuvre@1"},
    {"cæcum", "caecum@1"},
    {"Straße", "strasse@1"},
    // Invisible characters inside words.
    {"diffi\u00ADcultés", "difficulté@1"},
    {"Ba\u200Bmako", "bamako@1"},
    {"e\u0301tat", "état@1"},
    // Names: not in the dictionary as ordinary words, kept as written (accents aside).
    {"Ségou", "segou@1"},
    {"Segou", "segou@1"},
    {"Goïta Goita", "goita@1 goita@2"},
    {"Moura Touré Kati", "moura@1 toure@2 kati@3"},
    {"Malien Maliens", "malien@1 malien@2"},
    // Plural and feminine forms join their base; conjugated verbs their infinitive.
    {"armée armées", "armée@1 armée@2"},
    {"armes arme", "arme@1 arme@2"},
    {"massacre massacres", "massacre@1 massacre@2"},
    {"tué tués tuée tuées", "tué@1 tué@2 tué@3 tué@4"},
    {"tuer tuaient tue", "tuer@1 tuer@2 tuer@3"},
    {"libérés libérées libérer", "libéré@1 libéré@2 libérer@3"},
    {"civil civils", "civil@1 civil@2"},
    {"malienne maliennes", "malien@1 malien@2"},
    {"réfugiés réfugiée", "réfugié@1 réfugié@2"},
    {"détenu détenus détenue", "détenu@1 détenu@2 détenu@3"},
    {"battus perdus attendus", "battu@1 perdu@2 attendu@3"},
    {"lieu lieux feu feux jeu jeux", "lieu@1 lieu@2 feu@3 feu@4 jeu@5 jeu@6"},
    {"interdit interdite petit petite", "interdit@1 interdit@2 petit@3 petit@4"},
    {"français française", "français@1 français@2"},
    {"directeur directrice", "directeur@1 directeur@2"},
    {"danger dangers conseiller conseillers", "danger@1 danger@2 conseiller@3 conseiller@4"},
    {"cheval chevaux général généraux", "cheval@1 cheval@2 général@3 général@4"},
    {"heureux heureuse jaloux jalouse", "heureux@1 heureux@2 jaloux@3 jaloux@4"},
    {"hibou hiboux genou genoux", "hibou@1 hibou@2 genou@3 genou@4"},
    {"producteur productrice chanteur chanteuse", "producteur@1 producteur@2 chanteur@3 chanteur@4"},
    // Words a reader keeps apart stay apart.
    {"francs français", "franc@1 français@2"},
    {"roux roue", "roux@1 roue@2"},
    {"chat châtiment", "chat@1 châtiment@2"},
    {"sûr sur dû du", "sûr@1 [sur]@2 dû@3 [du]@4"},
    {"été étés", "été@1 été@2"},
    {"avions sommes", "avion@1 somme@2"},
    {"tu tués", "[tu]@1 tué@2"},
    // Stop words keep their positions, for phrases.
    {"coup d'État", "coup@1 état@2"},
    {"Katiba du Macina", "katiba@1 [du]@2 macina@3"},
    {"le groupe Wagner", "[le]@1 groupe@2 wagner@3"},
    // Robustness.
    {"", ""},
    {"!!! ... ;", ""},
    {"abc\xFF" "def", "abc@1 def@2"},
    {"\xC3", ""},
};

std::string describe(const char* input) {
    vigie::analysis::FrenchAnalyzer analyzer;
    std::string out;
    for (const auto& t : analyzer.analyze(input).tokens) {
        if (!out.empty()) out += ' ';
        out += t.stop ? "[" + t.stem + "]" : t.stem;
        out += "@" + std::to_string(t.position);
    }
    return out;
}

TEST(AnalysisTable, EveryRow) {
    for (const Row& row : kRows) EXPECT_EQ(describe(row.input), row.expected) << "input: " << row.input;
}

TEST(AnalysisTable, HasAtLeastFortyRows) { EXPECT_GE(std::size(kRows), 40u); }

TEST(AnalysisTable, OffsetsPointAtTheSurface) {
    vigie::analysis::FrenchAnalyzer analyzer;
    auto a = analyzer.analyze("Selon l\u2019ONU, à Ségou");
    ASSERT_EQ(a.tokens.size(), 4u);
    EXPECT_EQ(a.text.substr(a.tokens[1].begin, a.tokens[1].end - a.tokens[1].begin), "l\u2019ONU");
    EXPECT_EQ(a.tokens[1].form, "onu");
    EXPECT_EQ(a.text.substr(a.tokens[3].begin, a.tokens[3].end - a.tokens[3].begin), "Ségou");
    EXPECT_EQ(a.tokens[3].folded, "segou");
}

TEST(AnalysisTable, ArmyAndWeaponsStayApart) {
    vigie::analysis::FrenchAnalyzer analyzer;
    EXPECT_NE(analyzer.analyze("armée").tokens[0].stem, analyzer.analyze("armes").tokens[0].stem);
}

TEST(AnalysisTable, CapitalsInsideSentencesOnly) {
    vigie::analysis::FrenchAnalyzer analyzer;
    auto a = analyzer.analyze("Paris a dit. Le pari de Paris : « Vive Paris » ET PARIS BRULE");
    // Paris@1 opens the text, Le@5 a sentence, Vive@10 a quotation; the capitals are runs.
    std::vector<std::pair<std::string, bool>> got;
    for (const auto& t : a.tokens) got.emplace_back(t.surface, t.sentence_start);
    std::vector<std::pair<std::string, bool>> want = {
        {"Paris", true}, {"a", false},    {"dit", false},   {"Le", true},    {"pari", false}, {"de", false},
        {"Paris", false}, {"Vive", true}, {"Paris", false}, {"ET", true},    {"PARIS", true}, {"BRULE", true}};
    EXPECT_EQ(got, want);
    EXPECT_EQ(a.tokens[6].written, vigie::analysis::Case::kCapitalised);
    EXPECT_EQ(a.tokens[10].written, vigie::analysis::Case::kUpper);
    EXPECT_EQ(analyzer.analyze("l'ONU").tokens[0].written, vigie::analysis::Case::kUpper);
    EXPECT_EQ(analyzer.analyze("l'armée").tokens[0].written, vigie::analysis::Case::kLower);
}

TEST(AnalysisTable, LemmasOfWordsTypedWithoutAccents) {
    vigie::analysis::FrenchAnalyzer analyzer;
    auto lemmas = [&](const char* w) { return analyzer.lemmas(analyzer.analyze_word(w)); };
    EXPECT_EQ(lemmas("armee"), std::vector<std::string>{"armée"});
    auto refugies = lemmas("refugies");  // réfugiés (refugees) or réfugies (take refuge)
    std::sort(refugies.begin(), refugies.end());
    EXPECT_EQ(refugies, (std::vector<std::string>{"réfugier", "réfugié"}));
    auto eleves = lemmas("eleves");  // élèves (pupils) or élevés (raised)
    std::sort(eleves.begin(), eleves.end());
    EXPECT_EQ(eleves, (std::vector<std::string>{"élevé", "élève"}));
    EXPECT_TRUE(lemmas("Moura").empty());
    EXPECT_TRUE(lemmas("les").empty());
}

}  // namespace
