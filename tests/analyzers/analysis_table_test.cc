// Table-driven tests of the whole French chain: each row is an input and the
// stems it must yield with their positions (stop words in [brackets]).
#include <gtest/gtest.h>

#include "analyzers/french_analyzer.h"

namespace {

struct Row {
    const char* input;
    const char* expected;
};

const Row kRows[] = {
    // Elision, every clitic, every apostrophe.
    {"l'armée", "armé@1"},
    {"L\u2019armée", "armé@1"},
    {"l\u02BCarmée", "armé@1"},
    {"L'ARMÉE", "armé@1"},
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
    {"s'est", "est@1"},
    {"t'aime", "aim@1"},
    {"aujourd'hui", "aujourd'hui@1"},
    {"Jama'at", "jama'at@1"},
    {"qu\u2019Al-Qaïda", "al@1 qaïd@2"},
    // Hyphens, numbers, quotes.
    {"Al-Qaïda", "al@1 qaïd@2"},
    {"Côte d'Ivoire", "côt@1 ivoir@2"},
    {"week-end", "week@1 end@2"},
    {"ÉTATS-UNIS", "état@1 unis@2"},
    {"2,5 millions", "2,5@1 million@2"},
    {"3.5", "3.5@1"},
    {"17 557 déplacés", "17557@1 déplac@2"},
    {"17\u202F557", "17557@1"},
    {"1 300 000", "1300000@1"},
    {"2020 300 soldats", "2020@1 300@2 soldat@3"},
    {"« guillemets »", "guillemet@1"},
    {"\"instructeurs\"", "instructeur@1"},
    // Case folding and ligatures.
    {"œuvre", "oeuvr@1"},
    {"Œuvre", "oeuvr@1"},
    {"oeuvre", "oeuvr@1"},
    {"cæcum", "caecum@1"},
    {"Straße", "strass@1"},
    // Accents kept for stemming.
    {"Ségou", "ségou@1"},
    {"Segou", "segou@1"},
    {"Goïta", "goït@1"},
    {"e\u0301tat", "état@1"},
    {"armée armées", "armé@1 armé@2"},
    {"armes arme", "arme@1 arme@2"},
    // Snowball French.
    {"massacre massacres", "massacr@1 massacr@2"},
    {"tué tués tuées", "tu@1 tu@2 tu@3"},
    {"civil civils", "civil@1 civil@2"},
    {"malien malienne maliennes", "malien@1 malien@2 malien@3"},
    {"réfugiés réfugiée", "réfugi@1 réfugi@2"},
    // Stop words keep their positions, for phrases.
    {"coup d'État", "coup@1 état@2"},
    {"Katiba du Macina", "katib@1 [du]@2 macin@3"},
    {"le groupe Wagner", "[le]@1 group@2 wagn@3"},
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

TEST(AnalysisTable, SnippetStemmerAppliesTheWholeChain) {
    Xapian::Stem stem = vigie::analysis::FrenchAnalyzer::snippet_stemmer();
    EXPECT_EQ(stem("l'armée"), "armé");
    EXPECT_EQ(stem("L\u2019ARMÉE"), "armé");
    EXPECT_EQ(stem("œuvres"), stem("oeuvre"));
}

}  // namespace
