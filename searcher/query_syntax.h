// QuerySyntax: reads what a person typed into a tree of words, phrases and
// operators. Tolerant: whatever is typed gives a tree, never an error; what
// could not be read as syntax is read as words (README "Query syntax").
//
//   words           every word is required (counts hold every word)
//   "a phrase"      these words in this order (also “ ” « »)
//   a OR b          either (AND is the default and may be written)
//   NOT a, -a       without
//   +a              required (as a plain word is)
//   word*           words starting so
//   ( )             grouping
//   title:w titre:w date:YYYY[-MM] actor:x acteur:x place:x lieu:x
//
// Unbalanced brackets or quotes, a lone operator, a field with nothing after
// it, a lone "*" or "-": read as the words they contain.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigie::searcher {

struct QueryNode {
    enum class Kind {
        kWord,      // text: one lexeme as typed (may hold several words: "Al-Qaïda")
        kPhrase,    // text: inside the quotes
        kWildcard,  // text: the prefix before '*'
        kDate,      // text: after date:
        kActor,     // text: after actor:/acteur:
        kPlace,     // text: after place:/lieu:
        kAll,       // children: every one (AND), some may be excluded
        kAny,       // children: one at least (OR)
    };
    Kind kind = Kind::kAll;
    std::string text;
    bool title = false;     // title: / titre:
    bool excluded = false;  // NOT, '-': within its kAll parent
    std::vector<QueryNode> children;
};

// Deepest nesting of brackets read as such; deeper brackets are ignored.
inline constexpr unsigned kMaxQueryNesting = 32;

// The tree of `text`: a kAny of kAll sequences (each of one element or
// more), simplified: a single alternative is its kAll, an empty query an
// empty kAll.
QueryNode parse_query(std::string_view text);

// For --explain and tests: the tree in a compact form, e.g.
// (AND wagner (OR fama barkhane) -"mali" date:2022).
std::string describe(const QueryNode& node);

}  // namespace vigie::searcher
