// Crafted queries stay cheap to build and run: a wildcard typed many times
// is expanded once, all wildcards of a query share one budget of terms, and
// quoted phrases beyond a limit are searched as words (each said in warnings).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <xapian.h>

#include "analyzers/french_analyzer.h"
#include "indexer/indexer.h"
#include "schema/schema.h"
#include "searcher/query_builder.h"
#include "support/temp_dir.h"

namespace {

using vigie::searcher::QueryBuilder;

class QueryBudget : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new vigie::testing::TempDir;
        // Many words starting with "a", and "de la" everywhere.
        std::string text = "De la part de la population.";
        for (int i = 0; i < 1500; ++i) text += " a" + std::to_string(i) + "x";
        tmp_->write("r/a.txt", text);
        tmp_->write("r/b.txt", "Une autre phrase de la journée, aux abords de la ville.");
        vigie::indexer::IndexOptions o;
        o.db_dir = *tmp_ / "db";
        o.paths = {*tmp_ / "r"};
        ASSERT_TRUE(vigie::indexer::index_paths(o).ok());
    }
    static void TearDownTestSuite() { delete tmp_; }

    static std::set<std::string> terms(const Xapian::Query& q) {
        return {q.get_unique_terms_begin(), q.get_unique_terms_end()};
    }
    static vigie::testing::TempDir* tmp_;
};
vigie::testing::TempDir* QueryBudget::tmp_ = nullptr;

TEST_F(QueryBudget, WildcardsShareOneBudgetAndExpandOnce) {
    Xapian::Database db(vigie::schema::stub_path(*tmp_ / "db"));
    vigie::analysis::FrenchAnalyzer analyzer;
    QueryBuilder builder(db, analyzer);
    std::string q;
    for (int i = 0; i < 333; ++i) q += "a* ";
    auto built = builder.build(q);
    EXPECT_LE(terms(built.ranked).size(), QueryBuilder::kMaxWildcardTerms + 10);
    ASSERT_FALSE(built.warnings.empty());
    EXPECT_NE(built.warnings[0].find("a*"), std::string::npos) << built.warnings[0];
    std::string many;
    for (int i = 0; i < 15; ++i) many += "a" + std::to_string(i) + "* ";
    many += "a* ab* ac* ad* ae* af*";
    auto wide = QueryBuilder(db, analyzer).build(many);
    EXPECT_LE(terms(wide.ranked).size(), QueryBuilder::kMaxExpandedTerms + 50);
}

TEST_F(QueryBudget, PhrasesBeyondTheLimitAreWords) {
    Xapian::Database db(vigie::schema::stub_path(*tmp_ / "db"));
    vigie::analysis::FrenchAnalyzer analyzer;
    std::string q;
    for (int i = 0; i < 100; ++i) q += "\"de la\" ";
    auto built = QueryBuilder(db, analyzer).build(q);
    std::string d = built.ranked.get_description();
    std::size_t phrases = 0;
    for (std::size_t at = d.find("PHRASE"); at != std::string::npos; at = d.find("PHRASE", at + 1)) ++phrases;
    EXPECT_EQ(phrases, 1u);  // the same phrase typed 100 times is one
    std::string different;
    for (int i = 0; i < 40; ++i) different += "\"de la " + std::to_string(i) + "\" ";
    auto many = QueryBuilder(db, analyzer).build(different);
    d = many.ranked.get_description();
    phrases = 0;
    for (std::size_t at = d.find("PHRASE"); at != std::string::npos; at = d.find("PHRASE", at + 1)) ++phrases;
    // A phrase of three words prints PHRASE twice.
    EXPECT_LE(phrases, 2 * QueryBuilder::kMaxPhrases);
    EXPECT_FALSE(many.warnings.empty());
}

}  // namespace
