// Issue 15, cases 1, 2, 3 and 18: a hostile or odd file is indexed (or
// failed by name) without taking the run down, and the files beside it are
// indexed.
#include <gtest/gtest.h>

#include <string>

#include "run_vigie.h"

namespace {

using vigie::testing::indexed_ids;
using vigie::testing::Outcome;
using vigie::testing::search_total;
using vigie::testing::TempDir;
using vigie::testing::vigie;

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

const std::string kNeighbour = "Rapport voisin\n\nDes témoins décrivent des exactions à Ségou en 2022.\n";

struct HostileFile {
    const char* name;
    const char* file;
    std::string content;
    const char* searchable;  // a word the indexed report must be found by
};

void PrintTo(const HostileFile& c, std::ostream* os) { *os << c.name; }

// Every row: the run ends with status 0, the file and its neighbour indexed.
class HostileReaders : public ::testing::TestWithParam<HostileFile> {};

TEST_P(HostileReaders, IndexedAndNeighbourIndexed) {
    const HostileFile& c = GetParam();
    TempDir tmp;
    tmp.write(std::string("r/") + c.file, c.content);
    tmp.write("r/zz-voisin.txt", kNeighbour);
    std::string db = tmp / "db";
    Outcome r = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_EQ(indexed_ids(db, tmp).size(), 2u) << r.err;
    EXPECT_EQ(search_total(db, "Ségou", tmp), 1);
    EXPECT_GE(search_total(db, c.searchable, tmp), 1) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Issue15, HostileReaders,
    ::testing::Values(
        // Case 1: 60,000 nested elements (780 KB) overflowed the stack of a
        // recursive walk of the tree.
        HostileFile{"deep_html", "profond.html",
                    "<html><head><title>Page profonde</title></head><body>" + repeat("<span>", 60000) +
                        "Massacre signalé à Diallassagou" + "</body></html>",
                    "Diallassagou"},
        HostileFile{"deep_html_divs", "blocs.html",
                    "<html><body><article>" + repeat("<section><div>", 3000) + "Attaque près de Boulkessi" +
                        "</article></body></html>",
                    "Boulkessi"},
        // Case 2: a 32 KB Markdown line with emphasis marks; std::regex
        // recursed per character.
        HostileFile{"long_markdown_line", "ligne.md",
                    "---\ntitle: t\n---\nSelon le rapport_final " +
                        repeat("Les soldats ont tué des civils à Mopti. ", 800) + "\n",
                    "Mopti"},
        HostileFile{"markdown_brackets", "crochets.md",
                    "---\ntitle: crochets\n---\n" + repeat("[", 40000) + " Tombouctou " + repeat("*_`>", 10000) +
                        "\n",
                    "Tombouctou"},
        // Case 3: an actor of 40 words made an index term over Xapian's
        // limit ("Key too long"), which escaped the run.
        HostileFile{"long_actor", "acteur.md",
                    "---\ntitle: Acteur\nactors: [" + repeat("Mamadou ", 40) + "]\n---\nRapport sur Kidal.\n",
                    "Kidal"},
        HostileFile{"long_word", "mot.txt", "Mot long\n\nKoro " + repeat("é", 400) + " fin.\n", "Koro"}),
    [](const auto& info) { return std::string(info.param.name); });

// Case 18: a UTF-8 byte-order mark before the front matter.
TEST(Issue15, MarkdownWithByteOrderMarkKeepsItsFrontMatter) {
    TempDir tmp;
    tmp.write("r/bom.md", "\xEF\xBB\xBF---\ntitle: Rapport de Ménaka\ndate: 2021-03-04\n---\nDes civils tués.\n");
    std::string db = tmp / "db";
    Outcome r = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    ASSERT_EQ(r.status, 0) << r.err;
    Outcome s = vigie({"search", "--db", db, "--json", "civils"}, tmp);
    auto j = s.json();
    ASSERT_EQ(j["total"], 1) << s.out;
    EXPECT_EQ(j["hits"][0]["title"], "Rapport de Ménaka");
    EXPECT_EQ(j["hits"][0]["date"], "2021-03-04");
}

}  // namespace
