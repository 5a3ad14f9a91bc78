// Ranking quality on two public French question sets from ../shared (skipped,
// and said so, when ../shared is absent): a small fixed subset of what
// bench/relevance measures, so that a change that makes ranking worse fails
// here instead of going unnoticed. The floors sit a little below the MRR@10
// measured when they were set (printed on each run); bench/RESULTS.md has the
// full benchmark.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

const std::string kCorpora = std::string(VIGIE_SHARED_DIR) + "/corpora";

// MRR@10 floors: measured minus about 0.02 (0.770 and 0.892 when set;
// 0.769 and 0.844 with main's ranking before bench/relevance's tuning).
constexpr double kPiafFloor = 0.75;
constexpr double kSpfFloor = 0.87;

bool have(const std::string& path) { return std::filesystem::exists(path); }

// qid -> the one relevant document.
std::map<std::string, std::string> read_qrels(const std::string& path) {
    std::map<std::string, std::string> out;
    std::ifstream in(path);
    std::string qid, zero, doc, rel;
    while (in >> qid >> zero >> doc >> rel) out[qid] = doc;
    return out;
}

// MRR@10 of every `step`-th query of `queries` (qid<TAB>question) over the
// index built from `collection`, searched as the user typed them.
double mrr_at_10(const std::string& collection, const std::string& queries, const std::string& qrels_path,
                 unsigned step, std::size_t* counted) {
    vigie::testing::TempDir tmp;
    vigie::indexer::IndexOptions opts;
    opts.db_dir = tmp / "db";
    opts.paths = {collection};
    auto indexed = vigie::indexer::index_paths(opts);
    EXPECT_TRUE(indexed.ok()) << (indexed.ok() ? "" : indexed.error().message);
    auto searcher = vigie::searcher::Searcher::open(opts.db_dir);
    EXPECT_TRUE(searcher.ok());
    if (!searcher.ok()) return 0;
    auto qrels = read_qrels(qrels_path);
    std::ifstream in(queries);
    std::string line;
    double sum = 0;
    std::size_t n = 0, line_no = 0;
    while (std::getline(in, line)) {
        if (line_no++ % step != 0) continue;
        auto tab = line.find('\t');
        auto rel = qrels.find(line.substr(0, tab));
        if (tab == std::string::npos || rel == qrels.end()) continue;
        vigie::searcher::SearchRequest req;
        req.query = line.substr(tab + 1);
        req.limit = 10;
        auto res = searcher->search(req);
        EXPECT_TRUE(res.ok()) << req.query;
        ++n;
        if (!res.ok()) continue;
        for (std::size_t i = 0; i < res->hits.size(); ++i) {
            if (res->hits[i].id == rel->second) {
                sum += 1.0 / static_cast<double>(i + 1);
                break;
            }
        }
    }
    *counted = n;
    return n ? sum / static_cast<double>(n) : 0;
}

// PIAF: questions written on Wikipedia paragraphs; the 761 paragraphs, one
// question in eight.
TEST(RelevanceQuality, PiafQuestions) {
    const std::string dir = kCorpora + "/piaf";
    if (!have(dir + "/piaf_passages.jsonl")) GTEST_SKIP() << "needs " << dir << " (../shared is absent)";
    std::size_t n = 0;
    double mrr = mrr_at_10(dir + "/piaf_passages.jsonl", dir + "/piaf_queries.tsv", dir + "/piaf_qrels.txt", 8, &n);
    std::cout << "PIAF, " << n << " questions over 761 passages: MRR@10 " << mrr << "\n";
    EXPECT_GE(n, 400u);
    EXPECT_GE(mrr, kPiafFloor);
}

// service-public.fr: questions over the 535 fiches that answer them, bodies
// only (the questions are often the fiches' titles); one question in two.
TEST(RelevanceQuality, ServicePublicQuestions) {
    const std::string dir = kCorpora + "/spf_qr";
    if (!have(dir + "/spf_fiches_2020.jsonl")) GTEST_SKIP() << "needs " << dir << " (../shared is absent)";
    std::size_t n = 0;
    double mrr = mrr_at_10(dir + "/spf_fiches_2020.jsonl", dir + "/spf_queries.tsv", dir + "/spf_qrels.txt", 2, &n);
    std::cout << "service-public, " << n << " questions over 535 fiches: MRR@10 " << mrr << "\n";
    EXPECT_GE(n, 250u);
    EXPECT_GE(mrr, kSpfFloor);
}

}  // namespace
