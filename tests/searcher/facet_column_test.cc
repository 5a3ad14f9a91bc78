// The facet column (searcher/facet_column.h): what it reads from the value
// slots, table by table, and what its spies count against a brute-force
// count over the same documents.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "schema/schema.h"
#include "searcher/facet_column.h"
#include "support/temp_dir.h"

namespace {

using vigie::searcher::ColumnCountSpy;
using vigie::searcher::ColumnStorySpy;
using vigie::searcher::FacetColumn;
namespace schema = vigie::schema;

// One document's slots as written: month, packed actors, packed places, group.
struct Row {
    Xapian::docid did;
    std::string month, actors, places, group;
};

// A glass database on disk holding `rows`, in a folder of its own.
Xapian::WritableDatabase database(const std::vector<Row>& rows) {
    static vigie::testing::TempDir tmp;
    static int made = 0;
    Xapian::WritableDatabase db(tmp / std::to_string(++made), Xapian::DB_CREATE_OR_OVERWRITE);
    for (const Row& r : rows) {
        Xapian::Document doc;
        doc.add_boolean_term("Q" + std::to_string(r.did));
        if (!r.month.empty()) doc.add_value(schema::kSlotDateMonth, r.month);
        if (!r.actors.empty()) doc.add_value(schema::kSlotActors, r.actors);
        if (!r.places.empty()) doc.add_value(schema::kSlotPlaces, r.places);
        if (!r.group.empty()) doc.add_value(schema::kSlotGroup, r.group);
        db.replace_document(r.did, doc);
    }
    db.commit();
    return db;
}

std::vector<std::string> decoded(const FacetColumn& c, FacetColumn::Facet f, Xapian::docid did) {
    std::vector<std::string> out;
    for (std::uint32_t id : c.facet(f).ids(did)) out.push_back(c.facet(f).name(id));
    return out;
}

// Docids with gaps (deleted reports), empty and absent values, an id named
// twice, reports with and without a group.
const std::vector<Row> kRows = {
    {1, "2022-01", "wagner\nfama", "mali\ngao", "a"},
    {2, "2022-01", "fama", "mali", "a"},
    {4, "2021", "", "mali\nmopti", ""},
    {5, "", "jnim\n\njnim", "", "b"},
    {9, "2023-05", "wagner", "mali\ngao", "a"},
    {10, "2023-05", "", "", ""},
};

TEST(FacetColumn, DecodesWhatEachDocumentHolds) {
    struct Case {
        Xapian::docid did;
        std::vector<std::string> month, actors, places;
    };
    const std::vector<Case> cases = {
        {1, {"2022-01"}, {"wagner", "fama"}, {"mali", "gao"}},
        {2, {"2022-01"}, {"fama"}, {"mali"}},
        {3, {}, {}, {}},  // never written
        {4, {"2021"}, {}, {"mali", "mopti"}},
        {5, {}, {"jnim", "jnim"}, {}},  // the empty id between them is dropped
        {6, {}, {}, {}},
        {9, {"2023-05"}, {"wagner"}, {"mali", "gao"}},
        {10, {"2023-05"}, {}, {}},
        {11, {}, {}, {}},  // past the last docid
        {0, {}, {}, {}},
    };
    Xapian::WritableDatabase db = database(kRows);
    FacetColumn c = FacetColumn::read(db);
    EXPECT_EQ(c.last_docid(), 10u);
    for (const Case& k : cases) {
        EXPECT_EQ(decoded(c, FacetColumn::kMonth, k.did), k.month) << k.did;
        EXPECT_EQ(decoded(c, FacetColumn::kActor, k.did), k.actors) << k.did;
        EXPECT_EQ(decoded(c, FacetColumn::kPlace, k.did), k.places) << k.did;
    }
    EXPECT_EQ(c.facet(FacetColumn::kActor).distinct(), 3u);  // wagner, fama, jnim: one integer each
    EXPECT_EQ(c.facet(FacetColumn::kActor).find("jnim"), c.facet(FacetColumn::kActor).ids(5)[0]);
    EXPECT_EQ(c.facet(FacetColumn::kActor).find("barkhane"), -1);
}

TEST(FacetColumn, KnowsEachGroupsReportsAndStories) {
    struct Case {
        std::string key;
        std::vector<Xapian::docid> members;
    };
    const std::vector<Case> cases = {{"a", {1, 2, 9}}, {"b", {5}}, {"", {}}, {"z", {}}};
    Xapian::WritableDatabase db = database(kRows);
    FacetColumn c = FacetColumn::read(db);
    for (const Case& k : cases) {
        auto m = c.group_members(k.key);
        EXPECT_EQ(std::vector<Xapian::docid>(m.begin(), m.end()), k.members) << k.key;
    }
    EXPECT_EQ(c.story(1), c.story(9));
    EXPECT_NE(c.story(1), c.story(5));
    EXPECT_NE(c.story(4), c.story(10));  // no group: a story of its own
    EXPECT_LT(c.story(10), c.stories_bound());
}

// Per facet and id, the count a brute-force pass over `dids` gives: each
// mention (reports) or each distinct story naming it (stories).
std::map<std::string, std::map<std::string, std::size_t>> brute(const Xapian::Database& db,
                                                                const std::set<Xapian::docid>& dids, bool stories) {
    std::map<std::string, std::map<std::string, std::size_t>> out;
    std::set<std::string> seen;
    for (Xapian::docid did : dids) {
        Xapian::Document doc = db.get_document(did);
        std::string group = doc.get_value(schema::kSlotGroup);
        if (group.empty()) group = "#" + std::to_string(did);
        auto count = [&](const char* facet, const std::string& id) {
            if (id.empty()) return;
            if (stories && !seen.insert(std::string(facet) + "/" + group + "/" + id).second) return;
            ++out[facet][id];
        };
        count("month", doc.get_value(schema::kSlotDateMonth));
        for (const std::string& a : schema::unpack_ids(doc.get_value(schema::kSlotActors))) count("actor", a);
        for (const std::string& p : schema::unpack_ids(doc.get_value(schema::kSlotPlaces))) count("place", p);
    }
    return out;
}

template <typename Spy>
std::map<std::string, std::map<std::string, std::size_t>> counted(const Spy& spy) {
    std::map<std::string, std::map<std::string, std::size_t>> out;
    const std::pair<const char*, FacetColumn::Facet> facets[] = {
        {"month", FacetColumn::kMonth}, {"actor", FacetColumn::kActor}, {"place", FacetColumn::kPlace}};
    for (const auto& [name, f] : facets)
        for (const auto& [id, n] : spy.top(f, 0)) out[name][id] = n;
    return out;
}

TEST(FacetColumn, SpiesCountAsABruteForcePass) {
    Xapian::WritableDatabase db = database(kRows);
    FacetColumn c = FacetColumn::read(db);
    const std::vector<std::set<Xapian::docid>> subsets = {{1, 2, 4, 5, 9, 10}, {1, 9}, {5}, {2, 4, 10}, {}};
    for (const auto& dids : subsets) {
        std::vector<Xapian::Query> terms;
        for (Xapian::docid d : dids) terms.emplace_back("Q" + std::to_string(d));
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        ColumnCountSpy reports(c);
        ColumnStorySpy stories(c, true);
        e.add_matchspy(&reports);
        e.add_matchspy(&stories);
        e.get_mset(0, 0, db.get_doccount());
        EXPECT_EQ(reports.matches(), dids.size());
        EXPECT_EQ(stories.reports(), dids.size());
        EXPECT_EQ(counted(reports), brute(db, dids, false)) << dids.size();
        EXPECT_EQ(counted(stories), brute(db, dids, true)) << dids.size();
        std::set<std::string> groups;
        for (Xapian::docid d : dids) {
            std::string g = db.get_document(d).get_value(schema::kSlotGroup);
            groups.insert(g.empty() ? "#" + std::to_string(d) : g);
        }
        EXPECT_EQ(stories.stories(), groups.size());
    }
}

TEST(FacetColumn, StoriesStayExactWhenTheirPairsOutgrowTheTable) {
    // 3,000 reports in 1,160 stories naming 40 actors: the spy's pair table
    // grows several times over.
    std::vector<Row> rows;
    for (Xapian::docid d = 1; d <= 3000; ++d)
        rows.push_back({d, "2020-0" + std::to_string(1 + d % 9), "a" + std::to_string(d % 40) + "\na" + std::to_string(d % 7),
                        "p" + std::to_string(d % 13), d % 5 == 0 ? "" : "g" + std::to_string(d % 700)});
    Xapian::WritableDatabase db = database(rows);
    FacetColumn c = FacetColumn::read(db);
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query::MatchAll);
    ColumnStorySpy stories(c, true);
    e.add_matchspy(&stories);
    e.get_mset(0, 0, db.get_doccount());
    std::set<Xapian::docid> all;
    for (Xapian::docid d = 1; d <= 3000; ++d) all.insert(d);
    EXPECT_EQ(counted(stories), brute(db, all, true));
    std::set<std::string> groups;
    for (const Row& r : rows) groups.insert(r.group.empty() ? "#" + std::to_string(r.did) : r.group);
    EXPECT_EQ(stories.stories(), groups.size());
}

}  // namespace
