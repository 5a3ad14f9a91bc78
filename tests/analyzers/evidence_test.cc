// The evidence rules of analyzers/entities/evidence.h, one table each: the
// word (by its spelling) whose surroundings are asked about, and the answer.
#include <gtest/gtest.h>

#include "analyzers/entities/evidence.h"

namespace ev = vigie::entities::evidence;

namespace {

struct At {
    vigie::analysis::Analysis a;
    std::vector<vigie::entities::TokenKeys> keys;
    std::size_t i = 0;  // the first token spelt `word`
};

At at(const std::string& text, const std::string& word) {
    vigie::analysis::FrenchAnalyzer analyzer;
    At r{analyzer.analyze(text), {}, 0};
    r.keys = vigie::entities::token_keys(r.a.tokens);
    while (r.i < r.a.tokens.size() && r.a.tokens[r.i].surface != word) ++r.i;
    EXPECT_LT(r.i, r.a.tokens.size()) << word << " not in " << text;
    return r;
}

struct Case {
    std::string text, word;
    bool expected;
};

}  // namespace

TEST(Evidence, ACountryOrPlaceInsideALongerNameIsThatName) {
    const Case cases[] = {
        {"selon France 2, hier", "France", true},          // a channel
        {"a indiqué Météo-France mardi", "France", true},  // an institution, by a hyphen
        {"un vol d'Air Canada", "Canada", true},           // a company
        {"la chaîne France Bleu Nord", "France", true},
        {"le chercheur Jianjun Gao a dit", "Gao", true},   // a person
        {"Gao Feng, un ingénieur", "Gao", true},
        {"En France, la pluie", "France", false},          // "En" is a stop word
        {"au Mali et en France", "France", false},
        {"à Gao, au Mali", "Gao", false},
        {"l'armée du Mali a", "Mali", false},
    };
    for (const Case& c : cases) {
        At r = at(c.text, c.word);
        EXPECT_EQ(ev::glued_to_name(r.a.text, r.a.tokens, r.keys, {}, r.i, r.i), c.expected) << c.text;
    }
}

TEST(Evidence, AWordInCapitalsAmidLowerCaseIsAnAcronym) {
    const Case cases[] = {
        {"un rapport du GAO américain", "GAO", true},
        {"selon la FAO, la faim", "FAO", true},
        {"ATTAQUE MEURTRIÈRE À GAO", "GAO", false},  // a title in capitals
        {"à Gao, hier", "Gao", false},
    };
    for (const Case& c : cases) {
        At r = at(c.text, c.word);
        EXPECT_EQ(ev::isolated_capitals(r.a.tokens, r.i), c.expected) << c.text;
    }
}

TEST(Evidence, APlaceWordAnnouncesTheTypeInTheSameSentence) {
    const struct {
        std::string text, word, cue;
    } cases[] = {
        {"dans la région de Mopti", "Mopti", "region"},
        {"le cercle du Macina", "Macina", "cercle"},
        {"au village d'Ogossagou", "d'Ogossagou", "village"},
        {"la localité de Boulkessi", "Boulkessi", "village"},
        {"calme dans la région. La situation", "La", ""},  // not over a full stop
        {"à Mopti", "Mopti", ""},
    };
    for (const auto& c : cases) {
        At r = at(c.text, c.word);
        EXPECT_EQ(ev::place_cue(r.a.text, r.a.tokens, r.i), c.cue) << c.text;
    }
}

TEST(Evidence, TownsAndVillagesTakeNoArticle) {
    const Case cases[] = {
        {"virtuose de la Kora", "Kora", true},
        {"dans l'Ogossagou", "l'Ogossagou", true},
        {"à Kora, au Mali", "Kora", false},
        {"près de Kora", "Kora", false},
    };
    for (const Case& c : cases) {
        At r = at(c.text, c.word);
        EXPECT_EQ(ev::article_before(r.a.tokens, r.i), c.expected) << c.text;
    }
}

TEST(Evidence, ACueRulesOutPlacesOfAnotherType) {
    EXPECT_TRUE(ev::fits_cue("", "village"));
    EXPECT_TRUE(ev::fits_cue("region", "region"));
    EXPECT_TRUE(ev::fits_cue("region", "area"));  // "la région du Sahel"
    EXPECT_TRUE(ev::fits_cue("village", "town"));
    EXPECT_FALSE(ev::fits_cue("region", "village"));  // "région de Beni": not a Malian village
    EXPECT_FALSE(ev::fits_cue("village", "region"));
}

TEST(Evidence, TheReportsCountryIsTheOneItSpeaksOf) {
    ev::CountryEvidence e;
    e.add("niger", 5);
    e.add("mali", 1);
    e.add("france", 3);
    EXPECT_TRUE(e.leads("niger"));
    EXPECT_FALSE(e.leads("mali"));     // named once in a report on Niger
    EXPECT_TRUE(e.leads("france"));    // named at least half as often as the first
    EXPECT_FALSE(e.leads("burkina-faso"));  // not named at all
    EXPECT_EQ(ev::demonym_country("maliennes"), "mali");
    EXPECT_EQ(ev::demonym_country("burkinabe"), "burkina-faso");
    EXPECT_EQ(ev::demonym_country("nigeriens"), "niger");
    EXPECT_EQ(ev::demonym_country("nigerians"), "");
}

TEST(Evidence, NamesGivenToThingsAreNotPersons) {
    const Case cases[] = {
        {"rue Abel Hovelacque", "Abel", true},
        {"au collège Victor Hugo", "Victor", true},
        {"l'Institut Pasteur", "Pasteur", true},
        {"le ministre Abel Hovelacque", "Abel", false},
    };
    for (const Case& c : cases) {
        At r = at(c.text, c.word);
        EXPECT_EQ(ev::named_after(r.a.tokens, r.i), c.expected) << c.text;
    }
    EXPECT_TRUE(ev::organisation_word(at("l'Institut Pasteur", "l'Institut").a.tokens[0]));
    EXPECT_TRUE(ev::organisation_word(at("la République", "République").a.tokens[1]));
    EXPECT_FALSE(ev::organisation_word(at("Pierre Dupont", "Pierre").a.tokens[0]));
}
