// Export of a whole result set (searcher/export.h) through a real index:
// CSV read back with an RFC 4180 reader, JSON lines parsed, rows against the
// search's own hits, partial matches left out, the cap refused up front.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "indexer/indexer.h"
#include "searcher/export.h"
#include "searcher/searcher.h"
#include "support/temp_dir.h"

namespace {

using vigie::searcher::ExportFormat;
using vigie::searcher::ExportOptions;
using vigie::searcher::SearchRequest;
using Rows = std::vector<std::vector<std::string>>;

// RFC 4180: fields split on commas, quoted fields may hold commas, CR/LF and
// doubled quotes; records end with CRLF.
Rows read_csv(const std::string& text) {
    Rows rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        std::string& cell = rows.back().back();
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            rows.emplace_back(1);
        } else {
            cell += c;
        }
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
    return rows;
}

class Export : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new vigie::testing::TempDir;
        // Every report holds « attaque »; the even ones « village » too, so
        // `attaque village` has partial matches (the odd ones).
        for (int i = 0; i < 24; ++i) {
            std::string title = i % 6 == 0 ? "=HYPERLINK(\"http://x\") rapport " : "Rapport, \"n°\" ";
            std::string body = "Une attaque a frappé " + std::string(i % 2 ? "la ville" : "le village") + " de " +
                               (i % 3 ? "Gao" : "Kidal") + " ; les FAMa sont arrivées le 12 mars 2022.\n" +
                               "Deuxième ligne : Ségou & <i>ailleurs</i>.";
            tmp_->write("reports/r" + std::to_string(100 + i) + ".txt", title + std::to_string(i) + "\n" + body);
        }
        vigie::indexer::IndexOptions opts;
        opts.db_dir = *tmp_ / "db";
        opts.paths = {*tmp_ / "reports"};
        ASSERT_TRUE(vigie::indexer::index_paths(opts).ok());
    }
    static void TearDownTestSuite() { delete tmp_; }

    static vigie::searcher::Searcher open() {
        auto s = vigie::searcher::Searcher::open(*tmp_ / "db");
        EXPECT_TRUE(s.ok());
        return std::move(*s);
    }

    // The search's counted hits, in rank order, from one big page.
    static std::vector<std::string> counted_ids(vigie::searcher::Searcher& s, SearchRequest req) {
        req.limit = 1000;
        auto r = s.search(req);
        EXPECT_TRUE(r.ok());
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < r->total; ++i) ids.push_back(r->hits[i].id);
        return ids;
    }

    static vigie::testing::TempDir* tmp_;
};
vigie::testing::TempDir* Export::tmp_ = nullptr;

TEST(ExportCsv, FieldsQuotedAndFormulasNeutralised) {
    struct Case {
        std::string in, out;
    } cases[] = {
        {"plain", "plain"},
        {"a, b", "\"a, b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"=SUM(A1:A2)", "'=SUM(A1:A2)"},
        {"+33 1", "'+33 1"},
        {"-2", "'-2"},
        {"@cmd", "'@cmd"},
        {"\tx", "'\tx"},
        {"\rx", "\"'\rx\""},
        {"=a,b", "\"'=a,b\""},
        {"Ségou, Mopti", "\"Ségou, Mopti\""},
        {"a=b", "a=b"},
        {"", ""},
    };
    for (const auto& c : cases) EXPECT_EQ(vigie::searcher::csv_field(c.in), c.out) << c.in;
}

TEST(ExportCsv, PlainTextOfHighlightedHtml) {
    struct Case {
        std::string in, out;
    } cases[] = {
        {"une <b>attaque</b> &amp; un &quot;raid&quot;", "une attaque & un \"raid\""},
        {"l&#39;armée &lt;x&gt;", "l'armée <x>"},
        {"&#xE9;t&#233;", "été"},
        {"R&D sans point-virgule", "R&D sans point-virgule"},
    };
    for (const auto& c : cases) EXPECT_EQ(vigie::searcher::plain_text(c.in), c.out) << c.in;
}

TEST_F(Export, CsvHasEveryCountedMatchInRankOrder) {
    auto s = open();
    SearchRequest req;
    req.query = "attaque";
    std::vector<std::string> ids = counted_ids(s, req);
    ASSERT_EQ(ids.size(), 24u);
    std::ostringstream out;
    ExportOptions opts;
    opts.batch = 5;  // several batches
    auto n = vigie::searcher::export_results(s, req, opts, out);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(*n, 24u);
    std::string text = out.str();
    ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    Rows rows = read_csv(text.substr(3));
    ASSERT_EQ(rows.size(), 25u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "date", "outlet", "title", "url", "author", "source", "actors",
                                                 "places", "mentioned", "snippet"}));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), 11u) << i;
        EXPECT_EQ(rows[i][0], ids[i - 1]);
        const std::string& title = rows[i][3];
        // Text files carry no provenance: outlet, url and author empty; the
        // source is the file's name in the folder indexed.
        EXPECT_EQ(rows[i][2] + rows[i][4] + rows[i][5], "") << i;
        EXPECT_EQ(rows[i][6], rows[i][0] + ".txt") << i;
        EXPECT_TRUE(title.starts_with("'=HYPERLINK(\"http://x\")") || title.starts_with("Rapport, \"n°\"")) << title;
        EXPECT_NE(rows[i][7].find("Forces armées maliennes"), std::string::npos) << rows[i][7];
        EXPECT_TRUE(rows[i][8].find("Gao") != std::string::npos || rows[i][8].find("Kidal") != std::string::npos)
            << rows[i][8];
        EXPECT_NE(rows[i][8].find("; "), std::string::npos) << rows[i][8];
        EXPECT_NE(rows[i][9].find("2022-03-12"), std::string::npos) << rows[i][9];
        // Highlights dropped, the report's own text decoded.
        EXPECT_EQ(rows[i][10].find("<b>"), std::string::npos) << rows[i][10];
        EXPECT_NE(rows[i][10].find("Ségou & <i>ailleurs</i>"), std::string::npos) << rows[i][10];
        EXPECT_NE(rows[i][10].find("attaque"), std::string::npos) << rows[i][10];
    }
    // Every row ends with CRLF, none with a bare LF.
    EXPECT_EQ(text.back(), '\n');
    EXPECT_EQ(text[text.size() - 2], '\r');
}

