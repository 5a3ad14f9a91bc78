// Highlighter: marks a query's matches in a report's text, through the same
// French analysis that indexed it, and picks the passage that shows them.
//
// Why not Xapian's MSet::snippet: it matches a text's words lower-cased,
// accents kept, or through a stemmer, so it cannot see the accent-free
// spellings that names and quoted phrases match on ("Ségou" for "segou",
// "l'Armée malienne" for "armee malienne"), and it highlights a phrase's
// words one by one wherever they stand. Here a word matches as the index
// matched it: its folded spelling, or its lemma where it is no name; a
// phrase only where its words stand in order.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzers/french_analyzer.h"
#include "searcher/query_builder.h"

namespace vigie::searcher {

struct Highlighted {
    std::string html;  // HTML-escaped, matches in <b>…</b>, "…" where the text was cut
    std::optional<std::size_t> first_match;  // byte offset in `text` of the first match shown
};

// Holds references; not thread-safe (uses `analyzer`).
class Highlighter {
public:
    Highlighter(analysis::FrenchAnalyzer& analyzer, const HighlightTerms& terms) : analyzer_(analyzer), terms_(terms) {}

    // A passage of at most about `bytes` bytes: the one holding the rarest
    // and most varied matches; the start of the text when nothing matches.
    Highlighted snippet(std::string_view text, std::size_t bytes);

    // The whole text, every match marked.
    Highlighted whole(std::string_view text);

private:
    struct Span {
        std::size_t begin, end;
        double weight;
        std::string key;  // what matched: a folded spelling, a lemma or a phrase
    };
    std::vector<Span> matches(const analysis::Analysis& a) const;
    static std::string render(const std::string& text, std::size_t from, std::size_t to, const std::vector<Span>& spans);

    analysis::FrenchAnalyzer& analyzer_;
    const HighlightTerms& terms_;
};

}  // namespace vigie::searcher
