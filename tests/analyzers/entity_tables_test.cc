// The compiled entity tables (docs/entity-tables.md): what the build linked
// into Vigie is the data of analyzers/data/ compiled, it reads back to the
// same places and actors, the flat phrase matcher finds what the trie found,
// and extraction through the built-in tables is that of the source tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"
#include "analyzers/entities/tsv.h"
#include "analyzers/entity_extractor.h"

namespace ve = vigie::entities;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string& places_tsv() {
    static const std::string s = slurp(VIGIE_SOURCE_DIR "/analyzers/data/places.tsv");
    return s;
}
const std::string& actors_tsv() {
    static const std::string s = slurp(VIGIE_SOURCE_DIR "/analyzers/data/actors.tsv");
    return s;
}
// The tables compiled here, from the source files, as the build tool does.
const ve::Gazetteer& source_places() {
    static const ve::Gazetteer g(places_tsv());
    return g;
}
const ve::ActorCatalogue& source_actors() {
    static const ve::ActorCatalogue c(actors_tsv());
    return c;
}

// "actor:id*count place:id*count ..." of a text, by the given tables, as
// extract_entities() reads a report (actors first, their words covered).
std::string entities_of(const std::string& text, const ve::ActorCatalogue& actors, const ve::Gazetteer& places) {
    vigie::analysis::FrenchAnalyzer analyzer;
    auto a = analyzer.analyze(text);
    auto keys = ve::token_keys(a.tokens);
    std::vector<bool> covered(a.tokens.size(), false);
    std::string out;
    for (const auto& m : actors.recognise(keys, &covered, &a))
        out += (out.empty() ? "" : " ") + ("actor:" + m.id + "*" + std::to_string(m.count));
    for (const auto& m : places.recognise(a, keys, covered))
        out += (out.empty() ? "" : " ") + ("place:" + m.id + "*" + std::to_string(m.count));
    return out;
}

std::string builtin_entities_of(const std::string& text) {
    return entities_of(text, ve::ActorCatalogue::builtin(), ve::Gazetteer::builtin());
}

}  // namespace

TEST(EntityTables, TheLinkedTablesAreTheDataCompiled) {
    ASSERT_GT(source_places().size(), 50000u);
    EXPECT_EQ(ve::Gazetteer::builtin().compiled(), source_places().compiled());
    EXPECT_EQ(ve::ActorCatalogue::builtin().compiled(), source_actors().compiled());
}

TEST(EntityTables, EveryPlaceReadsBackAsParsed) {
    ve::TsvTable table(places_tsv());
    const ve::Gazetteer again(ve::Gazetteer::Compiled{}, source_places().compiled());
    ASSERT_EQ(again.size(), source_places().size());
    std::size_t checked = 0;
    for (std::size_t r = 0; r < table.size(); ++r) {
        std::string id(table.get(r, "id"));
        const ve::Place* p = again.find(id);
        ASSERT_NE(p, nullptr) << id;
        EXPECT_EQ(p->id, id);
        EXPECT_EQ(p->name, table.get(r, "label")) << id;
        EXPECT_EQ(p->type, table.get(r, "type")) << id;
        EXPECT_EQ(p->parent, table.get(r, "parent")) << id;
        EXPECT_EQ(p->has_position, !table.get(r, "lat").empty()) << id;
        EXPECT_EQ(p->covers, ve::split(table.get(r, "covers"), '|')) << id;
        std::vector<std::string> names{p->name};
        for (auto& alias : ve::split(table.get(r, "aliases"), '|')) names.push_back(alias);
        EXPECT_EQ(p->names, names) << id;
        ++checked;
    }
    EXPECT_EQ(checked, table.size());
    EXPECT_EQ(again.find("no-such-place"), nullptr);
    EXPECT_EQ(again.find(""), nullptr);
    const ve::Place* hombori = ve::Gazetteer::builtin().find("mali");
    ASSERT_NE(hombori, nullptr);
    EXPECT_EQ(hombori->type, "country");
}

TEST(EntityTables, EveryActorReadsBackAsParsed) {
    const ve::ActorCatalogue again(ve::ActorCatalogue::Compiled{}, source_actors().compiled());
    ASSERT_EQ(again.actors().size(), source_actors().actors().size());
    for (std::size_t i = 0; i < again.actors().size(); ++i) {
        const ve::Actor& a = again.actors()[i];
        const ve::Actor& b = source_actors().actors()[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.label, b.label);
        EXPECT_EQ(a.type, b.type);
        EXPECT_EQ(a.affiliation, b.affiliation);
        EXPECT_EQ(again.find(a.id), &a);
    }
}

