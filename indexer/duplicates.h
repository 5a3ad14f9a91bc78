// Duplicates (docs/duplicates.md): the same story told by several reports.
// At index time each report gets a fingerprint of its text (an exact hash
// and a MinHash over 5-word shingles); after the writing pass,
// group_duplicates() joins reports that are exact copies, that a feed marks
// as `duplicate_of` one another, or whose MinHash estimates a Jaccard
// similarity of at least kNearThreshold, and writes each group's key into
// the report's group slot (schema::kSlotGroup).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::indexer {

class ShardSet;

inline constexpr std::size_t kShingleWords = 5;
inline constexpr std::size_t kMinHashes = 128;
inline constexpr std::size_t kBands = 32, kRows = 4;  // LSH: kBands * kRows == kMinHashes
// Estimated Jaccard similarity over which two reports are the same story,
// measured on OrangeSum (bench/RESULTS.md, "Duplicates").
inline constexpr double kNearThreshold = 0.5;

// The words of a text for comparing: letters and digits (UTF-8 bytes above
// 0x7F kept), ASCII lower-cased, everything else a separator.
std::vector<std::string> comparison_words(std::string_view text);

// 64-bit hashes of the text's k-word shingles (distinct, sorted); a text of
// fewer than k words gives one shingle of all its words, none when empty.
std::vector<std::uint64_t> shingles(const std::vector<std::string>& words, std::size_t k = kShingleWords);

using MinHash = std::array<std::uint32_t, kMinHashes>;
MinHash min_hash(const std::vector<std::uint64_t>& shingles);
// Share of equal minima: an estimate of the Jaccard similarity of the two sets.
double estimated_jaccard(const MinHash& a, const MinHash& b);

// The fingerprint stored in schema::kSlotFingerprint: the exact hash of the
// comparison words, the MinHash, the report's id and the feed's
// `duplicate_of` (the key of the report it copies; may be empty).
struct Fingerprint {
    std::uint64_t exact = 0;  // 0: no words (a report without text is nobody's copy)
    MinHash minhash{};
    std::string id, duplicate_of;
};
Fingerprint fingerprint(std::string_view title, std::string_view body, std::string id, std::string duplicate_of);
std::string encode(const Fingerprint& f);
std::optional<Fingerprint> decode_fingerprint(std::string_view value);

// Groups fingerprints (index i of the input): exact copies, duplicate_of
// links (to the report with that id) and LSH candidates whose estimated
// Jaccard is at least `threshold`. Returns, for each input, its group's key:
// the smallest id of the group (its own id when alone).
std::vector<std::string> group_keys(const std::vector<Fingerprint>& prints, double threshold = kNearThreshold);

struct GroupingSummary {
    std::size_t reports = 0, groups = 0;  // groups: of two reports or more
    std::size_t in_groups = 0;            // reports in those groups
    std::size_t rewritten = 0;            // reports whose group changed in this run
    double seconds = 0;
};

// Reads every report's fingerprint, groups them and writes the group key of
// each report whose key changed (its value slot only). Commits.
GroupingSummary group_duplicates(ShardSet& db, double threshold = kNearThreshold);

}  // namespace vigie::indexer
