// Every report format on real files (tests/data/formats/), and the bad ones.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "indexer/formats.h"

namespace {

using namespace vigie::indexer;

std::string fixture(const std::string& name) { return std::string(VIGIE_SOURCE_DIR) + "/tests/data/formats/" + name; }

ReadResult read(const std::string& name) {
    std::ifstream in(fixture(name), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return read_reports(fixture(name), ss.str(), 50u << 20);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Formats, ChosenByExtensionForFolders) {
    for (const char* p : {"a.txt", "a.md", "a.HTML", "a.htm", "a.pdf", "a.jsonl", "a.jsonl.gz", "a.ndjson"})
        EXPECT_TRUE(is_report_path(p)) << p;
    for (const char* p : {"a.png", "a.gz", "README", "a.json"}) EXPECT_FALSE(is_report_path(p)) << p;
}

TEST(Formats, MarkdownWithFrontMatter) {
    ReadResult r = read("report.md");
    ASSERT_EQ(r.reports.size(), 1u);
    const Report& m = r.reports[0];
    EXPECT_EQ(m.format, "md");
    EXPECT_EQ(m.title, "Exactions à Moura : ce que disent les témoins");
    EXPECT_EQ(m.date, "2022-04-05");
    EXPECT_EQ(m.actors, (std::vector<std::string>{"Groupe Wagner", "FAMa"}));
    EXPECT_EQ(m.places, (std::vector<std::string>{"Moura"}));
    EXPECT_TRUE(contains(m.body, "plusieurs témoins"));
    EXPECT_TRUE(contains(m.body, "mercenaires étrangers"));
    EXPECT_FALSE(contains(m.body, "**"));
    EXPECT_FALSE(contains(m.body, "https://"));
    EXPECT_FALSE(contains(m.body, "source:"));
}

TEST(Formats, HtmlMainTextTitleAndDate) {
    ReadResult r = read("report.html");
    ASSERT_EQ(r.reports.size(), 1u);
    const Report& h = r.reports[0];
    EXPECT_EQ(h.format, "html");
    EXPECT_EQ(h.title, "Attaque de drones à Kidal");
    EXPECT_EQ(h.date, "2023-05-19");
    EXPECT_TRUE(contains(h.body, "Une frappe de drones de l'armée malienne"));
    EXPECT_TRUE(contains(h.body, "mal fermé"));
    for (const char* noise : {"wagnerscript", "display", "navigationword", "headerword", "asideword", "footerword"})
        EXPECT_FALSE(contains(h.body, noise)) << noise;
}

TEST(Formats, PdfPagesKept) {
    ReadResult r = read("report.pdf");
    ASSERT_EQ(r.reports.size(), 1u) << (r.failures.empty() ? "" : r.failures[0].reason);
    const Report& p = r.reports[0];
    EXPECT_EQ(p.format, "pdf");
    EXPECT_EQ(p.title, "Violations au centre du Mali");
    ASSERT_EQ(p.pages.size(), 2u);
    EXPECT_TRUE(contains(p.body.substr(0, p.pages[1]), "Ségou"));
    EXPECT_TRUE(contains(p.body.substr(p.pages[1]), "Diallassagou"));
}

TEST(Formats, BadPdfsAreReportedByPath) {
    for (const char* name : {"truncated.pdf", "encrypted.pdf"}) {
        ReadResult r = read(name);
        EXPECT_TRUE(r.reports.empty()) << name;
        ASSERT_EQ(r.failures.size(), 1u) << name;
        EXPECT_TRUE(contains(r.failures[0].reason, name));
    }
    EXPECT_TRUE(contains(read("encrypted.pdf").failures[0].reason, "encrypted"));
}

TEST(Formats, JsonLinesPlainAndGzip) {
    for (const char* name : {"feed.jsonl", "feed-gz.jsonl.gz"}) {
        ReadResult r = read(name);
        ASSERT_EQ(r.reports.size(), 3u) << name;
        EXPECT_EQ(r.reports[0].key, "feed-1");
        EXPECT_EQ(r.reports[0].title, "Massacre à Ogossagou");
        EXPECT_EQ(r.reports[0].date, "2019-03-23");
        EXPECT_TRUE(contains(r.reports[0].body, "Au moins 160 morts."));  // the heading
        EXPECT_EQ(r.reports[1].date, "2022-08-15");
        EXPECT_EQ(r.reports[2].key, "line-4");
        // Line 3 (cut) and line 5 (an array) are reported with their line numbers.
        ASSERT_EQ(r.failures.size(), 2u);
        EXPECT_TRUE(contains(r.failures[0].reason, std::string(name) + ":3"));
        EXPECT_TRUE(contains(r.failures[1].reason, std::string(name) + ":5"));
    }
}

TEST(Formats, DetectedByContentWhateverTheExtension) {
    std::ifstream in(fixture("report.pdf"), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ReadResult r = read_reports("misnamed.txt", ss.str(), 50u << 20);
    ASSERT_EQ(r.reports.size(), 1u);
    EXPECT_EQ(r.reports[0].format, "pdf");
    ReadResult h = read_reports("page.txt", "<!DOCTYPE html><html><body><p>Texte à Gao.</p></body></html>", 1000);
    ASSERT_EQ(h.reports.size(), 1u);
    EXPECT_EQ(h.reports[0].format, "html");
}

TEST(Formats, TruncatedGzipIsReported) {
    std::ifstream in(fixture("feed-gz.jsonl.gz"), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string gz = ss.str();
    ReadResult r = read_reports("cut.jsonl.gz", gz.substr(0, gz.size() / 2), 50u << 20);
    ASSERT_FALSE(r.failures.empty());
    EXPECT_TRUE(contains(r.failures.back().reason, "cut.jsonl.gz"));
}

}  // namespace
