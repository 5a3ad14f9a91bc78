// Entity recognition on small catalogues and gazetteers written here, so
// that each rule is pinned down independently of the shipped data.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/date_mentions.h"
#include "analyzers/entities/gazetteer.h"
#include "analyzers/entities/person_finder.h"

namespace ve = vigie::entities;

namespace {

vigie::analysis::Analysis analyse(const std::string& text) {
    vigie::analysis::FrenchAnalyzer a;
    return a.analyze(text);
}

const char* kActors =
    "id\tlabel\ttype\taffiliation\taliases\tevidence\n"
    "fama\tForces armées maliennes (FAMa)\tstate_force\t\tarmée malienne|soldats maliens|?l'armée|?les militaires\n"
    "wagner\tGroupe Wagner\tforeign_force\t\t?Wagner|wagnériens|mercenaires russes\tmercenaires|"
    "société militaire privée|Russie+Centrafrique|Russie+Mali\n"
    "macron\tEmmanuel Macron\tperson\t\tMacron\n"
    "macina\tKatiba du Macina\tarmed_group\tjnim\t\n"
    "jnim\tJNIM\tarmed_group\t\tGSIM\n"
    "diop\tAbdoulaye Diop\tperson\t\t?Diop\n";

std::map<std::string, std::size_t> actors_in(const std::string& text) {
    ve::ActorCatalogue c(kActors);
    auto a = analyse(text);
    std::map<std::string, std::size_t> out;
    for (auto& m : c.recognise(ve::token_keys(a.tokens), nullptr, &a)) out[m.id] = m.count;
    return out;
}

const char* kPlaces =
    "id\tlabel\ttype\tparent\tlat\tlon\taliases\tflags\tcovers\n"
    "mali\tMali\tcountry\t\t17\t-4\t\t\t\n"
    "france\tFrance\tcountry\t\t46\t2\t\t\t\n"
    "niger\tNiger\tcountry\t\t17\t9\t\t\t\n"
    "tillaberi\tTillabéri\tregion\tniger\t\t\t\t\t\n"
    "koure\tKoure\tvillage\tbankass\t\t\tKouré\thomonym\t\n"
    "koure-ne\tKouré\tvillage\ttillaberi\t\t\t\thomonym\t\n"
    "la\tLa\tvillage\tbankass\t\t\t\t\t\n"
    "mopti\tMopti\tregion\tmali\t\t\t\t\t\n"
    "gao\tGao\tregion\tmali\t\t\t\t\t\n"
    "kidal\tKidal\tregion\tmali\t\t\t\t\t\n"
    "bankass\tBankass\tcercle\tmopti\t\t\t\t\t\n"
    "djenne\tDjenné\tcercle\tmopti\t\t\t\t\t\n"
    "moura\tMoura\tvillage\tdjenne\t\t\tMourra|Moussa\t\t\n"
    "diallassagou\tDiallassagou\tcommune\tbankass\t\t\tDialassagou\t\t\n"
    "amassine\tAmassine\tvillage\tgao\t\t\t\t\t\n"
    "kara\tKara\tvillage\tbankass\t\t\t\tcommon,homonym\t\n"
    "kara-village-gao\tKara\tvillage\tgao\t\t\t\tcommon,homonym\t\n"
    "ogossagou\tOgossagou\tvillage\tdiallassagou\t\t\t\thomonym\t\n"
    "ogossagou-b\tOgossagou\tvillage\tbankass\t\t\t\thomonym\t\n"
    "sahel\tSahel\tarea\t\t\t\t\t\tmali|niger\n"
    "centre-du-mali\tcentre du Mali\tarea\t\t\t\tCentre du Mali\t\tmopti\n";

std::map<std::string, std::size_t> places_in(const std::string& text) {
    ve::Gazetteer g(kPlaces);
    auto a = analyse(text);
    auto keys = ve::token_keys(a.tokens);
    std::map<std::string, std::size_t> out;
    for (auto& m : g.recognise(a, keys, std::vector<bool>(a.tokens.size(), false))) out[m.id] = m.count;
    return out;
}

using Counts = std::map<std::string, std::size_t>;

}  // namespace

