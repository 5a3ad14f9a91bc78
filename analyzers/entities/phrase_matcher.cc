#include "analyzers/entities/phrase_matcher.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "analyzers/accent_folder.h"

namespace vigie::entities {

struct PhraseMatcher::Node {
    std::unordered_map<std::string, std::unique_ptr<Node>> next;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;  // (entity, flags)
};

namespace {

bool starts_upper(std::string_view s) {
    if (s.empty()) return false;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    return c > 0 && u_isupper(c);
}

bool has_upper(std::string_view s) {
    for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
        UChar32 c;
        U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
        if (c > 0 && u_isupper(c)) return true;
    }
    return false;
}

// The part of the surface after an elided clitic ("l'ONU" -> "ONU").
std::string_view after_elision(const analysis::AnalyzedToken& t) {
    std::string_view s = t.surface;
    if (t.form.size() < s.size()) {
        auto apos = s.find('\'');
        if (apos != std::string_view::npos) s = s.substr(apos + 1);
    }
    return s;
}

}  // namespace

std::vector<TokenKeys> token_keys(const std::vector<analysis::AnalyzedToken>& tokens) {
    std::vector<TokenKeys> out;
    out.reserve(tokens.size());
    for (const auto& t : tokens)
        out.push_back({"F" + t.folded, "S" + analysis::fold_accents(t.stem), starts_upper(after_elision(t))});
    return out;
}

PhraseMatcher::PhraseMatcher() : root_(std::make_unique<Node>()) {}
PhraseMatcher::~PhraseMatcher() = default;
PhraseMatcher::PhraseMatcher(PhraseMatcher&&) noexcept = default;

void PhraseMatcher::add(analysis::FrenchAnalyzer& analyzer, std::string_view name, std::uint32_t entity,
                        std::uint32_t flags) {
    analysis::Analysis a = analyzer.analyze(name);
    if (a.tokens.empty()) return;
    Node* node = root_.get();
    for (const auto& t : a.tokens) {
        std::string key = has_upper(after_elision(t)) || t.number ? "F" + t.folded
                                                                  : "S" + analysis::fold_accents(t.stem);
        auto& child = node->next[key];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
    }
    for (auto& e : node->ends)
        if (e.first == entity) return;
    node->ends.emplace_back(entity, flags);
}

std::vector<Match> PhraseMatcher::find(const std::vector<TokenKeys>& tokens) const {
    std::vector<Match> out;
    std::size_t i = 0;
    while (i < tokens.size()) {
        // Depth-first over both keys of each token; keep the longest end.
        const Node* best = nullptr;
        std::size_t best_last = 0;
        struct State {
            const Node* node;
            std::size_t at;
        };
        std::vector<State> stack{{root_.get(), i}};
        while (!stack.empty()) {
            State s = stack.back();
            stack.pop_back();
            if (s.at >= tokens.size()) continue;
            for (const std::string* key : {&tokens[s.at].exact, &tokens[s.at].stem}) {
                auto it = s.node->next.find(*key);
                if (it == s.node->next.end()) continue;
                const Node* n = it->second.get();
                if (!n->ends.empty() && (!best || s.at > best_last)) {
                    best = n;
                    best_last = s.at;
                }
                if (!n->next.empty()) stack.push_back({n, s.at + 1});
            }
        }
        if (!best) {
            ++i;
            continue;
        }
        for (const auto& [entity, flags] : best->ends) out.push_back(Match{entity, flags, i, best_last});
        i = best_last + 1;
    }
    return out;
}

}  // namespace vigie::entities
