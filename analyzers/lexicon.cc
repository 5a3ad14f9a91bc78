#include "lexicon.h"

#include <cstring>

#ifndef VIGIE_NO_EMBEDDED_LEXICON  // the build tool that makes the blob has none
extern "C" const char vigie_lexicon_fr[];
extern "C" const char vigie_lexicon_fr_end[];
#endif

namespace vigie::analysis {
namespace {

// Blob layout (LEXICON.md, "Compiled form"): the magic, six little-endian
// u32 (forms, accent-free keys, name variant keys, families, verbs with
// participles, text bytes), the five offset arrays (u32 each, into the
// text), then the text: one line per key, "key\tvalue\t...\n", each section
// sorted by the bytes of its keys.
constexpr std::string_view kMagic = "VLEX0004";
constexpr std::size_t kHeader = 8 + 7 * 4;

std::uint32_t u32_at(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

std::string_view field(std::string_view line, std::size_t n) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) return {};
        start = tab + 1;
    }
    std::size_t end = line.find('\t', start);
    return line.substr(start, end == std::string_view::npos ? line.size() - start : end - start);
}

std::vector<std::string_view> fields_after_key(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = line.find('\t');
    while (start != std::string_view::npos) {
        std::size_t end = line.find('\t', start + 1);
        std::size_t len = end == std::string_view::npos ? line.size() - start - 1 : end - start - 1;
        out.push_back(line.substr(start + 1, len));
        start = end;
    }
    return out;
}

}  // namespace

Lexicon::Lexicon(std::string_view blob) {
    if (blob.size() < kHeader || blob.substr(0, kMagic.size()) != kMagic) return;
    auto* p = reinterpret_cast<const unsigned char*>(blob.data()) + kMagic.size();
    std::uint32_t n1 = u32_at(p), n2 = u32_at(p + 4), n3 = u32_at(p + 8), n4 = u32_at(p + 12),
                  n5 = u32_at(p + 16), n6 = u32_at(p + 20), text = u32_at(p + 24);
    std::size_t offsets = 4ull * (std::size_t{n1} + n2 + n3 + n4 + n5 + n6);
    if (blob.size() < kHeader + offsets + text) return;
    const unsigned char* o = p + 28;
    forms_ = {o, n1};
    folded_ = {o + 4ull * n1, n2};
    variants_ = {o + 4ull * (std::size_t{n1} + n2), n3};
    families_ = {o + 4ull * (std::size_t{n1} + n2 + n3), n4};
    participles_ = {o + 4ull * (std::size_t{n1} + n2 + n3 + n4), n5};
    inflections_ = {o + 4ull * (std::size_t{n1} + n2 + n3 + n4 + n5), n6};
    text_ = blob.substr(kHeader + offsets, text);
    n_forms_ = n1;
    valid_ = true;
}

#ifndef VIGIE_NO_EMBEDDED_LEXICON
const Lexicon& Lexicon::french() {
    static const Lexicon lexicon(
        std::string_view(vigie_lexicon_fr, static_cast<std::size_t>(vigie_lexicon_fr_end - vigie_lexicon_fr)));
    return lexicon;
}
#endif

std::string_view Lexicon::line(const Section& s, std::uint32_t i) const {
    std::uint32_t start = u32_at(s.offsets + 4ull * i);
    if (start >= text_.size()) return {};
    std::size_t end = text_.find('\n', start);
    return text_.substr(start, (end == std::string_view::npos ? text_.size() : end) - start);
}

std::optional<std::string_view> Lexicon::find_line(const Section& s, std::string_view key) const {
    if (!valid_ || key.empty()) return std::nullopt;
    std::uint32_t lo = 0, hi = s.count;
    while (lo < hi) {
        std::uint32_t mid = lo + (hi - lo) / 2;
        std::string_view l = line(s, mid);
        std::string_view k = l.substr(0, l.find('\t'));
        int c = k.compare(key);
        if (c == 0) return l;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return std::nullopt;
}

std::string_view Lexicon::form_at(std::size_t i) const {
    if (!valid_ || i >= n_forms_) return {};
    std::string_view l = line(forms_, static_cast<std::uint32_t>(i));
    return l.substr(0, l.find('\t'));
}

std::optional<LexiconEntry> Lexicon::find(std::string_view form) const {
    std::optional<std::string_view> l = find_line(forms_, form);
    if (!l) return std::nullopt;
    LexiconEntry e;
    e.lemma = field(*l, 1);
    if (e.lemma.empty()) e.lemma = l->substr(0, l->find('\t'));
    std::string_view f = field(*l, 2);
    for (char c : f)
        if (c >= '0' && c <= '9') e.flags = static_cast<std::uint8_t>(e.flags * 10 + (c - '0'));
    return e;
}

std::vector<std::string_view> Lexicon::values(const Section& s, std::string_view key) const {
    std::optional<std::string_view> l = find_line(s, key);
    return l ? fields_after_key(*l) : std::vector<std::string_view>{};
}

std::vector<std::string_view> Lexicon::forms_with_folded(std::string_view folded) const {
    return values(folded_, folded);
}

std::vector<std::string_view> Lexicon::name_variants(std::string_view folded) const {
    return values(variants_, folded);
}

std::vector<std::string_view> Lexicon::family(std::string_view lemma) const { return values(families_, lemma); }

std::vector<std::string_view> Lexicon::participles(std::string_view verb) const { return values(participles_, verb); }

std::vector<std::string_view> Lexicon::inflections(std::string_view lemma) const { return values(inflections_, lemma); }

std::string loose_name_key(std::string_view folded) {
    std::string s;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        char c = folded[i];
        if (c == 'y') c = 'i';
        if (c == 'o' && i + 1 < folded.size() && folded[i + 1] == 'u') {
            c = 'u';
            ++i;
        }
        if (!s.empty() && s.back() == c) continue;
        s.push_back(c);
    }
    return s;
}

}  // namespace vigie::analysis
