#include "analyzers/entities/phrase_matcher.h"

#include <algorithm>
#include <cstring>
#include <map>

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

// The flat form (docs/entity-tables.md): four little-endian u32 (nodes,
// edges, ends, key bytes), then per node the first of its edges and of its
// ends (n + 1 each), the edges (key offset, key length, child node; a node's
// edges sorted by key bytes), the ends (entity, flags), the keys. Node 0 is
// the root.
struct PhraseMatcher::Flat {
    std::uint32_t nodes = 0, edges = 0, ends = 0;
    const unsigned char *edge_begin = nullptr, *end_begin = nullptr, *edge = nullptr, *end = nullptr;
    const char* keys = nullptr;

    static std::uint32_t u32(const unsigned char* p) {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;  // the tables are written little-endian, as every machine Vigie builds on
    }
    std::uint32_t first_edge(std::uint32_t n) const { return u32(edge_begin + 4ull * n); }
    std::uint32_t first_end(std::uint32_t n) const { return u32(end_begin + 4ull * n); }
    std::string_view key(std::uint32_t e) const {
        return {keys + u32(edge + 12ull * e), u32(edge + 12ull * e + 4)};
    }
    std::uint32_t child(std::uint32_t e) const { return u32(edge + 12ull * e + 8); }
    // The child of node `n` under `k`, or 0 (the root is nobody's child).
    std::uint32_t next(std::uint32_t n, std::string_view k) const {
        std::uint32_t lo = first_edge(n), hi = first_edge(n + 1);
        while (lo < hi) {
            std::uint32_t mid = lo + (hi - lo) / 2;
            int c = key(mid).compare(k);
            if (c == 0) return child(mid);
            if (c < 0) lo = mid + 1;
            else hi = mid;
        }
        return 0;
    }
};

PhraseMatcher::PhraseMatcher() : root_(std::make_unique<Node>()) {}
PhraseMatcher::~PhraseMatcher() = default;
PhraseMatcher::PhraseMatcher(PhraseMatcher&&) noexcept = default;
PhraseMatcher& PhraseMatcher::operator=(PhraseMatcher&&) noexcept = default;

PhraseMatcher::PhraseMatcher(std::string_view flat) : root_(std::make_unique<Node>()) {
    if (flat.size() < 16) return;
    auto* p = reinterpret_cast<const unsigned char*>(flat.data());
    Flat f;
    f.nodes = Flat::u32(p);
    f.edges = Flat::u32(p + 4);
    f.ends = Flat::u32(p + 8);
    std::uint64_t key_bytes = Flat::u32(p + 12);
    std::uint64_t need = 16 + 8ull * (std::uint64_t{f.nodes} + 1) + 12ull * f.edges + 8ull * f.ends + key_bytes;
    if (f.nodes == 0 || need != flat.size()) return;
    f.edge_begin = p + 16;
    f.end_begin = f.edge_begin + 4ull * (f.nodes + 1);
    f.edge = f.end_begin + 4ull * (f.nodes + 1);
    f.end = f.edge + 12ull * f.edges;
    f.keys = reinterpret_cast<const char*>(f.end + 8ull * f.ends);
    if (f.first_edge(f.nodes) != f.edges || f.first_end(f.nodes) != f.ends) return;
    root_.reset();
    flat_ = std::make_unique<Flat>(f);
}

void PhraseMatcher::serialize(std::string& out) const {
    // Nodes numbered breadth-first; keys stored once each.
    std::vector<const Node*> nodes;
    if (root_) nodes.push_back(root_.get());
    std::vector<std::uint32_t> edge_begin, end_begin, edges, ends;
    std::string keys;
    std::map<std::string, std::uint32_t> key_at;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Node* n = nodes[i];
        edge_begin.push_back(static_cast<std::uint32_t>(edges.size() / 3));
        end_begin.push_back(static_cast<std::uint32_t>(ends.size() / 2));
        std::vector<std::pair<std::string_view, const Node*>> sorted;
        for (const auto& [k, child] : n->next) sorted.emplace_back(k, child.get());
        std::sort(sorted.begin(), sorted.end());
        for (const auto& [k, child] : sorted) {
            auto [it, fresh] = key_at.try_emplace(std::string(k), static_cast<std::uint32_t>(keys.size()));
            if (fresh) keys += k;
            edges.insert(edges.end(), {it->second, static_cast<std::uint32_t>(k.size()),
                                       static_cast<std::uint32_t>(nodes.size())});
            nodes.push_back(child);
        }
        for (const auto& [entity, flags] : n->ends) ends.insert(ends.end(), {entity, flags});
    }
    edge_begin.push_back(static_cast<std::uint32_t>(edges.size() / 3));
    end_begin.push_back(static_cast<std::uint32_t>(ends.size() / 2));
    auto put = [&out](std::uint32_t v) {
        char b[4];
        std::memcpy(b, &v, 4);
        out.append(b, 4);
    };
    put(static_cast<std::uint32_t>(nodes.size()));
    put(static_cast<std::uint32_t>(edges.size() / 3));
    put(static_cast<std::uint32_t>(ends.size() / 2));
    put(static_cast<std::uint32_t>(keys.size()));
    for (auto v : edge_begin) put(v);
    for (auto v : end_begin) put(v);
    for (auto v : edges) put(v);
    for (auto v : ends) put(v);
    out += keys;
}

void PhraseMatcher::add(analysis::FrenchAnalyzer& analyzer, std::string_view name, std::uint32_t entity,
                        std::uint32_t flags) {
    analysis::Analysis a = analyzer.analyze(name);
    if (a.tokens.empty()) return;
    if (!root_) return;  // a flat matcher is read-only
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
    if (flat_) return find_flat(tokens);
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

// The same walk as find() over the flat form.
std::vector<Match> PhraseMatcher::find_flat(const std::vector<TokenKeys>& tokens) const {
    const Flat& f = *flat_;
    std::vector<Match> out;
    std::size_t i = 0;
    struct State {
        std::uint32_t node;
        std::size_t at;
    };
    std::vector<State> stack;
    while (i < tokens.size()) {
        std::uint32_t best = 0;
        std::size_t best_last = 0;
        stack.assign(1, State{0, i});
        while (!stack.empty()) {
            State s = stack.back();
            stack.pop_back();
            if (s.at >= tokens.size()) continue;
            for (const std::string* key : {&tokens[s.at].exact, &tokens[s.at].stem}) {
                std::uint32_t n = f.next(s.node, *key);
                if (n == 0) continue;
                if (f.first_end(n) != f.first_end(n + 1) && (best == 0 || s.at > best_last)) {
                    best = n;
                    best_last = s.at;
                }
                if (f.first_edge(n) != f.first_edge(n + 1)) stack.push_back({n, s.at + 1});
            }
        }
        if (best == 0) {
            ++i;
            continue;
        }
        for (std::uint32_t e = f.first_end(best); e < f.first_end(best + 1); ++e)
            out.push_back(Match{Flat::u32(f.end + 8ull * e), Flat::u32(f.end + 8ull * e + 4), i, best_last});
        i = best_last + 1;
    }
    return out;
}

}  // namespace vigie::entities
