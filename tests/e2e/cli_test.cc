// The built `vigie` binary, run as a user or a script would run it.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "support/temp_dir.h"

namespace {

struct Output {
    int status;
    std::string out, err;
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Output vigie(const std::vector<std::string>& args, const vigie::testing::TempDir& tmp) {
    std::string cmd = quote(VIGIE_BINARY);
    for (const auto& a : args) cmd += " " + quote(a);
    std::string err_file = tmp / "stderr.txt";
    cmd += " 2>" + quote(err_file);
    Output o;
    FILE* p = ::popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) o.out.append(buf.data(), n);
    int st = ::pclose(p);
    o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::ifstream e(err_file);
    o.err.assign(std::istreambuf_iterator<char>(e), {});
    return o;
}

const std::string kSeeds = std::string(VIGIE_SOURCE_DIR) + "/seeds";

std::set<std::string> keys(const nlohmann::json& j) {
    std::set<std::string> out;
    for (auto& h : j["hits"]) out.insert(h["id"].get<std::string>().substr(0, 3));
    return out;
}

TEST(Cli, IndexThenSearchJson) {
    vigie::testing::TempDir tmp;
    std::string db = tmp / "db";
    Output idx = vigie({"index", "--db", db, kSeeds}, tmp);
    ASSERT_EQ(idx.status, 0) << idx.err;
    EXPECT_NE(idx.out.find("5 added"), std::string::npos) << idx.out;

    Output s = vigie({"search", "--db", db, "--json", "--limit", "50", "armée"}, tmp);
    ASSERT_EQ(s.status, 0) << s.err;
    auto j = nlohmann::json::parse(s.out);
    EXPECT_EQ(j["query"], "armée");
    EXPECT_EQ(j["total"], 5);
    EXPECT_EQ(keys(j), (std::set<std::string>{"000", "001", "002", "003", "004"}));
    for (auto& h : j["hits"]) {
        for (auto field : {"id", "path", "title", "date", "score", "snippet", "actors", "places"})
            EXPECT_TRUE(h.contains(field)) << field;
        EXPECT_EQ(h["title"].get<std::string>().find('<'), std::string::npos);
    }
    EXPECT_TRUE(j["facets"].contains("date"));
    EXPECT_TRUE(j["suggestion"].is_null());

    Output q = vigie({"search", "--db", db, "--json", "\"coup", "d'État\""}, tmp);
    ASSERT_EQ(q.status, 0);
    EXPECT_EQ(keys(nlohmann::json::parse(q.out)), (std::set<std::string>{"000", "001", "003", "004"}));

    Output sug = vigie({"search", "--db", db, "--json", "Wagnr"}, tmp);
    EXPECT_EQ(nlohmann::json::parse(sug.out)["suggestion"], "wagner");

    Output text = vigie({"search", "--db", db, "Segou"}, tmp);
    ASSERT_EQ(text.status, 0);
    EXPECT_NE(text.out.find("1 report matches"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("*Ségou*"), std::string::npos) << text.out;

    Output sorted = vigie({"search", "--db", db, "--json", "--sort", "date"}, tmp);
    auto sj = nlohmann::json::parse(sorted.out);
    EXPECT_EQ(sj["hits"][0]["date"], "2022-11");

    Output again = vigie({"index", "--db", db, kSeeds}, tmp);
    ASSERT_EQ(again.status, 0);
    EXPECT_NE(again.out.find("5 unchanged"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("5 reports in the index"), std::string::npos);
}

TEST(Cli, MissingIndexIsOneLineNamingThePath) {
    vigie::testing::TempDir tmp;
    std::string db = tmp / "nothing-here";
    Output s = vigie({"search", "--db", db, "--json", "wagner"}, tmp);
    EXPECT_NE(s.status, 0);
    EXPECT_NE(s.err.find(db), std::string::npos) << s.err;
    EXPECT_EQ(std::count(s.err.begin(), s.err.end(), '\n'), 1);
}

TEST(Cli, CorruptIndexIsReported) {
    vigie::testing::TempDir tmp;
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, kSeeds}, tmp).status, 0);
    for (auto& f : std::filesystem::directory_iterator(db + "/gen-000001"))
        if (f.path().extension() == ".glass") std::ofstream(f.path(), std::ios::trunc) << "garbage";
    Output s = vigie({"search", "--db", db, "wagner"}, tmp);
    EXPECT_NE(s.status, 0);
    EXPECT_NE(s.err.find(db), std::string::npos) << s.err;
    EXPECT_EQ(std::count(s.err.begin(), s.err.end(), '\n'), 1) << s.err;
}

