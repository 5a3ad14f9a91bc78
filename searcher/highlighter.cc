#include "searcher/highlighter.h"

#include <algorithm>
#include <map>

#include "analyzers/lexicon.h"
#include "analyzers/name_rule.h"

namespace vigie::searcher {
namespace {

// Text between tags: only what HTML would misread is escaped.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

double weight_of(const HighlightTerms& terms, const std::string& key) {
    auto it = terms.weight.find(key);
    return it == terms.weight.end() ? 1.0 : std::max(it->second, 0.1);
}

// A passage starts at a word and should not open in the middle of a
// sentence when one starts shortly before its first match.
std::size_t passage_start(const analysis::Analysis& a, std::size_t first_match, std::size_t lead) {
    std::size_t floor = first_match > lead ? first_match - lead : 0;
    std::size_t best = first_match;
    for (const auto& t : a.tokens) {
        if (t.begin > first_match) break;
        if (t.begin >= floor) {
            if (t.sentence_start) return t.begin;
            best = std::min(best, t.begin);
        }
    }
    return best;
}

}  // namespace

std::vector<Highlighter::Span> Highlighter::matches(const analysis::Analysis& a) const {
    std::vector<Span> out;
    const auto& tokens = a.tokens;
    std::vector<bool> in_phrase(tokens.size(), false);
    for (const auto& phrase : terms_.phrases) {
        if (phrase.empty()) continue;
        for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
            bool all = true;
            for (std::size_t k = 0; k < phrase.size() && all; ++k) all = phrase[k].spellings.count(tokens[i + k].folded) > 0;
            if (!all) continue;
            double w = 0;
            std::string key;
            for (const auto& word : phrase) w += weight_of(terms_, word.folded), key += word.folded + ' ';
            out.push_back({tokens[i].begin, tokens[i + phrase.size() - 1].end, w, key});
            for (std::size_t k = 0; k < phrase.size(); ++k) in_phrase[i + k] = true;
        }
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (in_phrase[i]) continue;
        const auto& t = tokens[i];
        if (terms_.folded.count(t.folded)) {
            out.push_back({t.begin, t.end, weight_of(terms_, t.folded), t.folded});
        } else if (!t.stop && (t.lexicon & analysis::Lexicon::kCommon) && terms_.lemmas.count(t.stem) &&
                   !analysis::NameRule::name_occurrence(t, false)) {
            out.push_back({t.begin, t.end, weight_of(terms_, t.stem), t.stem});
        }
    }
    std::sort(out.begin(), out.end(), [](const Span& x, const Span& y) { return x.begin < y.begin; });
    // Overlaps (a phrase inside another): the first wins.
    std::vector<Span> kept;
    for (Span& s : out)
        if (kept.empty() || s.begin >= kept.back().end) kept.push_back(std::move(s));
    return kept;
}

std::string Highlighter::render(const std::string& text, std::size_t from, std::size_t to, const std::vector<Span>& spans) {
    std::string out;
    std::size_t at = from;
    for (const Span& s : spans) {
        if (s.begin < from || s.end > to) continue;
        out += escape(std::string_view(text).substr(at, s.begin - at));
        out += "<b>" + escape(std::string_view(text).substr(s.begin, s.end - s.begin)) + "</b>";
        at = s.end;
    }
    out += escape(std::string_view(text).substr(at, to - at));
    return out;
}

Highlighted Highlighter::whole(std::string_view text) {
    analysis::Analysis a = analyzer_.analyze(text);
    std::vector<Span> spans = matches(a);
    Highlighted h;
    h.html = render(a.text, 0, a.text.size(), spans);
    if (!spans.empty()) h.first_match = spans.front().begin;
    return h;
}

Highlighted Highlighter::snippet(std::string_view text, std::size_t bytes) {
    analysis::Analysis a = analyzer_.analyze(text);
    std::vector<Span> spans = matches(a);
    const std::string& s = a.text;
    // The window starting at each match: the weight of the distinct things
    // it shows, and a little for each repeat.
    std::size_t best = 0;
    double best_score = -1;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        std::map<std::string, double> seen;
        double score = 0;
        for (std::size_t j = i; j < spans.size() && spans[j].end <= spans[i].begin + bytes * 3 / 4; ++j) {
            auto [it, fresh] = seen.emplace(spans[j].key, spans[j].weight);
            score += fresh ? spans[j].weight : spans[j].weight * 0.1;
        }
        if (score > best_score + 1e-9) best_score = score, best = i;
    }
    std::size_t from = spans.empty() ? 0 : passage_start(a, spans[best].begin, bytes / 4);
    std::size_t to = std::min(s.size(), from + bytes);
    if (to < s.size()) {  // end after a whole word
        std::size_t end = from;
        for (const auto& t : a.tokens) {
            if (t.end > to) break;
            if (t.begin >= from) end = t.end;
        }
        to = std::max(end, std::min(s.size(), from + 1));
        while (to < s.size() && (static_cast<unsigned char>(s[to]) & 0xC0) == 0x80) ++to;
    }
    Highlighted h;
    h.html = (from > 0 ? "…" : "") + render(s, from, to, spans) + (to < s.size() ? "…" : "");
    for (const Span& sp : spans)
        if (sp.begin >= from && sp.end <= to) {
            h.first_match = sp.begin;
            break;
        }
    return h;
}

}  // namespace vigie::searcher
