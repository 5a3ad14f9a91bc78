#include <gtest/gtest.h>

#include "indexer/text_cleaner.h"

using vigie::indexer::clean_report_text;
using vigie::indexer::make_title;
using vigie::indexer::parse_header_date;

TEST(TextCleaner, DateHeaderOnTheFirstLine) {
    auto c = clean_report_text(" date 2022-11 Après deux coups d'Etat, la junte.\n\nSuite.");
    EXPECT_EQ(c.date, "2022-11");
    EXPECT_EQ(c.title, "Après deux coups d'Etat, la junte.");
    EXPECT_EQ(c.body, "Après deux coups d'Etat, la junte.\n\nSuite.");
}

TEST(TextCleaner, DateHeaderAlone) {
    auto c = clean_report_text("date 2023-05-19\nTitre\nCorps");
    EXPECT_EQ(c.date, "2023-05-19");
    EXPECT_EQ(c.title, "Titre");
}

TEST(TextCleaner, NoHeaderNoDate) {
    auto c = clean_report_text("Une trentaine de personnes ont été tuées le 19 mai à Amassine.");
    EXPECT_EQ(c.date, "");
}

TEST(TextCleaner, WebBoilerplateRemoved) {
    const char* page =
        "Home » Titre du site\n\nTitre de l'article\n\nby Jamesbcn\n0 comments\n\nPublié le: Modifié:\n\n"
        "Premier paragraphe du texte.\n\nSecond paragraphe.\n\nDernier paragraphe, bien plus long que "
        "les autres pour que le pied de page soit dans la seconde moitié du texte.\n\n"
        "You may also like\n\nMaghreb Daily News Votre nouveau journal.\n\nFollow us\n\n"
        "©2022 Maghreb Daily News. All Right Reserved.";
    auto c = clean_report_text(page);
    EXPECT_EQ(c.title, "Titre de l'article");
    EXPECT_EQ(c.body.find("Home"), std::string::npos);
    EXPECT_EQ(c.body.find("Jamesbcn"), std::string::npos);
    EXPECT_EQ(c.body.find("comments"), std::string::npos);
    EXPECT_EQ(c.body.find("Publié"), std::string::npos);
    EXPECT_EQ(c.body.find("You may"), std::string::npos);
    EXPECT_EQ(c.body.find("Maghreb"), std::string::npos);
    EXPECT_EQ(c.body.find("Follow"), std::string::npos);
    EXPECT_EQ(c.body.find("Reserved"), std::string::npos);
    EXPECT_NE(c.body.find("Premier paragraphe"), std::string::npos);
    EXPECT_NE(c.body.find("Dernier paragraphe"), std::string::npos);
}

TEST(TextCleaner, TitleRepeatedAfterBreadcrumbIsDroppedOnce) {
    auto c = clean_report_text("Home » Lavrov au Mali\n\nLavrov au Mali\n\nLe texte.");
    EXPECT_EQ(c.title, "Lavrov au Mali");
    EXPECT_EQ(c.body, "Lavrov au Mali\n\nLe texte.");
}

TEST(TextCleaner, ProseStartingWithParIsKept) {
    auto c = clean_report_text("Titre\nPar ailleurs l'armée\nPar Jean Dupont\nFin.");
    EXPECT_NE(c.body.find("Par ailleurs"), std::string::npos);
    EXPECT_EQ(c.body.find("Dupont"), std::string::npos);
}

TEST(TextCleaner, PublicationLineGivesTheDate) {
    auto c = clean_report_text("Titre\nPublié le 5 novembre 2022 à 10h\nTexte.");
    EXPECT_EQ(c.date, "2022-11-05");
}

TEST(HeaderDate, Formats) {
    EXPECT_EQ(parse_header_date("2022-11-05"), "2022-11-05");
    EXPECT_EQ(parse_header_date("05/11/2022"), "2022-11-05");
    EXPECT_EQ(parse_header_date("Publié le 1er août 2021"), "2021-08-01");
    EXPECT_EQ(parse_header_date("juin 2022"), "2022-06");
    EXPECT_EQ(parse_header_date("en 2019"), "2019");
    EXPECT_EQ(parse_header_date("Modifié:"), "");
    // A date that does not exist is no date, not its year (issue 15, case 19).
    EXPECT_EQ(parse_header_date("2022-13"), "");
    EXPECT_EQ(parse_header_date("2022-13-45"), "");
    EXPECT_EQ(parse_header_date("2022-02-30"), "");
    EXPECT_EQ(parse_header_date("2024-02-29"), "2024-02-29");
    EXPECT_EQ(parse_header_date("99999-01-01"), "");
    EXPECT_EQ(parse_header_date("2022-05-19T10:00:00+02:00"), "2022-05-19");
}

TEST(Title, LongLineIsShortened) {
    std::string line(300, 'a');
    for (std::size_t i = 5; i < line.size(); i += 6) line[i] = ' ';
    std::string t = make_title(line);
    EXPECT_LE(t.size(), 160u);
    EXPECT_EQ(t.substr(t.size() - 3), "\u2026");
    EXPECT_EQ(make_title("Court."), "Court.");
}

// Found probing inputs longer than the fuzzers' 4 KB: the date header, the
// comment counter and the header date were std::regex patterns with \s+ or
// \d+, and libstdc++'s matcher recursed once per character of a long run and
// overflowed the stack.
TEST(TextCleaner, LongRunsOfSpaceOrDigitsDoNotExhaustTheStack) {
    const std::string spaces(1000000, ' ');
    auto c = clean_report_text(" date 2022-11" + spaces + "Titre\n" + std::string(1000000, '7') + " comments\n" +
                               "12" + spaces + "commentaires\nSuite.");
    EXPECT_EQ(c.date, "2022-11");
    EXPECT_EQ(c.title, "Titre");
    EXPECT_EQ(c.body.find("comment"), std::string::npos);
    EXPECT_NE(c.body.find("Suite."), std::string::npos);
    EXPECT_EQ(clean_report_text(spaces + "date" + spaces + "2021-03-14").date, "2021-03-14");
    EXPECT_EQ(parse_header_date("Publié le 5" + spaces + "novembre" + spaces + "2022"), "2022-11-05");
}

TEST(TextCleaner, DateHeaderNeedsAWholeDate) {
    EXPECT_EQ(clean_report_text("date 2023-05-19\tTitre").date, "2023-05-19");
    EXPECT_EQ(clean_report_text("date 2022-11-0512 Titre").date, "");
    EXPECT_EQ(clean_report_text("date 2022-11-\nTitre").date, "");
    EXPECT_EQ(clean_report_text("  date 2022-1 Titre").date, "");
    EXPECT_EQ(clean_report_text("date 2022-11-05").title, "");
    EXPECT_EQ(clean_report_text("dates 2022 Titre").title, "dates 2022 Titre");
}