// An index of format 1 (Snowball stems; no "format" metadata) would answer
// wrongly, not fail: searches and incremental runs refuse it, a rebuild
// replaces it.
TEST(Cli, AnIndexOfAnotherFormatAsksForARebuild) {
    vigie::testing::TempDir tmp;
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, kSeeds}, tmp).status, 0);
    {
        Xapian::WritableDatabase w(db + "/gen-000001");
        w.set_metadata("format", "");
        w.commit();
    }
    for (auto args : {std::vector<std::string>{"search", "--db", db, "wagner"},
                      std::vector<std::string>{"index", "--db", db, kSeeds}}) {
        Output s = vigie(args, tmp);
        EXPECT_NE(s.status, 0) << args[0];
        EXPECT_NE(s.err.find("--rebuild"), std::string::npos) << s.err;
        EXPECT_NE(s.err.find("format 1"), std::string::npos) << s.err;
    }
    ASSERT_EQ(vigie({"index", "--db", db, "--rebuild", kSeeds}, tmp).status, 0);
    EXPECT_EQ(vigie({"search", "--db", db, "wagner"}, tmp).status, 0);
}

TEST(Cli, BadFilesAreReportedAndTheOthersIndexed) {
    vigie::testing::TempDir tmp;
    tmp.write("r/good.txt", "Un rapport sur Wagner à Moura.");
    tmp.write("r/binary.txt", std::string("\x00\x01\x02garbage", 10));
    tmp.write("r/empty.txt", "");
    std::filesystem::create_symlink(tmp / "r/absent.txt", tmp / "r/broken.txt");
    std::string db = tmp / "db";
    Output idx = vigie({"index", "--db", db, tmp / "r", tmp / "missing-folder"}, tmp);
    EXPECT_NE(idx.status, 0);
    EXPECT_NE(idx.out.find("1 added"), std::string::npos) << idx.out;
    EXPECT_NE(idx.err.find("binary.txt"), std::string::npos) << idx.err;
    EXPECT_NE(idx.err.find("empty.txt"), std::string::npos) << idx.err;
    EXPECT_NE(idx.err.find("broken.txt"), std::string::npos) << idx.err;
    EXPECT_NE(idx.err.find("missing-folder"), std::string::npos) << idx.err;
    Output s = vigie({"search", "--db", db, "--json", "wagner"}, tmp);
    EXPECT_EQ(nlohmann::json::parse(s.out)["total"], 1);
}

TEST(Cli, VanishedFilesAreRemovedOthersKept) {
    vigie::testing::TempDir tmp;
    tmp.write("r/a.txt", "Wagner à Moura.");
    tmp.write("r/b.txt", "Wagner à Kidal.");
    tmp.write("other/c.txt", "Wagner à Gao.");
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, tmp / "r", tmp / "other"}, tmp).status, 0);
    std::filesystem::remove(tmp / "r/b.txt");
    tmp.write("r/a.txt", "Wagner à Moura, mis à jour avec Ségou.");
    Output idx = vigie({"index", "--db", db, tmp / "r"}, tmp);
    ASSERT_EQ(idx.status, 0) << idx.err;
    EXPECT_NE(idx.out.find("1 updated, 1 removed"), std::string::npos) << idx.out;
    auto j = nlohmann::json::parse(vigie({"search", "--db", db, "--json", "wagner"}, tmp).out);
    EXPECT_EQ(j["total"], 2);  // a (updated) and c (outside the indexed folder, kept)
    auto seg = nlohmann::json::parse(vigie({"search", "--db", db, "--json", "segou"}, tmp).out);
    EXPECT_EQ(seg["total"], 1);
}

TEST(Cli, FacetsListEveryValueWithItsType) {
    vigie::testing::TempDir tmp;
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, kSeeds}, tmp).status, 0);
    Output f = vigie({"facets", "--db", db, "--json", "--field", "actor"}, tmp);
    ASSERT_EQ(f.status, 0) << f.err;
    auto j = nlohmann::json::parse(f.out);
    ASSERT_TRUE(j.contains("actor"));
    EXPECT_FALSE(j.contains("place"));
    bool wagner = false;
    for (auto& v : j["actor"]) {
        EXPECT_TRUE(v.contains("type")) << v.dump();
        if (v["id"] == "wagner") wagner = v["count"] == 5 && v["type"] == "foreign_force";
    }
    EXPECT_TRUE(wagner);
    Output p = vigie({"search", "--db", db, "--json", "--place", "mopti", "--from", "2022-06", "--to", "2022-06"}, tmp);
    auto pj = nlohmann::json::parse(p.out);
    ASSERT_EQ(pj["total"], 1);
    EXPECT_EQ(pj["hits"][0]["id"].get<std::string>().substr(0, 3), "004");
    EXPECT_TRUE(pj["hits"][0].contains("mentioned"));
}