TEST(EntityTables, BytesThatAreNoTableGiveAnEmptyOne) {
    for (std::string_view bad : {std::string_view(), std::string_view("VPLACES2"), std::string_view("garbage bytes")}) {
        ve::Gazetteer g(ve::Gazetteer::Compiled{}, bad);
        EXPECT_EQ(g.size(), 0u);
        EXPECT_EQ(g.find("mali"), nullptr);
        ve::ActorCatalogue c(ve::ActorCatalogue::Compiled{}, bad);
        EXPECT_TRUE(c.actors().empty());
    }
    std::string cut(source_places().compiled().substr(0, 1000));
    EXPECT_EQ(ve::Gazetteer(ve::Gazetteer::Compiled{}, cut).size(), 0u);
}

TEST(EntityTables, TheFlatMatcherFindsWhatTheTrieFinds) {
    vigie::analysis::FrenchAnalyzer a;
    ve::PhraseMatcher trie;
    const char* names[] = {"Mali", "armée malienne", "forces armées maliennes", "Wagner", "groupe Wagner",
                           "soldats maliens", "Ségou", "FAMa", "l'ONU", "Kidal", "Kidal"};
    std::uint32_t entity = 0;
    for (const char* n : names) {
        trie.add(a, n, entity % 9, entity % 3);
        ++entity;
    }
    std::string flat_bytes;
    trie.serialize(flat_bytes);
    ve::PhraseMatcher flat(flat_bytes);
    const char* texts[] = {"Les forces armées maliennes et le groupe Wagner à Ségou.",
                           "Un soldat malien de l'armée malienne, au Mali, à Kidal.", "l'ONU et les FAMa", "mal",
                           "", "Wagner Wagner groupe"};
    for (const char* t : texts) {
        auto keys = ve::token_keys(a.analyze(t).tokens);
        auto x = trie.find(keys), y = flat.find(keys);
        ASSERT_EQ(x.size(), y.size()) << t;
        for (std::size_t i = 0; i < x.size(); ++i) {
            EXPECT_EQ(x[i].entity, y[i].entity) << t;
            EXPECT_EQ(x[i].flags, y[i].flags) << t;
            EXPECT_EQ(x[i].first, y[i].first) << t;
            EXPECT_EQ(x[i].last, y[i].last) << t;
        }
    }
    std::string again;
    flat.serialize(again);  // a flat matcher has no trie left to write
    EXPECT_EQ(ve::PhraseMatcher(again).find(ve::token_keys(a.analyze("Mali").tokens)).size(), 0u);
}

// Text -> entities through the built-in tables, and the same through tables
// compiled here from the source files.
TEST(EntityTables, ExtractionThroughTheBuiltinTables) {
    struct Case {
        const char* text;
        const char* entities;  // what extraction gives (Vigie's output when the tables were compiled)
    };
    const Case cases[] = {
        {"Des soldats maliens et des mercenaires du groupe Wagner ont tué des civils à Moura, dans le cercle "
         "de Djenné, région de Mopti.",
         "actor:fama*1 actor:wagner*1 place:djenne*1 place:mali*0 place:mopti*1 place:moura*1 "
         "place:togue-mourari*0"},
        {"Le JNIM a revendiqué l'attaque de Djibo, au Burkina Faso.",
         "actor:jnim*1 place:burkina-faso*1 place:djibo*1 place:sahel-region*0 place:soum*0"},
        {"La MINUSMA quitte Kidal et Gao.", "actor:minusma*1 place:gao*1 place:kidal*1 place:mali*0"},
        {"Richard Wagner a composé Tristan.", ""},
        {"France 2 diffuse un reportage.", ""},
    };
    for (const Case& c : cases) {
        std::string got = builtin_entities_of(c.text);
        EXPECT_EQ(got, entities_of(c.text, source_actors(), source_places())) << c.text;
        EXPECT_EQ(got, c.entities) << c.text;
    }
}

// Every article of the Sahel feed: the built-in tables give what the source
// tables give.
TEST(EntityTables, SahelFeedExtractionIsTheSourceTables) {
    const std::string feed = VIGIE_SOURCE_DIR "/../shared/corpora/orangesum/orangesum_sahel.jsonl";
    std::string path = std::filesystem::exists(feed) ? feed : "/work/shared/corpora/orangesum/orangesum_sahel.jsonl";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "needs " << feed << " (../shared is absent)";
    std::ifstream in(path);
    std::string line;
    std::size_t articles = 0, with_entities = 0;
    while (std::getline(in, line)) {
        // The body field's raw JSON text is enough to compare the two tables on.
        std::string got = builtin_entities_of(line);
        EXPECT_EQ(got, entities_of(line, source_actors(), source_places())) << "article " << articles;
        with_entities += !got.empty();
        ++articles;
    }
    EXPECT_GT(articles, 100u);
    EXPECT_GT(with_entities, articles / 2);
}
