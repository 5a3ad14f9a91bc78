// Duplicates on a built index (docs/duplicates.md, bench/RESULTS.md):
//   duplicates_sample DB [seed]
// prints the groups the index holds, the share of the feed's duplicate_of
// pairs that land in one group (with every link, and with the text alone),
// how many groups other thresholds would give, pairs of LSH candidates by
// estimated Jaccard (12 per band, to judge by hand) and 30 random groups of
// two or more (titles and first words of each member, to judge by hand).
#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "indexer/duplicates.h"
#include "schema/schema.h"

using namespace vigie;

namespace {

std::string first_words(const std::string& text, std::size_t bytes) {
    std::string out;
    for (char c : text) {
        if (out.size() >= bytes && (static_cast<unsigned char>(c) & 0xC0) != 0x80) break;
        out += c == '\n' ? ' ' : c;
    }
    return out;
}

struct Doc {
    Xapian::docid did;
    indexer::Fingerprint print;
    std::string group;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: duplicates_sample DB [seed]\n");
        return 2;
    }
    unsigned seed = argc > 2 ? static_cast<unsigned>(std::stoul(argv[2])) : 13;
    Xapian::Database db(schema::stub_path(argv[1]));
    std::vector<Doc> docs;
    for (auto it = db.valuestream_begin(schema::kSlotFingerprint); it != db.valuestream_end(schema::kSlotFingerprint); ++it) {
        auto f = indexer::decode_fingerprint(*it);
        if (f) docs.push_back({it.get_docid(), std::move(*f), db.get_document(it.get_docid()).get_value(schema::kSlotGroup)});
    }
    std::vector<indexer::Fingerprint> prints;
    for (const Doc& d : docs) prints.push_back(d.print);
    std::unordered_map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < docs.size(); ++i) by_id[docs[i].print.id] = i;
    auto show = [&](std::size_t i) {
        auto stored = schema::deserialize(db.get_document(docs[i].did).get_data());
        std::printf("    %s | %s | %s\n", docs[i].print.id.c_str(), stored ? stored->title.c_str() : "?",
                    stored ? first_words(stored->body, 110).c_str() : "?");
    };

    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < docs.size(); ++i) groups[docs[i].group].push_back(i);
    std::size_t multi = 0, in_multi = 0, largest = 0;
    std::map<std::size_t, std::size_t> sizes;
    for (const auto& [k, members] : groups)
        if (members.size() > 1) ++multi, in_multi += members.size(), largest = std::max(largest, members.size()), ++sizes[members.size()];
    std::printf("reports %zu, stories %zu, groups of 2+ %zu holding %zu reports, largest %zu\n", docs.size(),
                groups.size(), multi, in_multi, largest);
    std::printf("group sizes:");
    for (const auto& [s, n] : sizes) std::printf(" %zu:%zu", s, n);
    std::printf("\n");

    // duplicate_of pairs: in one group of the index; grouped by the text alone.
    std::vector<indexer::Fingerprint> text_only = prints;
    for (auto& p : text_only) p.duplicate_of.clear();
    std::vector<std::string> text_keys = indexer::group_keys(text_only);
    std::size_t pairs = 0, absent = 0, together = 0, by_text = 0, exact = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const std::string& of = docs[i].print.duplicate_of;
        if (of.empty()) continue;
        auto j = by_id.find(of);
        if (j == by_id.end()) {
            ++absent;
            continue;
        }
        ++pairs;
        together += docs[i].group == docs[j->second].group;
        by_text += text_keys[i] == text_keys[j->second];
        exact += docs[i].print.exact == docs[j->second].print.exact;
    }
    std::printf("duplicate_of pairs %zu (original absent: %zu): in one group %zu (%.1f%%); by the text alone %zu "
                "(%.1f%%), of which exact copies %zu\n",
                pairs, absent, together, 100.0 * together / std::max<std::size_t>(pairs, 1), by_text,
                100.0 * by_text / std::max<std::size_t>(pairs, 1), exact);

    for (double t : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
        std::vector<std::string> keys = indexer::group_keys(prints, t);
        std::map<std::string, std::size_t> n;
        for (const auto& k : keys) ++n[k];
        std::size_t g = 0, r = 0;
        for (const auto& [k, c] : n)
            if (c > 1) ++g, r += c;
        std::printf("threshold %.1f: %zu groups of %zu reports\n", t, g, r);
    }

    // Candidate pairs (one shared LSH band) by estimated Jaccard, not exact
    // copies and not linked by duplicate_of.
    std::map<int, std::vector<std::pair<std::size_t, std::size_t>>> bins;  // 10 * lower bound
    std::set<std::pair<std::size_t, std::size_t>> seen;
    for (std::size_t band = 0; band < indexer::kBands; ++band) {
        std::unordered_map<std::string, std::vector<std::size_t>> buckets;
        for (std::size_t i = 0; i < docs.size(); ++i) {
            if (!prints[i].exact) continue;
            std::string key(reinterpret_cast<const char*>(&prints[i].minhash[band * indexer::kRows]), 4 * indexer::kRows);
            buckets[key].push_back(i);
        }
        for (const auto& [k, m] : buckets) {
            if (m.size() > 64) continue;
            for (std::size_t a = 0; a < m.size(); ++a)
                for (std::size_t b = a + 1; b < m.size(); ++b) {
                    std::size_t x = m[a], y = m[b];
                    if (!seen.insert({x, y}).second) continue;
                    if (prints[x].exact == prints[y].exact) continue;
                    if (prints[x].duplicate_of == prints[y].id || prints[y].duplicate_of == prints[x].id) continue;
                    double j = indexer::estimated_jaccard(prints[x].minhash, prints[y].minhash);
                    if (j >= 0.3) bins[std::min(9, static_cast<int>(j * 10))].emplace_back(x, y);
                }
        }
    }
    std::mt19937 rng(seed);
    for (auto& [bin, list] : bins) {
        std::printf("\ncandidate pairs with estimated Jaccard %.1f-%.1f: %zu; a sample:\n", bin / 10.0, bin / 10.0 + 0.1,
                    list.size());
        std::shuffle(list.begin(), list.end(), rng);
        for (std::size_t i = 0; i < list.size() && i < 12; ++i) {
            std::printf("  pair %zu (J=%.2f)\n", i + 1, indexer::estimated_jaccard(prints[list[i].first].minhash, prints[list[i].second].minhash));
            show(list[i].first);
            show(list[i].second);
        }
    }

    std::vector<const std::vector<std::size_t>*> multis;
    for (const auto& [k, members] : groups)
        if (members.size() > 1) multis.push_back(&members);
    std::shuffle(multis.begin(), multis.end(), rng);
    std::printf("\n30 random groups:\n");
    for (std::size_t g = 0; g < multis.size() && g < 30; ++g) {
        std::printf("  group %zu (%zu reports)\n", g + 1, multis[g]->size());
        for (std::size_t i = 0; i < multis[g]->size() && i < 6; ++i) show((*multis[g])[i]);
    }
    return 0;
}