TEST(PhraseMatcher, CapitalisedNamesKeepTheirSpellingLowerCaseWordsInflect) {
    vigie::analysis::FrenchAnalyzer a;
    ve::PhraseMatcher m;
    m.add(a, "Mali", 1, 0);
    m.add(a, "soldats maliens", 2, 0);
    m.add(a, "Katiba du Macina", 3, 0);
    m.add(a, "Katiba", 4, 0);
    auto find = [&](const std::string& text) {
        std::vector<std::uint32_t> ids;
        for (auto& x : m.find(ve::token_keys(analyse(text).tokens))) ids.push_back(x.entity);
        return ids;
    };
    EXPECT_EQ(find("le mal est fait"), std::vector<std::uint32_t>{});
    EXPECT_EQ(find("au Mali, un soldat malien"), (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(find("la katiba du Macina"), (std::vector<std::uint32_t>{3}));  // longest first
    EXPECT_EQ(find("la Katiba"), (std::vector<std::uint32_t>{4}));
}

TEST(ActorCatalogue, AliasesAcronymsAndLabels) {
    EXPECT_EQ(actors_in("Les FAMa et les wagnériens"), (Counts{{"fama", 1}, {"wagner", 1}}));
    EXPECT_EQ(actors_in("Les Forces armées maliennes"), (Counts{{"fama", 1}}));
    EXPECT_EQ(actors_in("des soldats maliens et des mercenaires russes"), (Counts{{"fama", 1}, {"wagner", 1}}));
    EXPECT_EQ(actors_in("les combattants de la Katiba du Macina"), (Counts{{"macina", 1}}));
    EXPECT_EQ(actors_in("le GSIM"), (Counts{{"jnim", 1}}));
    // An acronym counts only where the text writes it with its capitals.
    EXPECT_EQ(actors_in("le spectacle de danse Fama revolution"), Counts{});
    EXPECT_EQ(actors_in("LES FAMA ONT REPRIS LA VILLE"), (Counts{{"fama", 1}}));
}

TEST(ActorCatalogue, AmbiguousAliasesNeedEvidence) {
    EXPECT_EQ(actors_in("L'armée a répondu. Les militaires sont partis."), Counts{});
    EXPECT_EQ(actors_in("L'armée malienne a répondu. L'armée est partie."), (Counts{{"fama", 2}}));
    EXPECT_EQ(actors_in("Diop a parlé."), Counts{});
    EXPECT_EQ(actors_in("Abdoulaye Diop a parlé. Diop a insisté."), (Counts{{"diop", 2}}));
}

TEST(ActorCatalogue, AnAliasThatIsAnOrdinaryNameNeedsEvidence) {
    const struct {
        std::string text;
        Counts expected;
    } cases[] = {
        {"le Ring de Wagner à Bayreuth", {}},
        {"Wagner a marqué deux buts", {}},
        {"Wagner est présent au Mali, selon Paris", {}},  // one country is not evidence
        {"Des mercenaires de Wagner", {{"wagner", 1}}},
        {"Wagner, une société militaire privée", {{"wagner", 1}}},
        {"La Russie a envoyé Wagner en Centrafrique", {{"wagner", 1}}},
        {"le Groupe Wagner. Wagner nie.", {{"wagner", 2}}},
        // Another person's name, even with evidence in the report.
        {"Richard Wagner, des mercenaires", {}},
        {"Brigitte Macron et Emmanuel Macron", {{"macron", 1}}},
        {"Emmanuel Macron. Macron a dit.", {{"macron", 2}}},
    };
    for (const auto& c : cases) EXPECT_EQ(actors_in(c.text), c.expected) << c.text;
}

TEST(Gazetteer, PlacesAndTheirParents) {
    EXPECT_EQ(places_in("Des viols à Moura, au Mali."),
              (Counts{{"djenne", 0}, {"mali", 1}, {"mopti", 0}, {"moura", 1}}));
    EXPECT_EQ(places_in("Au Mali, Dialassagou a été attaquée."),
              (Counts{{"bankass", 0}, {"diallassagou", 1}, {"mali", 1}, {"mopti", 0}}));
}

TEST(Gazetteer, PlacesBelowCountryLevelNeedTheirCountry) {
    EXPECT_EQ(places_in("En France, Moura a chanté."), (Counts{{"france", 1}}));
    // The Sahel spans several countries: it says nothing of Moura's.
    EXPECT_EQ(places_in("Dans le Sahel, à Moura."), (Counts{{"sahel", 1}}));
    EXPECT_EQ(places_in("Au Mali, à Moura."), (Counts{{"djenne", 0}, {"mali", 1}, {"mopti", 0}, {"moura", 1}}));
    // A village known by its country alone is written as a place: "à Moura".
    EXPECT_EQ(places_in("Au Mali, Moura a chanté."), (Counts{{"mali", 1}}));
    // Another spelling of a village is too often a city elsewhere ("Bangui").
    EXPECT_EQ(places_in("Au Mali, à Moussa.").count("moura"), 0u);
    EXPECT_EQ(places_in("Au Mali, à Moussa, cercle de Djenné.").count("moura"), 1u);
    // Towns and villages take no article.
    EXPECT_EQ(places_in("Au Mali, la Moura.").count("moura"), 0u);
    // A cercle or region above it is evidence enough.
    EXPECT_EQ(places_in("Moura, cercle de Djenné").count("moura"), 1u);
}

TEST(Gazetteer, HomonymsAcrossCountriesFollowTheReportsCountry) {
    // Niger's Kouré, not Mali's Koure, and no Malian parents.
    EXPECT_EQ(places_in("Six humanitaires tués à Kouré, au Niger. Le Niger, voisin du Mali, pleure."),
              (Counts{{"koure-ne", 1}, {"mali", 1}, {"niger", 2}, {"tillaberi", 0}}));
    // A report on Niger that names Mali once does not make a Malian village of it.
    Counts c = places_in("Au Niger, à Kouré, le Niger et le Niger. Le Mali.");
    EXPECT_EQ(c.count("koure"), 0u);
    EXPECT_EQ(c.count("bankass"), 0u);
    // Neither country named: neither village.
    EXPECT_EQ(places_in("Des girafes à Kouré."), Counts{});
}

TEST(Gazetteer, NamesMediaAcronymsAndPersonsAreNotPlaces) {
    EXPECT_EQ(places_in("Selon France 2, au Mali."), (Counts{{"mali", 1}}));
    EXPECT_EQ(places_in("Météo-France prévoit de la pluie au Mali."), (Counts{{"mali", 1}}));
    EXPECT_EQ(places_in("Le chercheur Jianjun Gao, au Mali."), (Counts{{"mali", 1}}));
    EXPECT_EQ(places_in("Un rapport du GAO, au Mali."), (Counts{{"mali", 1}}));
    EXPECT_EQ(places_in("Au Mali, la région de Gao.").count("gao"), 1u);
    // A place word ending the previous sentence does not make a village of "La".
    EXPECT_EQ(places_in("Au Mali, dans le cercle de Bankass. La situation est calme.").count("la"), 0u);
    // "région de X" where no region bears the name vouches for no village.
    EXPECT_EQ(places_in("Au Mali, dans la région de Moura.").count("moura"), 0u);
    // "base de", "fort de": a site named after the place it stands in.
    EXPECT_EQ(places_in("Au Mali, la base de Moura.").count("moura"), 1u);
    // A country's name is the country, whatever villages bear it.
    EXPECT_EQ(places_in("Au Mali, dans le cercle de Djenné, le Mali.").count("mali"), 1u);
}

TEST(Gazetteer, ACountryInsideAnInstitutionsNameIsNotTheCountry) {
    EXPECT_EQ(places_in("un prix de l'Institut de France, au Mali."), (Counts{{"mali", 1}}));
    EXPECT_EQ(places_in("le patron de la Confédération des Commerçants de France a dit."), Counts{});
    // A capitalised article in mid-sentence opens a name, and the same words
    // elsewhere in the report are that name too.
    EXPECT_EQ(places_in("le leader de La France insoumise a dit que la France insoumise votera."), Counts{});
    // The state itself, a part of the country, a hyphenated region: the country.
    EXPECT_EQ(places_in("le président de la République du Mali a dit."), (Counts{{"mali", 1}}));
    EXPECT_EQ(places_in("les jihadistes dans le Nord du Mali."), (Counts{{"mali", 1}}));
    EXPECT_EQ(places_in("la France rurale et la France des villes."), (Counts{{"france", 2}}));
    EXPECT_EQ(places_in("des Pays-Bas et de France, hier."), (Counts{{"france", 1}}));
}

TEST(Gazetteer, ATieBetweenHomonymsStillGivesTheUnitsAboveAllOfThem) {
    // Two Ogossagou, one under Diallassagou, one right under Bankass: which
    // is unknown, Bankass and Mopti are not.
    EXPECT_EQ(places_in("Au Mali, à Ogossagou."), (Counts{{"bankass", 0}, {"mali", 1}, {"mopti", 0}}));
    // Kara of Bankass or of Gao: only Mali is above both, already named.
    EXPECT_EQ(places_in("Au Mali, à Kara."), (Counts{{"mali", 1}}));
}

TEST(Gazetteer, LabelsTellSameNamePlacesApart) {
    ve::Gazetteer g(kPlaces);
    EXPECT_EQ(g.find("koure")->label, "Koure (village, Bankass)");
    EXPECT_EQ(g.find("koure-ne")->label, "Kouré (village, Tillabéri)");
    EXPECT_EQ(g.find("koure-ne")->name, "Kouré");
    EXPECT_EQ(g.find("moura")->label, "Moura");
}

TEST(Gazetteer, NamesMustBeCapitalised) { EXPECT_EQ(places_in("au Mali, la moura"), (Counts{{"mali", 1}})); }

TEST(Gazetteer, CommonNamesNeedAPlaceWord) {
    EXPECT_EQ(places_in("Au Mali, Kara a dit."), (Counts{{"mali", 1}}));
    Counts c = places_in("Au Mali, le village de Kara, cercle de Bankass.");
    EXPECT_EQ(c.count("kara"), 1u);
    EXPECT_EQ(c.count("kara-village-gao"), 0u);
}

TEST(Gazetteer, HomonymsFollowTheRegionNamed) {
    Counts c = places_in("Région de Gao, Mali : le village de Kara a été attaqué.");
    EXPECT_EQ(c.count("kara-village-gao"), 1u);
    EXPECT_EQ(c.count("kara"), 0u);
}

TEST(Gazetteer, TheReportsRegionWinsOverTheData) {
    Counts c = places_in("Au Mali, des villageois tués à Amassine, dans la région de Kidal.");
    EXPECT_EQ(c.count("amassine"), 1u);
    EXPECT_EQ(c.count("kidal"), 1u);
    EXPECT_EQ(c.count("gao"), 0u);
}

TEST(Gazetteer, Areas) {
    Counts c = places_in("Les violences dans le centre du Mali.");
    EXPECT_EQ(c.count("centre-du-mali"), 1u);
}

TEST(Persons, TitleBeforeOrAfter) {
    auto find = [](const std::string& text) {
        auto a = analyse(text);
        auto keys = ve::token_keys(a.tokens);
        std::vector<std::string> ids;
        for (auto& p : ve::find_persons(a.text, a.tokens, keys, std::vector<bool>(a.tokens.size(), false)))
            ids.push_back(p.id);
        return ids;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(find("a estimé Drissa Traoré, son secrétaire général, qui rappelle"), V{"drissa-traore"});
    EXPECT_EQ(find("Le ministre russe des Affaires étrangères Sergueï Lavrov a promis"), V{"serguei-lavrov"});
    EXPECT_EQ(find("le colonel Assimi Goïta"), V{"assimi-goita"});
    EXPECT_EQ(find("le chef jihadiste Iyad Ag Ghaly"), V{"iyad-ag-ghaly"});
    EXPECT_EQ(find("Selon des sources locales, le Mali"), V{});
    EXPECT_EQ(find("le président a parlé à Bamako"), V{});
}

TEST(Persons, WholeNamesOfPersonsOnly) {
    auto find = [](const std::string& text) {
        auto a = analyse(text);
        auto keys = ve::token_keys(a.tokens);
        std::vector<std::string> labels;
        for (auto& p : ve::find_persons(a.text, a.tokens, keys, std::vector<bool>(a.tokens.size(), false)))
            labels.push_back(p.label);
        return labels;
    };
    using V = std::vector<std::string>;
    const struct {
        std::string text;
        V expected;
    } cases[] = {
        {"le directeur de l'Institut Pasteur a dit", {}},
        {"le procureur de la République de Reims a dit", {}},
        {"il habitait rue Abel Hovelacque", {}},
        {"les élèves du collège Victor Hugo", {}},
        {"une Aston Martin DB11 a été volée", {}},
        {"paru aux éditions Odile Jacob", {}},
        {"l'avocat Pierre-Olivier Sur a plaidé", {"Pierre-Olivier Sur"}},
        {"le ministre Jean-Yves Le Drian a dit", {"Jean-Yves Le Drian"}},
        {"le gouvernement d'Edouard Philippe a dit", {"Edouard Philippe"}},
        {"l'ancien président de Serbie Milan Milutinovic", {"Milan Milutinovic"}},
        {"le prix de Diane Longines", {}},
        {"sur l'axe Saint-Denis-Massy", {}},
        {"explique Lucas Legendre de l'Université du Texas", {"Lucas Legendre"}},
    };
    for (const auto& c : cases) EXPECT_EQ(find(c.text), c.expected) << c.text;
}

TEST(DateMentions, YearsComeFromTheTextOrTheReport) {
    auto values = [](const std::string& text, const std::string& report) {
        std::vector<std::string> out;
        for (auto& d : ve::find_dates(text, report)) out.push_back(d.value);
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(values("tuées le 19 mai à Amassine", "2022-06"), V{"2022-05-19"});
    EXPECT_EQ(values("tuées le 19 mai à Amassine", "2022-03"), V{"2021-05-19"});
    EXPECT_EQ(values("tuées le 19 mai à Amassine", ""), V{"--05-19"});
    EXPECT_EQ(values("en août 2020 et le 1er juin 2021", ""), (V{"2020-08", "2021-06-01"}));
    EXPECT_EQ(values("une opération menée fin mars", "2022-11"), V{"2022-03"});
    EXPECT_EQ(values("depuis début 2022", ""), V{"2022"});
    EXPECT_EQ(values("elle mai", ""), V{});
    auto d = ve::find_dates("Dans la nuit du samedi 18 juin au dimanche 19 juin", "2022-06");
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0].text, "18 juin");
    EXPECT_EQ(d[1].value, "2022-06-19");
}

// Found probing inputs longer than the fuzzers' 4 KB: libstdc++'s regex
// recursed once per space of a long run of white space and overflowed the
// stack.
TEST(DateMentions, LongRunsOfSpaceDoNotExhaustTheStack) {
    std::string text = "tuées le 19" + std::string(1000000, ' ') + "mai 2022, puis le 18\t\tjuin";
    std::vector<std::string> values;
    for (auto& d : ve::find_dates(text, "2022-06")) values.push_back(d.value);
    EXPECT_EQ(values, (std::vector<std::string>{"2022-05", "2022-06-18"}));
}
