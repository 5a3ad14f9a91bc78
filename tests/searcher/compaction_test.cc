// `vigie index --compact`: the index is rewritten compacted as the next
// generation; searches answer the same, and the replaced generations go.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "indexer/indexer.h"
#include "schema/schema.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;

namespace {

std::uintmax_t folder_bytes(const std::string& dir) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) n += e.file_size();
    return n;
}

std::string answers(const std::string& db, const std::string& query) {
    auto s = vigie::searcher::Searcher::open(db);
    EXPECT_TRUE(s.ok());
    vigie::searcher::SearchRequest req;
    req.query = query;
    auto r = s->search(req);
    EXPECT_TRUE(r.ok());
    std::string out = std::to_string(r->total) + ":";
    for (const auto& h : r->hits) out += h.id + "," + h.snippet + ";";
    for (const auto& [name, values] : r->facets)
        for (const auto& v : values) out += name + "=" + v.id + "/" + std::to_string(v.count) + ";";
    return out;
}

TEST(Compaction, SameAnswersSmallerIndexNextGeneration) {
    vigie::testing::TempDir tmp;
    fs::copy(std::string(VIGIE_SOURCE_DIR) + "/seeds", tmp / "r");
    for (unsigned shards : {0u, 2u}) {
        SCOPED_TRACE(shards);
        std::string plain = tmp / ("plain" + std::to_string(shards)), packed = tmp / ("packed" + std::to_string(shards));
        vigie::indexer::IndexOptions opts;
        opts.paths = {tmp / "r"};
        opts.shards = shards;
        opts.db_dir = plain;
        ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
        opts.db_dir = packed;
        opts.compact = true;
        ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
        EXPECT_EQ(vigie::schema::read_stub(packed).generation, "gen-000002");
        EXPECT_LT(folder_bytes(packed + "/gen-000002"), folder_bytes(plain + "/gen-000001"));
        for (const char* q : {"massacre", "armée malienne", "\"Katiba du Macina\"", ""})
            EXPECT_EQ(answers(packed, q), answers(plain, q)) << q;

        // An incremental run compacts again; the generation before the one
        // it replaces goes, the replaced one stays a round for open readers.
        std::ofstream(tmp / "r/new.txt") << "Nouveau rapport\nUne attaque de drones à Kidal.";
        opts.db_dir = packed;
        auto summary = vigie::indexer::index_paths(opts);
        ASSERT_TRUE(summary.ok());
        EXPECT_EQ(summary->added, 1u);
        EXPECT_EQ(vigie::schema::read_stub(packed).generation, "gen-000003");
        EXPECT_FALSE(fs::exists(packed + "/gen-000001"));
        EXPECT_TRUE(fs::exists(packed + "/gen-000002"));
        EXPECT_NE(answers(packed, "drones Kidal").find("new"), std::string::npos);
        fs::remove(tmp / "r/new.txt");
    }
}

}  // namespace
