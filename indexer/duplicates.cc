#include "indexer/duplicates.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <numeric>
#include <unordered_map>

#include <xapian.h>

#include "indexer/shard_set.h"
#include "schema/schema.h"

namespace vigie::indexer {
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL, kFnvPrime = 1099511628211ULL;

std::uint64_t fnv(std::uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= kFnvPrime;
    }
    return h;
}

// SplitMix64's finaliser: a well-mixed 64-bit permutation.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get_u64(std::string_view in, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
    return v;
}

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) {
        a = find(a), b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

// A band of LSH buckets larger than this (a boilerplate text shared by
// many reports) is compared against its first member only, not pairwise.
constexpr std::size_t kMaxPairwiseBucket = 64;

}  // namespace

std::vector<std::string> comparison_words(std::string_view text) {
    std::vector<std::string> words;
    std::string cur;
    for (char ch : text) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            cur.push_back(ch);
        } else if (c >= 'A' && c <= 'Z') {
            cur.push_back(static_cast<char>(c - 'A' + 'a'));
        } else if (!cur.empty()) {
            words.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    return words;
}

std::vector<std::uint64_t> shingles(const std::vector<std::string>& words, std::size_t k) {
    std::vector<std::uint64_t> out;
    if (words.empty() || k == 0) return out;
    std::size_t n = words.size() < k ? 1 : words.size() - k + 1;
    std::size_t len = std::min(k, words.size());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t h = kFnvOffset;
        for (std::size_t j = i; j < i + len; ++j) h = fnv(fnv(h, words[j]), " ");
        out.push_back(h);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

MinHash min_hash(const std::vector<std::uint64_t>& sh) {
    MinHash m;
    m.fill(std::numeric_limits<std::uint32_t>::max());
    for (std::uint64_t s : sh) {
        for (std::size_t i = 0; i < kMinHashes; ++i) {
            auto v = static_cast<std::uint32_t>(mix(s ^ mix(i + 1)) >> 32);
            if (v < m[i]) m[i] = v;
        }
    }
    return m;
}

double estimated_jaccard(const MinHash& a, const MinHash& b) {
    std::size_t same = 0;
    for (std::size_t i = 0; i < kMinHashes; ++i) same += a[i] == b[i];
    return static_cast<double>(same) / kMinHashes;
}

Fingerprint fingerprint(std::string_view title, std::string_view body, std::string id, std::string duplicate_of) {
    Fingerprint f;
    f.id = std::move(id);
    f.duplicate_of = std::move(duplicate_of);
    std::vector<std::string> words = comparison_words(title);
    std::vector<std::string> more = comparison_words(body);
    words.insert(words.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    if (words.empty()) return f;
    std::uint64_t h = kFnvOffset;
    for (const std::string& w : words) h = fnv(fnv(h, w), " ");
    f.exact = h ? h : 1;
    f.minhash = min_hash(shingles(words));
    return f;
}

// exact (8 bytes, little-endian), the minima (4 bytes each, little-endian),
// the id's length (8 bytes), the id, then duplicate_of to the end.
std::string encode(const Fingerprint& f) {
    std::string out;
    out.reserve(8 + 4 * kMinHashes + 8 + f.id.size() + f.duplicate_of.size());
    put_u64(out, f.exact);
    for (std::uint32_t v : f.minhash)
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    put_u64(out, f.id.size());
    out += f.id;
    out += f.duplicate_of;
    return out;
}

std::optional<Fingerprint> decode_fingerprint(std::string_view in) {
    constexpr std::size_t head = 8 + 4 * kMinHashes;
    if (in.size() < head + 8) return std::nullopt;
    Fingerprint f;
    f.exact = get_u64(in, 0);
    for (std::size_t i = 0; i < kMinHashes; ++i) {
        std::uint32_t v = 0;
        for (int b = 3; b >= 0; --b) v = (v << 8) | static_cast<unsigned char>(in[8 + 4 * i + static_cast<std::size_t>(b)]);
        f.minhash[i] = v;
    }
    std::uint64_t id_len = get_u64(in, head);
    if (id_len > in.size() - head - 8) return std::nullopt;
    f.id = std::string(in.substr(head + 8, id_len));
    f.duplicate_of = std::string(in.substr(head + 8 + id_len));
    return f;
}

std::vector<std::string> group_keys(const std::vector<Fingerprint>& prints, double threshold) {
    const std::size_t n = prints.size();
    UnionFind uf(n);
    std::unordered_map<std::uint64_t, std::size_t> by_exact;
    std::unordered_map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < n; ++i) {
        by_id.emplace(prints[i].id, i);
        if (!prints[i].exact) continue;
        auto [it, fresh] = by_exact.emplace(prints[i].exact, i);
        if (!fresh) uf.join(it->second, i);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (prints[i].duplicate_of.empty()) continue;
        auto it = by_id.find(prints[i].duplicate_of);
        if (it != by_id.end()) uf.join(it->second, i);
    }
    // LSH: reports sharing one band's rows are candidates, kept when the
    // estimate over all 128 minima reaches the threshold.
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
    for (std::size_t band = 0; band < kBands; ++band) {
        buckets.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if (!prints[i].exact) continue;
            std::uint64_t h = mix(band + 1);
            for (std::size_t r = 0; r < kRows; ++r) h = mix(h ^ prints[i].minhash[band * kRows + r]);
            buckets[h].push_back(i);
        }
        for (const auto& [h, members] : buckets) {
            if (members.size() < 2) continue;
            bool pairwise = members.size() <= kMaxPairwiseBucket;
            for (std::size_t a = 0; a < members.size(); ++a) {
                for (std::size_t b = a + 1; b < members.size(); ++b) {
                    if (!pairwise && a > 0) break;
                    std::size_t x = members[a], y = members[b];
                    if (uf.find(x) == uf.find(y)) continue;
                    if (estimated_jaccard(prints[x].minhash, prints[y].minhash) >= threshold) uf.join(x, y);
                }
                if (!pairwise) break;
            }
        }
    }
    std::vector<std::string> smallest(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::string& s = smallest[uf.find(i)];
        if (s.empty() || prints[i].id < s) s = prints[i].id;
    }
    std::vector<std::string> keys(n);
    for (std::size_t i = 0; i < n; ++i) keys[i] = smallest[uf.find(i)];
    return keys;
}

