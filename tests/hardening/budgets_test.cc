// Issue 15, cases 7, 14 and 15: a file that would take minutes or gigabytes
// fails alone, named, within its budget; the files beside it are indexed.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "run_vigie.h"
#include "support/minimal_pdf.h"

namespace {

using namespace std::chrono_literals;
using vigie::testing::indexed_ids;
using vigie::testing::search_total;
using vigie::testing::Outcome;
using vigie::testing::TempDir;
using vigie::testing::vigie;

const std::string kNeighbour = "Rapport voisin\n\nDes témoins décrivent des exactions à Ségou en 2022.\n";

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string numbered(const std::string& prefix, const std::string& suffix, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += prefix + std::to_string(i) + suffix;
    return out;
}

// A one-page PDF drawing the same string `n` times at the same place,
// compressed (a few KB): Poppler's text layout is quadratic on it.
std::string overlapping_pdf(std::size_t n) {
    std::string content = "BT /F1 12 Tf " + repeat("1 0 0 1 72 700 Tm (Attaque a Kidal) Tj ", n) + "ET";
    uLongf size = compressBound(static_cast<uLong>(content.size()));
    std::string packed(size, '\0');
    compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(content.data()),
              static_cast<uLong>(content.size()), 9);
    packed.resize(size);
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length " + std::to_string(packed.size()) + " /Filter /FlateDecode >>\nstream\n" + packed +
            "\nendstream"};
    return vigie::testing::minimal_pdf(objects);
}

struct OverBudget {
    const char* name;
    const char* file;
    std::string content;
    std::vector<std::string> options;
    const char* why;  // what the failure line says
};

void PrintTo(const OverBudget& c, std::ostream* os) { *os << c.name; }

class OverBudgetFiles : public ::testing::TestWithParam<OverBudget> {};

// Each row would take minutes, or gigabytes, before: now the run ends well
// within its deadline (the slack is for a machine with both cores busy), the
// file named as failed with the budget it broke, its neighbour indexed.
TEST_P(OverBudgetFiles, FailAloneNamedWithinTheirBudget) {
    const OverBudget& c = GetParam();
    TempDir tmp;
    tmp.write(std::string("r/") + c.file, c.content);
    tmp.write("r/voisin.txt", kNeighbour);
    std::string db = tmp / "db";
    std::vector<std::string> args = {"index", "--db", db, "--quiet", "--threads", "1"};
    args.insert(args.end(), c.options.begin(), c.options.end());
    args.push_back(tmp / "r");
    Outcome r = vigie(args, tmp, 240s);
    ASSERT_FALSE(r.timed_out) << c.name << " still running after 240 s";
    EXPECT_EQ(r.status, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(std::string("failed: ") + tmp / "r/" + c.file), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.why), std::string::npos) << r.err;
    EXPECT_EQ(indexed_ids(db, tmp), std::vector<std::string>{"voisin"});
}

INSTANTIATE_TEST_SUITE_P(
    Issue15, OverBudgetFiles,
    ::testing::Values(
        // Case 15: Gumbo is quadratic on many attributes (200,000: > 5 min).
        OverBudget{"many_attributes", "attributs.html",
                   "<html><body><div " + numbered("a", "=1 ", 200000) + ">texte</div></body></html>",
                   {"--max-seconds", "2"}, "--max-seconds"},
        // Case 15: and on deep block nesting (40,000 <div>: 15 s).
        OverBudget{"deep_blocks", "blocs.html",
                   "<html><body>" + repeat("<div>", 40000) + "texte</body></html>", {"--max-seconds", "1"},
                   "--max-seconds"},
        // Case 15: Poppler's text layout on one string drawn 40,000 times at
        // one place (a 5 KB file, a minute of CPU).
        OverBudget{"overlapping_pdf_text", "lent.pdf", overlapping_pdf(40000), {"--max-seconds", "1"},
                   "--max-seconds"},
        // Case 7: a report costing more memory than the budget fails alone.
        OverBudget{"large_report", "gros.txt", "Gros rapport\n\n" + repeat("Des civils tués à Mopti. ", 120000),
                   {"--max-memory", "64"}, "--max-memory"}),
    [](const auto& info) { return std::string(info.param.name); });

// One reader process reads many files, each under its own budget: files
// over their budget among 600 others fail alone (each worker that dies is
// replaced, and a worker is also replaced every 256 files), and every file
// after them is read.
TEST(Issue15, BudgetsHoldPerFileAcrossManyFiles) {
    TempDir tmp;
    for (int i = 0; i < 600; ++i)
        tmp.write("r/r" + std::to_string(1000 + i) + ".txt",
                  "Rapport " + std::to_string(i) + "\n\nDes civils tués à Mopti. " + repeat("Texte. ", 4000));
    tmp.write("r/r1100-lent.html", "<html><body>" + repeat("<div>", 40000) + "texte</body></html>");
    tmp.write("r/r1300-gros.txt", "Gros rapport\n\n" + repeat("Des civils tués à Mopti. ", 120000));
    std::string db = tmp / "db";
    Outcome r = vigie({"index", "--db", db, "--quiet", "--max-seconds", "1", "--max-memory", "64", tmp / "r"}, tmp,
                      240s);
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find(tmp / "r/r1100-lent.html"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(tmp / "r/r1300-gros.txt"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--max-seconds"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--max-memory"), std::string::npos) << r.err;
    EXPECT_EQ(search_total(db, "", tmp), 600);
}

// Case 14: a feed line with no end is cut at --max-size as it is read, in
// linear time and bounded memory: 256 MB without a newline, inflated from a
// gzip file (before: the whole line held, and searched again for its end at
// every 64 KB, minutes).
TEST(Issue15, NewlinelessGzipFeedFailsItsLineQuickly) {
    TempDir tmp;
    std::string feed = tmp / "r/bombe.jsonl.gz";
    tmp.write("r/bombe.jsonl.gz", "");
    gzFile gz = gzopen(feed.c_str(), "wb9");
    ASSERT_NE(gz, nullptr);
    std::string block(1 << 20, 'a');
    for (int i = 0; i < 256; ++i) gzwrite(gz, block.data(), static_cast<unsigned>(block.size()));
    gzwrite(gz, "\n", 1);
    std::string good = R"({"id": "ok", "title": "Attaque", "body": "Des civils tués à Boulkessi."})";
    gzwrite(gz, good.data(), static_cast<unsigned>(good.size()));
    gzclose(gz);
    // What the same run costs without the long line (the program, its
    // data, a sanitizer's shadow): the long line must add far less than itself.
    tmp.write("small/petit.jsonl", good + "\n");
    Outcome small = vigie({"index", "--db", tmp / "db-small", "--quiet", "--max-size", "1", tmp / "small"}, tmp, 240s);
    ASSERT_EQ(small.status, 0) << small.err;
    std::string db = tmp / "db";
    auto started = std::chrono::steady_clock::now();
    Outcome r = vigie({"index", "--db", db, "--quiet", "--max-size", "1", tmp / "r"}, tmp, 240s);
    ASSERT_FALSE(r.timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 60s);
    EXPECT_LT(r.peak_rss_kb, small.peak_rss_kb + 96 * 1024) << "the line was held in memory";
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find(feed + ":1: line of 268435456 bytes, over the limit"), std::string::npos) << r.err;
    EXPECT_EQ(indexed_ids(db, tmp), std::vector<std::string>{"ok"});
}

}  // namespace
