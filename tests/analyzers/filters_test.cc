// Each analysis step alone.
#include <gtest/gtest.h>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/elision.h"
#include "analyzers/word_list.h"
#include "analyzers/tokenizer.h"
#include "analyzers/unicode_text.h"

namespace va = vigie::analysis;

TEST(Normalizer, ComposesToNfc) { EXPECT_EQ(va::normalize_nfc("e\u0301tat"), "\u00E9tat"); }

TEST(Normalizer, ReplacesInvalidUtf8) {
    EXPECT_EQ(va::normalize_nfc("a\xFF" "b"), "a\uFFFD" "b");
    EXPECT_EQ(va::normalize_nfc("\xE2\x82"), "\uFFFD");
}

TEST(Normalizer, AsciiUnchanged) { EXPECT_EQ(va::normalize_nfc("Mali 2022"), "Mali 2022"); }

TEST(Tokenizer, WordsAndOffsets) {
    auto t = va::tokenize("Le 19 mai, à Amassine.");
    ASSERT_EQ(t.size(), 5u);
    EXPECT_EQ(t[2].text, "mai");
    EXPECT_EQ(t[3].text, "à");
    EXPECT_EQ(t[3].begin, 11u);
    EXPECT_EQ(t[3].end, 13u);
    EXPECT_EQ(t[1].kind, va::TokenKind::kNumber);
}

TEST(Tokenizer, ApostrophesJoinLettersOnly) {
    auto t = va::tokenize("l\u2019armée ' 'x y' l'");
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0].text, "l'armée");
    EXPECT_EQ(t[1].text, "x");
    EXPECT_EQ(t[2].text, "y");
    EXPECT_EQ(t[3].text, "l");
}

TEST(Tokenizer, HyphensSplit) {
    auto t = va::tokenize("Al-Qaïda");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1].text, "Qaïda");
}

TEST(Tokenizer, FrenchNumbers) {
    auto t = va::tokenize("2,5 millions, 17 557 et 2020 300, 12 3456");
    std::vector<std::string> texts;
    for (auto& x : t) texts.push_back(x.text);
    EXPECT_EQ(texts, (std::vector<std::string>{"2,5", "millions", "17557", "et", "2020", "300", "12", "3456"}));
}

TEST(CaseFolder, FullFoldingAndLigatures) {
    EXPECT_EQ(va::fold_case("ÉTAT"), "état");
    EXPECT_EQ(va::fold_case("Œuvre"), "oeuvre");
    EXPECT_EQ(va::fold_case("Æ"), "ae");
    EXPECT_EQ(va::fold_case("Straße"), "strasse");
    EXPECT_EQ(va::fold_case("MALI"), "mali");
}

TEST(AccentFolder, RemovesDiacritics) {
    EXPECT_EQ(va::fold_accents("ségou"), "segou");
    EXPECT_EQ(va::fold_accents("goïta"), "goita");
    EXPECT_EQ(va::fold_accents("ça"), "ca");
    EXPECT_EQ(va::fold_accents("øl"), "ol");
    EXPECT_EQ(va::fold_accents("plain"), "plain");
}

// The byte-table fast path must agree with the ICU path on every character
// it handles, alone and inside words, and hand anything else to ICU.
TEST(AccentFolder, FastPathAgreesWithIcu) {
    auto utf8 = [](char32_t c) {
        std::string s;
        if (c < 0x80) s += static_cast<char>(c);
        else if (c < 0x800) s += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
        else s += {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                   static_cast<char>(0x80 | (c & 0x3F))};
        return s;
    };
    for (char32_t c = 1; c < 0x2100; ++c) {
        if (c >= 0xD800) break;
        std::string s = "x" + utf8(c) + "y";
        ASSERT_EQ(va::fold_accents(s), va::detail::fold_accents_icu(s)) << "U+" << std::hex << static_cast<unsigned>(c);
    }
    for (const char* s : {"e\xCC\x81t\xC3\xA9", "Ségou — «Mopti»", "\xC5\x93uvre", "Łódź", "Ñoño ÆØ", "trunc\xC3"})
        EXPECT_EQ(va::fold_accents(s), va::detail::fold_accents_icu(s)) << s;
}

TEST(Elision, StripsClitics) {
    EXPECT_EQ(va::strip_elision("l'armée"), "armée");
    EXPECT_EQ(va::strip_elision("qu'il"), "il");
    EXPECT_EQ(va::strip_elision("jusqu'au"), "au");
    EXPECT_EQ(va::strip_elision("aujourd'hui"), "aujourd'hui");
    EXPECT_EQ(va::strip_elision("l'"), "l'");
    EXPECT_EQ(va::strip_elision("armée"), "armée");
}

TEST(StopWords, FrenchList) {
    const auto& s = va::WordList::french_stop_words();
    EXPECT_TRUE(s.contains("le"));
    EXPECT_TRUE(s.contains("du"));
    EXPECT_TRUE(s.contains("a"));  // à and a after folding
    EXPECT_FALSE(s.contains("ete"));   // été: summer
    EXPECT_FALSE(s.contains("armee"));
    EXPECT_GT(s.size(), 100u);
}

TEST(StopWords, ParsesCommentsAndFolds) {
    va::WordList s("# comment\n  Été \nle # trailing\n\n");
    EXPECT_TRUE(s.contains("ete"));
    EXPECT_TRUE(s.contains("le"));
    EXPECT_EQ(s.size(), 2u);
}