TEST_F(Export, FiltersAndPartialMatches) {
    auto s = open();
    // The place named `label` (the most frequent of its homonyms: the
    // town, which its cercle and region also hold).
    auto place_id = [&](const std::string& label) {
        SearchRequest all;
        all.facet_limit = 0;
        auto r = s.search(all);
        EXPECT_TRUE(r.ok());
        for (const auto& v : r->facets["place"])  // most frequent first
            if (v.label.starts_with(label)) return v.id;
        ADD_FAILURE() << "no place " << label;
        return std::string();
    };
    struct Case {
        std::string query, place;
        std::size_t rows;  // 0: fewer than the 24 reports, more than none (as the tagger places them)
    } cases[] = {
        {"attaque village", "", 12},  // the 12 odd reports lack « village »: partial, left out
        {"attaque", "Gao", 0},
        {"attaque village", "Kidal", 0},
        {"", "Kidal", 0},
    };
    for (const auto& c : cases) {
        SearchRequest req;
        req.query = c.query;
        if (!c.place.empty()) req.places = {place_id(c.place)};
        std::vector<std::string> ids = counted_ids(s, req);
        if (c.rows) EXPECT_EQ(ids.size(), c.rows) << c.query << " " << c.place;
        else EXPECT_TRUE(!ids.empty() && ids.size() < 24) << c.query << " " << c.place << " " << ids.size();
        std::ostringstream out;
        ExportOptions opts;
        opts.format = ExportFormat::kJsonl;
        opts.batch = 3;
        auto n = vigie::searcher::export_results(s, req, opts, out);
        ASSERT_TRUE(n.ok()) << n.error().message;
        EXPECT_EQ(*n, ids.size());
        std::istringstream lines(out.str());
        std::vector<std::string> got;
        for (std::string line; std::getline(lines, line);) {
            auto row = nlohmann::json::parse(line);
            got.push_back(row["id"]);
            if (c.query.find("village") != std::string::npos) {
                EXPECT_NE(row["snippet"].get<std::string>().find("village"), std::string::npos) << line;
            }
        }
        EXPECT_EQ(got, ids) << c.query << " " << c.place;
    }
}

TEST_F(Export, OverTheCapIsRefusedBeforeAnyByte) {
    auto s = open();
    SearchRequest req;
    req.query = "attaque";
    std::ostringstream out;
    ExportOptions opts;
    opts.max_rows = 10;
    auto n = vigie::searcher::export_results(s, req, opts, out);
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error().kind, vigie::ErrorKind::kInvalidArgument);
    EXPECT_NE(n.error().message.find("précisez la recherche"), std::string::npos) << n.error().message;
    EXPECT_NE(n.error().message.find("24"), std::string::npos) << n.error().message;
    EXPECT_TRUE(out.str().empty());
    // An explicit limit under the cap is a choice, not a silent cut.
    opts.limit = 7;
    n = vigie::searcher::export_results(s, req, opts, out);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(*n, 7u);
    EXPECT_EQ(read_csv(out.str().substr(3)).size(), 8u);
}

}  // namespace
