// The on-disk index format shared by the indexer and the searcher: term
// prefixes, value slots, document data and the database directory layout.
// Written down in docs/index-format.md; change both together.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/provenance.h"

namespace vigie::schema {

// Term prefixes (Omega conventions; our own start with X). Words are
// unprefixed: <folded spelling>, with positions (docs/index-format.md).
inline constexpr std::string_view kIdPrefix = "Q";         // Q<report id>, one per document
inline constexpr std::string_view kStemPrefix = "Z";       // Z<lemma>, body and title, no positions
inline constexpr std::string_view kTitlePrefix = "S";      // S<folded> (positions), ZS<lemma> for the title
inline constexpr std::string_view kTitleStemPrefix = "ZS";
inline constexpr std::string_view kCapitalPrefix = "XC";   // XC<folded>: written with a capital inside a sentence
inline constexpr std::string_view kFormatPrefix = "XF";     // XFpdf: the report's format (boolean)
inline constexpr std::string_view kDatePrefix = "XD";       // XD2022-11 / XD2022 (boolean)
inline constexpr std::string_view kActorPrefix = "XA";     // XA<actor id> (boolean)
inline constexpr std::string_view kPlacePrefix = "XP";     // XP<place id> (boolean)

// Value slots.
enum Slot : unsigned {
    kSlotDateSort = 0,  // YYYYMMDD, unknown parts as 00; empty when no date
    kSlotDateMonth = 1, // YYYY-MM when the month is known, else YYYY
    kSlotPath = 2,      // absolute path of the source file
    kSlotSignature = 3, // "<size>:<mtime>:<content hash>" to skip unchanged files
    kSlotActors = 4,    // actor ids, '\n'-separated (multi-valued facet)
    kSlotPlaces = 5,    // place ids with their parents, '\n'-separated
    kSlotFingerprint = 6,  // exact hash, MinHash, id, duplicate_of (indexer/duplicates.h)
    kSlotGroup = 7,     // the group key: the smallest id of the reports telling the same story
};

// The index format's version, in the metadata under kFormatKey. Version 3:
// duplicate groups (slots 6 and 7). Version 2: folded words with
// positions, lemmas without (version 1, before the metadata key existed:
// Snowball stems with positions).
inline constexpr std::string_view kFormatKey = "format";
inline constexpr int kFormatVersion = 3;

// Metadata key holding the display label of an actor found by title (a
// person outside the catalogue): "label:" + actor id.
inline constexpr std::string_view kLabelKey = "label:";
// Metadata key holding the spellings met of such a person ('\n'-separated,
// at most kMaxSpellings, in the order met): "spellings:" + actor id. The id
// folds accents, case and elision, so « Édouard Philippe » and « Edouard
// Philippe » are one person written two ways.
inline constexpr std::string_view kSpellingsKey = "spellings:";
inline constexpr std::size_t kMaxSpellings = 8;

// Packs ids into one value slot, and back.
std::string pack_ids(const std::vector<std::string>& ids);
std::vector<std::string> unpack_ids(std::string_view packed);

// What a hit needs to be shown, stored as the document data (JSON).
struct StoredReport {
    std::string id;
    std::string path;    // as given on the command line (relative stays relative)
    std::string title;
    std::string date;    // YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown
    std::string body;    // cleaned text, used for snippets
    std::string format;  // "txt", ...
    std::vector<std::string> actors;  // actor ids, most mentioned first
    std::vector<std::string> places;  // place ids named in the text, most mentioned first
    std::vector<std::pair<std::string, std::string>> mentioned;  // (text, ISO value)
    std::vector<std::size_t> pages;  // PDF: byte offset in `body` where each page starts
    Provenance provenance;  // url, outlet, author, source: each empty when unknown
};

std::string serialize(const StoredReport& report);
// Returns nullopt when `data` is not a document written by Vigie.
std::optional<StoredReport> deserialize(std::string_view data);

// Date precision rules: "2022-11" -> sort key "20221100".
std::string date_sort_key(std::string_view date);

// Database directory layout (see docs/index-format.md):
//   DIR/current         Xapian stub file: "auto gen-NNNNNN" (one database), or
//                       for a sharded index one line per database:
//                       "auto gen-NNNNNN/lexicon", "auto gen-NNNNNN/shard-00", ...
//   DIR/gen-NNNNNN/     one glass database generation, or a folder holding
//                       lexicon/ and shard-00/ ... shard-(N-1)/
//   DIR/write.lock      held (flock) by the one writer
std::string stub_path(const std::string& db_dir);
std::string lock_path(const std::string& db_dir);

// The parts of a sharded generation: the lexicon (synonyms, spellings,
// metadata; no documents) and the shards holding the documents.
inline constexpr std::string_view kLexiconName = "lexicon";
std::string shard_name(unsigned shard);  // "shard-03"

// The shard (0 ... shards-1) a report lives in: FNV-1a 64 of its id term
// ("Q" + id) modulo the shard count. Stable across runs and machines.
unsigned shard_of(std::string_view id_term, unsigned shards);

// What DIR/current says.
struct StubInfo {
    bool exists = false;
    std::string generation;  // "gen-000003"; empty when the stub names none
    int generation_number = 0;
    unsigned shards = 0;     // 0: one database (not sharded); else the shard lines
    bool remote = false;     // a "remote" line: shards served by xapian-tcpsrv
    std::vector<std::string> lines;  // the stub's non-empty lines
};
StubInfo read_stub(const std::string& db_dir);

}  // namespace vigie::schema
