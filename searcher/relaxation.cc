#include "searcher/relaxation.h"

#include <algorithm>
#include <functional>

#include "analyzers/french_analyzer.h"

namespace vigie::searcher {
namespace {

// Quotes that open a phrase, and the one closing each.
const std::vector<std::pair<std::string, std::string>> kQuotes = {{"\"", "\""}, {"“", "”"}, {"«", "»"}};

// Spans [begin, end) of the query's words and phrases.
std::vector<std::pair<std::size_t, std::size_t>> spans(const std::string& q) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    auto space = [&](std::size_t at) { return q[at] == ' ' || q[at] == '\t' || q[at] == '\n' || q[at] == '\r'; };
    while (i < q.size()) {
        if (space(i)) { ++i; continue; }
        std::size_t begin = i, end = std::string::npos;
        for (const auto& [open, close] : kQuotes) {
            if (q.compare(i, open.size(), open) != 0) continue;
            std::size_t shut = q.find(close, i + open.size());
            end = shut == std::string::npos ? q.size() : shut + close.size();
            break;
        }
        if (end == std::string::npos) {
            end = i;
            while (end < q.size() && !space(end)) ++end;
        }
        out.emplace_back(begin, end);
        i = end;
    }
    return out;
}

bool is_word(const std::string& token) {
    if (token == "OR" || token == "AND" || token == "NOT" || token == "ET" || token == "OU") return false;
    return std::any_of(token.begin(), token.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z');
    });
}

}  // namespace

std::vector<std::string> query_words(const std::string& query) {
    std::vector<std::string> out;
    for (auto [b, e] : spans(query))
        if (std::string t = query.substr(b, e - b); is_word(t)) out.push_back(t);
    return out;
}

std::string query_without(const std::string& query, std::size_t index) {
    std::string out;
    std::size_t word = 0;
    for (auto [b, e] : spans(query)) {
        std::string t = query.substr(b, e - b);
        if (is_word(t) && word++ == index) continue;
        out += (out.empty() ? "" : " ") + t;
    }
    return out;
}

void add_relaxations(Searcher& searcher, const SearchRequest& request, SearchResult& result) {
    if (result.total > 0) return;
    result.collection = searcher.publication_span();
    SearchRequest base = request;
    base.count_only = true;
    base.limit = 0;
    base.offset = 0;
    base.explain = false;
    struct Pending {
        Relaxation relaxation;
        SearchRequest request;
    };
    std::vector<Pending> pending;
    auto filter = [&](const char* without, bool present, const std::function<void(SearchRequest&)>& drop) {
        if (!present) return;
        Pending p{Relaxation{without, "", "", 0}, base};
        drop(p.request);
        pending.push_back(std::move(p));
    };
    filter("actor", !request.actors.empty(), [](SearchRequest& r) { r.actors.clear(); });
    filter("place", !request.places.empty(), [](SearchRequest& r) { r.places.clear(); });
    filter("dates", !request.from.empty() || !request.to.empty(), [](SearchRequest& r) { r.from.clear(), r.to.clear(); });
    filter("event_dates", !request.event_from.empty() || !request.event_to.empty(),
           [](SearchRequest& r) { r.event_from.clear(), r.event_to.clear(); });
    analysis::FrenchAnalyzer analyzer;
    std::vector<std::string> words = query_words(request.query);
    std::vector<Pending> by_word;
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto tokens = analyzer.analyze(words[i]).tokens;
        bool stop = std::all_of(tokens.begin(), tokens.end(), [](const auto& t) { return t.stop; });
        if (stop && words.size() > 1) continue;  // dropped from the query anyway
        Pending p{Relaxation{"word", words[i], query_without(request.query, i), 0}, base};
        p.request.query = p.relaxation.query;
        by_word.push_back(std::move(p));
    }
    // Filters first (at most four), then words, within the cap; shown words first.
    std::size_t room = kMaxRelaxations > pending.size() ? kMaxRelaxations - pending.size() : 0;
    if (by_word.size() > room) by_word.resize(room);
    by_word.insert(by_word.end(), std::make_move_iterator(pending.begin()), std::make_move_iterator(pending.end()));
    if (by_word.size() > kMaxRelaxations) by_word.resize(kMaxRelaxations);
    std::vector<Relaxation> out;
    for (Pending& p : by_word) {
        auto counted = searcher.search(p.request);
        if (!counted) return;  // none rather than some
        p.relaxation.total = counted->total;
        out.push_back(std::move(p.relaxation));
    }
    result.relaxations = std::move(out);
}

}  // namespace vigie::searcher
