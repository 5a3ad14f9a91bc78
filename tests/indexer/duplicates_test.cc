// Duplicates (docs/duplicates.md): comparison words, shingles, MinHash
// estimates and grouping, table-driven.
#include <gtest/gtest.h>

#include <set>

#include "indexer/duplicates.h"

namespace {

using namespace vigie::indexer;

const std::string kStory =
    "Des hommes armés ont attaqué mardi le village de Ogossagou dans le centre du Mali, tuant au moins trente "
    "civils selon les autorités locales. Les assaillants sont arrivés à moto avant l'aube et ont incendié des "
    "greniers et des maisons. Le gouvernement a dépêché des renforts militaires dans la région de Mopti et "
    "promis une enquête. Les habitants rescapés ont fui vers Bankass où une aide d'urgence est distribuée par "
    "des organisations humanitaires qui demandent la protection des civils.";

// kStory with two words changed: an agency's copy with small edits.
const std::string kEdited =
    "Des hommes armés ont attaqué lundi le village de Ogossagou dans le centre du Mali, tuant au moins trente "
    "civils selon les autorités régionales. Les assaillants sont arrivés à moto avant l'aube et ont incendié des "
    "greniers et des maisons. Le gouvernement a dépêché des renforts militaires dans la région de Mopti et "
    "promis une enquête. Les habitants rescapés ont fui vers Bankass où une aide d'urgence est distribuée par "
    "des organisations humanitaires qui demandent la protection des civils.";

const std::string kOther =
    "Le conseil municipal de Lyon a voté jeudi le budget des écoles pour la rentrée, avec de nouveaux crédits "
    "pour la rénovation des cantines et des cours de récréation, après un long débat sur les transports.";

TEST(Duplicates, ComparisonWords) {
    struct Case {
        std::string text;
        std::vector<std::string> words;
    } cases[] = {
        {"", {}},
        {"  ,;. ", {}},
        {"Le MALI, 2020 !", {"le", "mali", "2020"}},
        {"l'armée", {"l", "armée"}},  // bytes over 0x7F stay in the word
        {"Gao\nKidal", {"gao", "kidal"}},
    };
    for (const Case& c : cases) EXPECT_EQ(comparison_words(c.text), c.words) << c.text;
}

TEST(Duplicates, Shingles) {
    struct Case {
        std::vector<std::string> words;
        std::size_t count;
    } cases[] = {
        {{}, 0},
        {{"un"}, 1},                                  // fewer than 5 words: one shingle of them all
        {{"a", "b", "c", "d", "e"}, 1},
        {{"a", "b", "c", "d", "e", "f", "g"}, 3},
        {{"a", "b", "c", "d", "e", "a", "b", "c", "d", "e"}, 5},  // distinct: the 6th repeats the 1st
    };
    for (const Case& c : cases) EXPECT_EQ(shingles(c.words).size(), c.count) << c.words.size() << " words";
}

double true_jaccard(const std::string& a, const std::string& b) {
    auto sa = shingles(comparison_words(a)), sb = shingles(comparison_words(b));
    std::set<std::uint64_t> x(sa.begin(), sa.end()), y(sb.begin(), sb.end()), all = x;
    all.insert(y.begin(), y.end());
    std::size_t both = 0;
    for (auto v : x) both += y.count(v);
    return static_cast<double>(both) / static_cast<double>(all.size());
}

TEST(Duplicates, MinHashEstimatesJaccard) {
    struct Case {
        std::string a, b;
        double low, high;  // the estimate's expected range
    } cases[] = {
        {kStory, kStory, 1.0, 1.0},
        {kStory, kEdited, 0.55, 0.95},
        {kStory, kOther, 0.0, 0.1},
        {kStory, kStory + " " + kOther, 0.5, 0.9},  // a copy with a paragraph added
    };
    for (const Case& c : cases) {
        double est = estimated_jaccard(min_hash(shingles(comparison_words(c.a))), min_hash(shingles(comparison_words(c.b))));
        EXPECT_GE(est, c.low) << c.b.substr(0, 40);
        EXPECT_LE(est, c.high) << c.b.substr(0, 40);
        EXPECT_NEAR(est, true_jaccard(c.a, c.b), 0.15) << c.b.substr(0, 40);
    }
}

TEST(Duplicates, FingerprintRoundTrip) {
    Fingerprint f = fingerprint("Titre", kStory, "orangesum-12", "orangesum-3");
    auto back = decode_fingerprint(encode(f));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->exact, f.exact);
    EXPECT_EQ(back->minhash, f.minhash);
    EXPECT_EQ(back->id, "orangesum-12");
    EXPECT_EQ(back->duplicate_of, "orangesum-3");
    EXPECT_FALSE(decode_fingerprint("short"));
    EXPECT_EQ(fingerprint("", " ; ", "x", "").exact, 0u);  // no words: nobody's copy
}

TEST(Duplicates, GroupKeys) {
    struct Case {
        std::string name;
        std::vector<Fingerprint> prints;
        std::vector<std::string> keys;
    } cases[] = {
        {"exact copies, titles alike",
         {fingerprint("Attaque", kStory, "b", ""), fingerprint("Attaque", kStory, "a", "")},
         {"a", "a"}},
        {"a feed's duplicate_of, whatever the text",
         {fingerprint("Un", kStory, "a", ""), fingerprint("Deux", kOther, "b", "a")},
         {"a", "a"}},
        {"duplicate_of a report not in the index",
         {fingerprint("Un", kStory, "a", ""), fingerprint("Deux", kOther, "b", "zz")},
         {"a", "b"}},
        {"near copy with small edits",
         {fingerprint("Attaque", kStory, "x1", ""), fingerprint("Attaque", kEdited, "x2", "")},
         {"x1", "x1"}},
        {"unrelated",
         {fingerprint("Attaque", kStory, "a", ""), fingerprint("Lyon", kOther, "b", "")},
         {"a", "b"}},
        {"empty texts are not one story",
         {fingerprint("", "", "a", ""), fingerprint("", "", "b", "")},
         {"a", "b"}},
        {"transitive: c copies b, b near a",
         {fingerprint("Attaque", kStory, "a", ""), fingerprint("Attaque", kEdited, "b", ""),
          fingerprint("Autre", kOther, "c", "b")},
         {"a", "a", "a"}},
    };
    for (const Case& c : cases) EXPECT_EQ(group_keys(c.prints), c.keys) << c.name;
}

}  // namespace