TEST(Cli, AnalyzeShowsTerms) {
    vigie::testing::TempDir tmp;
    Output a = vigie({"analyze", "--json", "L’armée"}, tmp);
    ASSERT_EQ(a.status, 0);
    auto j = nlohmann::json::parse(a.out);
    ASSERT_EQ(j["tokens"].size(), 1u);
    EXPECT_EQ(j["tokens"][0]["form"], "armée");
    EXPECT_EQ(j["tokens"][0]["terms"][0], "Zarmée");
    EXPECT_EQ(j["tokens"][0]["name"], false);
    Output m = vigie({"analyze", "--json", "Mali", "mal", "Moura", "mourir"}, tmp);
    ASSERT_EQ(m.status, 0);
    auto mj = nlohmann::json::parse(m.out);
    ASSERT_EQ(mj["tokens"].size(), 4u);
    EXPECT_EQ(mj["tokens"][0]["name"], true);
    EXPECT_EQ(mj["tokens"][0]["terms"], nlohmann::json::array({"mali"}));
    EXPECT_EQ(mj["tokens"][1]["terms"], nlohmann::json::array({"Zmal"}));
    EXPECT_EQ(mj["tokens"][2]["name"], true);
    EXPECT_FALSE(mj["tokens"][2]["why"].get<std::string>().empty());
    // A verb also matches its agreeing past participle (« ils sont morts »).
    EXPECT_EQ(mj["tokens"][3]["terms"], nlohmann::json::array({"Zmourir", "Zmort"}));
    EXPECT_EQ(mj["tokens"][2]["terms"], nlohmann::json::array({"moura"}));
}

TEST(Cli, BadArgumentsFail) {
    vigie::testing::TempDir tmp;
    EXPECT_NE(vigie({"search", "--sort", "sideways"}, tmp).status, 0);
    EXPECT_NE(vigie({"frobnicate"}, tmp).status, 0);
}

}  // namespace

namespace {

TEST(Cli, RenamedFileIsUpdatedNotDuplicated) {
    vigie::testing::TempDir tmp;
    tmp.write("r/a.txt", "Rapport sur Wagner à Moura.");
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, tmp / "r"}, tmp).status, 0);
    std::filesystem::create_directories(tmp / "r/sub");
    std::filesystem::rename(tmp / "r/a.txt", tmp / "r/sub/b.txt");
    Output idx = vigie({"index", "--db", db, "--json", tmp / "r"}, tmp);
    ASSERT_EQ(idx.status, 0) << idx.err;
    auto s = nlohmann::json::parse(idx.out);
    EXPECT_EQ(s["added"], 0);
    EXPECT_EQ(s["updated"], 1);
    EXPECT_EQ(s["removed"], 0);
    EXPECT_EQ(s["documents"], 1);
    auto j = nlohmann::json::parse(vigie({"search", "--db", db, "--json", "wagner"}, tmp).out);
    ASSERT_EQ(j["total"], 1);
    EXPECT_NE(j["hits"][0]["path"].get<std::string>().find("sub/b.txt"), std::string::npos);
}

TEST(Cli, SecondWriterFailsAtOnceNamingTheLock) {
    vigie::testing::TempDir tmp;
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, kSeeds}, tmp).status, 0);
    int fd = ::open((db + "/write.lock").c_str(), O_RDWR);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    Output second = vigie({"index", "--db", db, kSeeds}, tmp);
    ::close(fd);
    EXPECT_NE(second.status, 0);
    EXPECT_NE(second.err.find("write.lock"), std::string::npos) << second.err;
    EXPECT_NE(second.err.find("another process"), std::string::npos) << second.err;
    // Searching is never blocked by a writer.
    EXPECT_EQ(nlohmann::json::parse(vigie({"search", "--db", db, "--json"}, tmp).out)["total"], 5);
}

TEST(Cli, StatsAndSizeLimit) {
    vigie::testing::TempDir tmp;
    tmp.write("r/small.txt", "Un rapport court sur Gao.");
    tmp.write("r/big.txt", std::string(3 * 1024 * 1024, 'a'));
    std::filesystem::copy_file(std::string(VIGIE_SOURCE_DIR) + "/tests/data/formats/report.md", tmp / "r/n.md");
    std::string db = tmp / "db";
    Output idx = vigie({"index", "--db", db, "--max-size", "1", tmp / "r"}, tmp);
    EXPECT_NE(idx.status, 0);
    EXPECT_NE(idx.err.find("big.txt"), std::string::npos);
    EXPECT_NE(idx.err.find("limit"), std::string::npos);
    Output st = vigie({"stats", "--db", db, "--json"}, tmp);
    ASSERT_EQ(st.status, 0) << st.err;
    auto j = nlohmann::json::parse(st.out);
    EXPECT_EQ(j["reports"], 2);
    EXPECT_EQ(j["formats"]["txt"], 1);
    EXPECT_EQ(j["formats"]["md"], 1);
    EXPECT_GT(j["bytes_on_disk"], 0);
    EXPECT_FALSE(j["last_indexed"].get<std::string>().empty());
}

}  // namespace

