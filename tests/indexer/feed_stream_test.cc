// Feeds (.jsonl, .jsonl.gz) are indexed as streams: any size, in bounded
// memory, with the same reports as reading the whole file; a damaged feed
// keeps what was indexed from it.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include <xapian.h>

#include "indexer/formats.h"
#include "indexer/indexer.h"
#include "support/temp_dir.h"

namespace vi = vigie::indexer;

namespace {

std::string feed_lines(int n, int from = 0) {
    std::string out;
    for (int i = from; i < from + n; ++i)
        out += R"({"id": "r)" + std::to_string(i) + R"(", "date": "2022-06-0)" + std::to_string(1 + i % 9) +
               R"(", "title": "Rapport )" + std::to_string(i) + R"(", "body": "Des civils tués à Moura par des hommes armés, rapport numéro )" +
               std::to_string(i) + ".\"}\n";
    return out;
}

std::string gzip(const std::string& text) {
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(static_cast<uLong>(text.size())) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

Xapian::doccount count(const std::string& db) { return Xapian::Database(db + "/current").get_doccount(); }

vi::IndexSummary index(const std::string& db, const std::string& path, std::uint64_t max_bytes = 50u << 20) {
    vi::IndexOptions opts;
    opts.db_dir = db;
    opts.paths = {path};
    opts.max_file_bytes = max_bytes;
    opts.batch_size = 100;
    auto s = vi::index_paths(opts);
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : vi::IndexSummary{};
}

TEST(FeedStream, SameReportsAsReadingTheWholeFile) {
    vigie::testing::TempDir tmp;
    // Blocks of 1 MB and gzip output of 256 KB cut lines anywhere; two gzip
    // members concatenated, as `cat a.gz b.gz` makes.
    std::string text = feed_lines(9000);  // 1.5 MB
    std::string gz = gzip(text.substr(0, text.size() / 3)) + gzip(text.substr(text.size() / 3));
    std::ofstream(tmp / "f.jsonl.gz", std::ios::binary) << gz;
    std::ofstream(tmp / "f.jsonl", std::ios::binary) << text;
    for (const char* name : {"f.jsonl", "f.jsonl.gz"}) {
        std::vector<vi::Report> streamed;
        std::vector<vi::Failure> failures;
        EXPECT_TRUE(vi::stream_jsonl(tmp / name, 1 << 20, [&](vi::Report&& r) { streamed.push_back(std::move(r)); }, failures));
        EXPECT_TRUE(failures.empty()) << name;
        std::ifstream in(tmp / name, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        vi::ReadResult whole = vi::read_reports(tmp / name, bytes, 1 << 20);
        ASSERT_EQ(streamed.size(), 9000u) << name;
        ASSERT_EQ(whole.reports.size(), streamed.size()) << name;
        for (std::size_t i = 0; i < streamed.size(); ++i) {
            ASSERT_EQ(streamed[i].key, whole.reports[i].key);
            ASSERT_EQ(streamed[i].body, whole.reports[i].body);
            ASSERT_EQ(streamed[i].date, whole.reports[i].date);
        }
    }
}

// Text that compresses a hundredfold: the last input bytes leave more output
// than one buffer holds, which must still come out.
TEST(FeedStream, HighlyCompressedFeedIsReadToItsEnd) {
    vigie::testing::TempDir tmp;
    std::string text;
    for (int i = 0; i < 20000; ++i)
        text += R"({"id": "same-)" + std::to_string(i % 7) + R"(", "title": "Même rapport", "body": ")" +
                std::string(200, 'a') + "\"}\n";
    std::ofstream(tmp / "z.jsonl.gz", std::ios::binary) << gzip(text);
    std::size_t n = 0;
    std::vector<vi::Failure> failures;
    EXPECT_TRUE(vi::stream_jsonl(tmp / "z.jsonl.gz", 1 << 20, [&](vi::Report&&) { ++n; }, failures));
    EXPECT_TRUE(failures.empty()) << failures.front().reason;
    EXPECT_EQ(n, 20000u);
}

TEST(FeedStream, AFeedOverTheFileSizeLimitIsIndexedLineByLine) {
    vigie::testing::TempDir tmp;
    std::ofstream(tmp / "big.jsonl", std::ios::binary) << feed_lines(300);
    // 10 KB: the feed is bigger, each of its lines is not.
    vi::IndexSummary s = index(tmp / "db", tmp / "big.jsonl", 10 * 1024);
    EXPECT_EQ(s.added, 300u);
    EXPECT_TRUE(s.failures.empty());
    EXPECT_EQ(count(tmp / "db"), 300u);
}

TEST(FeedStream, ADamagedFeedKeepsWhatWasIndexed) {
    vigie::testing::TempDir tmp;
    std::string gz = gzip(feed_lines(500));
    std::ofstream(tmp / "feed.jsonl.gz", std::ios::binary) << gz;
    EXPECT_EQ(index(tmp / "db", tmp / "feed.jsonl.gz").added, 500u);
    // The next delivery is cut short: its first reports are updated, a
    // failure names the file, and no report of the feed is removed.
    std::string longer = gzip(feed_lines(500) + feed_lines(100, 1000));
    std::ofstream(tmp / "feed.jsonl.gz", std::ios::binary | std::ios::trunc) << longer.substr(0, longer.size() * 2 / 3);
    vi::IndexSummary s = index(tmp / "db", tmp / "feed.jsonl.gz");
    ASSERT_FALSE(s.failures.empty());
    EXPECT_NE(s.failures.back().reason.find("feed.jsonl.gz"), std::string::npos);
    EXPECT_NE(s.failures.back().reason.find("gzip"), std::string::npos);
    EXPECT_EQ(s.removed, 0u);
    EXPECT_EQ(count(tmp / "db"), 500u);
    // Delivered whole, the feed indexes all of it, and a later shorter one removes what it lost.
    std::ofstream(tmp / "feed.jsonl.gz", std::ios::binary | std::ios::trunc) << longer;
    s = index(tmp / "db", tmp / "feed.jsonl.gz");
    EXPECT_TRUE(s.failures.empty());
    EXPECT_EQ(count(tmp / "db"), 600u);
    std::ofstream(tmp / "feed.jsonl.gz", std::ios::binary | std::ios::trunc) << gzip(feed_lines(450));
    s = index(tmp / "db", tmp / "feed.jsonl.gz");
    EXPECT_EQ(s.removed, 150u);
    EXPECT_EQ(count(tmp / "db"), 450u);
}

}  // namespace