GroupingSummary group_duplicates(ShardSet& db, double threshold) {
    auto start = std::chrono::steady_clock::now();
    GroupingSummary summary;
    std::vector<Xapian::docid> docids;
    std::vector<Fingerprint> prints;
    for (auto it = db.valuestream_begin(schema::kSlotFingerprint), end = db.valuestream_end(schema::kSlotFingerprint);
         it != end; ++it) {
        std::optional<Fingerprint> f = decode_fingerprint(*it);
        if (!f) continue;
        docids.push_back(it.get_docid());
        prints.push_back(std::move(*f));
    }
    std::unordered_map<Xapian::docid, std::string> current;
    for (auto it = db.valuestream_begin(schema::kSlotGroup), end = db.valuestream_end(schema::kSlotGroup); it != end; ++it)
        current.emplace(it.get_docid(), *it);
    std::vector<std::string> keys = group_keys(prints, threshold);
    std::unordered_map<std::string, std::size_t> sizes;
    for (const std::string& k : keys) ++sizes[k];
    summary.reports = prints.size();
    for (const auto& [k, size] : sizes)
        if (size > 1) ++summary.groups, summary.in_groups += size;
    // Only the value changes: Xapian then rewrites no term of the document
    // (with a group term, the pass took 32 ms a report on OrangeSum).
    unsigned uncommitted = 0;
    for (std::size_t i = 0; i < prints.size(); ++i) {
        auto old = current.find(docids[i]);
        std::string was = old == current.end() ? std::string() : old->second;
        if (was == keys[i]) continue;
        Xapian::Document doc = db.get_document(docids[i]);
        doc.add_value(schema::kSlotGroup, keys[i]);
        db.replace_document(docids[i], doc);
        ++summary.rewritten;
        if (++uncommitted >= 1000) {
            db.commit();
            uncommitted = 0;
        }
    }
    db.commit();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace vigie::indexer