namespace {

TEST(Cli, PdfHitsNameTheirPage) {
    vigie::testing::TempDir tmp;
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, std::string(VIGIE_SOURCE_DIR) + "/tests/data/formats/report.pdf"}, tmp).status, 0);
    auto two = nlohmann::json::parse(vigie({"search", "--db", db, "--json", "Diallassagou"}, tmp).out);
    ASSERT_EQ(two["total"], 1);
    EXPECT_EQ(two["hits"][0]["page"], 2);
    auto one = nlohmann::json::parse(vigie({"search", "--db", db, "--json", "Ségou"}, tmp).out);
    EXPECT_EQ(one["hits"][0]["page"], 1);
}

TEST(Cli, SymlinkLoopsAndLatin1) {
    vigie::testing::TempDir tmp;
    tmp.write("r/a/report.txt", "Rapport sur Gao.");
    std::filesystem::create_directory_symlink(tmp / "r", tmp / "r/a/loop");
    tmp.write("r/latin1.txt", "Arm\xE9" "e malienne \xE0 S\xE9gou.");
    std::string db = tmp / "db";
    Output idx = vigie({"index", "--db", db, "--json", tmp / "r"}, tmp);
    ASSERT_EQ(idx.status, 0) << idx.err;
    auto s = nlohmann::json::parse(idx.out);
    EXPECT_EQ(s["added"], 2);
    ASSERT_EQ(s["notes"].size(), 1u);
    EXPECT_NE(s["notes"][0]["reason"].get<std::string>().find("windows-1252"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(vigie({"search", "--db", db, "--json", "Segou"}, tmp).out)["total"], 1);
}

}  // namespace

namespace {

// --format: json as --json; csv and jsonl the whole set past the default
// page of 10 (here: 12 reports), --limit capping it; a bad value is refused.
TEST(Cli, SearchFormatsExportTheWholeSet) {
    vigie::testing::TempDir tmp;
    for (int i = 0; i < 12; ++i)
        tmp.write("r/r" + std::to_string(10 + i) + ".txt", "Rapport " + std::to_string(i) + "\nUne attaque à Gao.");
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, tmp / "r"}, tmp).status, 0);
    Output json = vigie({"search", "--db", db, "--format", "json", "attaque"}, tmp);
    ASSERT_EQ(json.status, 0) << json.err;
    EXPECT_EQ(nlohmann::json::parse(json.out)["total"], 12);
    EXPECT_EQ(json.out, vigie({"search", "--db", db, "--json", "attaque"}, tmp).out);
    struct Case {
        std::vector<std::string> extra;
        std::string format;
        std::size_t lines;  // data rows
    } cases[] = {
        {{}, "csv", 12},
        {{}, "jsonl", 12},
        {{"--limit", "3"}, "csv", 3},
        {{"--limit", "3"}, "jsonl", 3},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args = {"search", "--db", db, "--format", c.format, "attaque"};
        args.insert(args.end(), c.extra.begin(), c.extra.end());
        Output o = vigie(args, tmp);
        ASSERT_EQ(o.status, 0) << o.err;
        // CSV rows end with CRLF (a snippet's own line breaks are bare LF,
        // inside quotes); JSON lines with LF.
        std::string end = c.format == "csv" ? "\r\n" : "\n";
        std::size_t rows = 0;
        for (std::size_t at = o.out.find(end); at != std::string::npos; at = o.out.find(end, at + end.size())) ++rows;
        EXPECT_EQ(rows, c.lines + (c.format == "csv" ? 1 : 0)) << c.format << "\n" << o.out;
        if (c.format == "csv") {
            EXPECT_TRUE(o.out.starts_with("\xEF\xBB\xBFid,date,outlet,title,url,author,source,actors,places,mentioned,snippet\r\n"));
        }
    }
    Output bad = vigie({"search", "--db", db, "--format", "xlsx", "attaque"}, tmp);
    EXPECT_EQ(bad.status, 2);
    EXPECT_TRUE(bad.out.empty());
    Output date = vigie({"search", "--db", db, "--format", "csv", "--from", "2022-13", "attaque"}, tmp);
    EXPECT_EQ(date.status, 64) << date.err;
    EXPECT_TRUE(date.out.empty()) << date.out;
}

}  // namespace
