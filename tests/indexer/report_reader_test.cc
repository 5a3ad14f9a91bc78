#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "indexer/report_reader.h"

using namespace vigie::indexer;

TEST(ReportReader, Utf8) {
    auto r = read_text_report("a.txt", "Titre à Ségou\nCorps.");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->encoding, "utf-8");
    EXPECT_EQ(r->title, "Titre à Ségou");
}

TEST(ReportReader, Latin1IsConverted) {
    auto r = read_text_report("a.txt", "S\xE9gou \x96 l'arm\xE9" "e");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->encoding, "windows-1252");
    EXPECT_EQ(r->title, "Ségou \u2013 l'armée");
}

TEST(ReportReader, BinaryIsRefusedWithThePath) {
    auto r = read_text_report("dir/bin.txt", std::string("\x00\x01\xFF\xFE", 4));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("dir/bin.txt"), std::string::npos);
    EXPECT_NE(r.error().message.find("binary"), std::string::npos);
}

TEST(ReportReader, EmptyIsRefused) {
    auto r = read_text_report("e.txt", "  \n\n ");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("empty"), std::string::npos);
}

TEST(ReadFile, MissingAndTooLarge) {
    auto missing = read_file("/nonexistent/x.txt", 100);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("/nonexistent/x.txt"), std::string::npos);

    auto dir = std::filesystem::temp_directory_path() / "vigie_reader_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "big.txt") << std::string(200, 'x');
    auto big = read_file((dir / "big.txt").string(), 100);
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().message.find("limit"), std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST(ContentHash, StableAndSensitive) {
    EXPECT_EQ(content_hash("abc"), content_hash("abc"));
    EXPECT_NE(content_hash("abc"), content_hash("abd"));
    EXPECT_EQ(content_hash("").size(), 16u);
}
