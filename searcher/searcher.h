// The searcher's public surface: open a Vigie index and answer searches as
// CONTRACT.md describes (hits, exact totals, facets, suggestion).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/expected.h"
#include "schema/provenance.h"

namespace vigie::searcher {

enum class Sort { kRelevance, kDate };
// What facet counts count (docs/duplicates.md): reports, or stories (the
// reports of one duplicate group count once).
enum class Count { kReports, kStories };
using Clock = std::chrono::steady_clock;

// A date as YYYY, YYYY-MM or YYYY-MM-DD that exists (month 01-12, day within
// its month): "2022-99-99" and "2022-02-30" are not dates.
bool valid_date(const std::string& date);

struct SearchRequest {
    std::string query;  // empty: every report
    unsigned limit = 10;
    unsigned offset = 0;
    Sort sort = Sort::kRelevance;
    std::vector<std::string> actors;  // facet ids: any of them (OR), AND-ed with places and dates
    std::vector<std::string> places;  // facet ids: any of them (OR), AND-ed with actors and dates
    std::string from, to;             // YYYY[-MM[-DD]], inclusive; empty: open
    // Mentioned event dates: a report mentioning a date whose whole span lies
    // in [event_from, event_to] (docs/event-dates.md). Same syntax; empty: open.
    std::string event_from, event_to;
    bool explain = false;             // fill SearchResult::explanation
    unsigned facet_limit = 50;        // values per facet, most frequent first; 0: all
    // The place facet holds only places of these types ("country", "region",
    // "area"...), every one of them (facet_limit does not cut it: they are
    // few); empty: places of any type, cut by facet_limit.
    std::vector<std::string> place_types;
    // The place facet holds only places inside this one (a region's cercles,
    // communes, villages), cut by facet_limit; empty: anywhere.
    std::string place_within;
    // One hit per story: the best-ranked report of each duplicate group,
    // with its group's size and the other versions (docs/duplicates.md).
    // limit and offset then count stories. `total` stays reports.
    bool group = false;
    Count count = Count::kReports;    // what facet counts count
    // Past it the search stops and fails with kind unavailable (the server's
    // 503), never answering with what it had counted so far. None: no limit.
    std::optional<Clock::time_point> deadline;
    // Only `total`: no hits, facets, partial matches nor suggestion (the
    // counts of a zero-result page's relaxations, searcher/relaxation.h).
    bool count_only = false;
};

// Where a report comes from (schema/provenance.h): `url` http(s) only,
// `outlet`, `author`, each empty when unknown; `source` never an absolute path
// (an index written before provenance gives the file's name alone).
using Provenance = schema::Provenance;

struct Hit {
    std::string id, path, title;  // title HTML-escaped; path as given to vigie index (may be absolute)
    Provenance provenance;
    std::optional<std::string> date;
    double score = 0;
    std::string snippet;          // HTML-escaped, matches in <b>…</b>
    std::vector<std::string> actors, places;  // facet ids
    std::vector<std::pair<std::string, std::string>> mentioned;  // (text, ISO date)
    std::optional<unsigned> page;  // PDF: the page of the first highlighted match (1-based)
    // A partial match: the typed words (items) the report lacks. Empty for
    // a report holding them all; partial matches are never counted in total.
    std::vector<std::string> missing;
    // Its duplicate group (docs/duplicates.md): the key, how many reports
    // of the index tell this story (1: alone) and the others' ids.
    std::string group;
    std::size_t versions = 1;
    std::vector<std::string> other_versions;
};

struct FacetValue {
    std::string id, label;
    std::size_t count = 0;
    std::string type;    // actors and places: "armed_group", "region", ...
    std::string parent;  // places: the parent place id
};

// What a zero-result search would count without one of its parts
// (searcher/relaxation.h): a word of the query, or a filter.
struct Relaxation {
    std::string without;  // "word", "actor", "place", "dates", "event_dates"
    std::string word;     // the word (or quoted phrase) left out, as typed
    std::string query;    // for "word": the query without it
    std::size_t total = 0;
};

// The first and last publication dates of the index (YYYY[-MM[-DD]]).
struct DateSpan {
    std::string first, last;
};

struct SearchResult {
    std::string query;
    std::size_t total = 0;  // exact number of reports holding every word (and filters)
    // Exact number of reports holding some of the words but not all (within
    // the filters): they follow the full matches, flagged with what they
    // lack. 0 when the query has a single word, or explicit OR at its top.
    // Grouped (SearchRequest::group), a story among the full matches is not
    // repeated among the partial ones: partial_total then counts the reports
    // holding some of the words whose story has no report holding them all,
    // and partial_stories (exact) their stories, the hits that follow.
    std::size_t partial_total = 0;
    std::optional<std::size_t> partial_stories;
    // Exact number of stories among the `total` reports (a duplicate group
    // counts once); set when the request groups or counts stories.
    std::optional<std::size_t> stories;
    Count count = Count::kReports;  // what the facet counts count
    std::vector<std::string> warnings;  // in French: what in the query was not searched as typed
    std::vector<Hit> hits;
    std::map<std::string, std::vector<FacetValue>> facets;  // "actor", "place", "date", "year"
    // "actor", "place": every value the request chose and the hits name, with
    // its label (count 0), so that a page can name them without the whole
    // facet lists. Places also carry their parents in `lineage`.
    std::map<std::string, std::vector<FacetValue>> labels;
    std::optional<std::string> suggestion;
    std::string explanation;  // the Xapian query, when asked for
    // A search with total 0, once relaxation.h's add_relaxations ran: the
    // count without each part, and the collection's span of dates.
    std::vector<Relaxation> relaxations;
    std::optional<DateSpan> collection;
};

// One report in full, for reading (the server's report view).
struct Report {
    std::string id, path, title;  // title HTML-escaped
    Provenance provenance;
    std::optional<std::string> date;
    std::string format;
    std::string body_html;  // the cleaned text (the page asked for), HTML-escaped; the query's matches in <b>…</b>
    // The page of the text body_html holds: bytes [body_offset, body_offset +
    // body_length) of body_bytes; truncated when text follows it.
    std::size_t body_offset = 0, body_length = 0, body_bytes = 0;
    bool truncated = false;
    std::vector<FacetValue> actors, places;  // with labels; count = mentions in this report
    std::vector<std::pair<std::string, std::string>> mentioned;  // (text, ISO date)
};

// Ranking choices a query is built with. The defaults are the ones measured
// best on the dev halves of bench/relevance (see bench/RESULTS.md).
struct QueryOptions {
    // Extra weight of a word found in the title (on top of its body match).
    double title_weight = 0.25;
    // Drop French question words ("combien", "est-ce", "quel est") like stop
    // words when the query has other words.
    bool drop_question_words = true;
    // Extra weight of the word exactly as typed (its inflection; accents
    // aside) on top of its lemma: "publics" ranks "publics" above "public".
    // A name, matched as typed, gets it too.
    double exact_weight = 0.5;
    // Rank partial matches and questions with each word's family (other
    // lemmas sharing its Snowball stem once accents are gone: "surnommer"
    // for "surnommé", "règlement" for "régler") as the word itself; counts
    // never include them. Measured in bench/RESULTS.md, "French analysis".
    bool family = true;
};

// How matches are scored: Xapian's BM25 parameters (Enquire) and the query
// options. The defaults are the values tuned on bench/relevance's dev halves.
// min_normlen 0.2 (Xapian's default is 0.5): a short report among long ones
// keeps most of its length bonus, as in standard BM25, while a near-empty one
// (a few words pulled from a scanned PDF) cannot outrank everything. k1 1.3
// and b 0.7 were re-tuned on the dev halves for the lexicon's lemmas
// (bench/RESULTS.md, "French analysis"): a flat optimum, within noise.
//
// Partial matches (reports lacking some words typed) are ranked with a
// smaller k1 and b: a word's repetitions and a report's length count less,
// so which words a report holds decides, the rarest weighing most. With the
// full-match values, `massacre Ogossagou` ranked articles repeating
// « massacre » above the only report naming Ogossagou (bench/RESULTS.md).
struct Ranking {
    double k1 = 1.3, k2 = 0.0, k3 = 1.0, b = 0.7, min_normlen = 0.2;
    double partial_k1 = 0.5, partial_b = 0.5;
    QueryOptions query;
};

// Which bytes of a report's text to return: from `offset`, at most `length`,
// both moved back to a character boundary (and `length` to a space when one
// is near) so that no character is cut.
struct BodyPage {
    std::size_t offset = 0;
    std::size_t length = static_cast<std::size_t>(-1);
};

// One open index. Not thread-safe: use one Searcher per thread.
class Searcher {
public:
    // Errors name the folder: missing index, or one that cannot be read.
    static Expected<Searcher> open(const std::string& db_dir);
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;
    ~Searcher();

    // Errors name the bad part of the request (query syntax, date).
    Expected<SearchResult> search(const SearchRequest& request);

    // The report with this id, its matches of `query` (may be empty)
    // highlighted; nullopt when no report has this id.
    Expected<std::optional<Report>> report(const std::string& id, const std::string& query, BodyPage page = {});

    // Sees what writers committed since the open (same generation only: a
    // --rebuild switches `current` to a new one; open a new Searcher then).
    void reopen();

    std::size_t document_count() const;

    // Actors ("actor") or places ("place") as facet values: label, type,
    // parent from the catalogue, the gazetteer or the index's person labels;
    // `count` the reports of the index naming each (places: itself or a
    // place inside it). An id known nowhere keeps itself as label.
    std::vector<FacetValue> describe(const std::string& kind, const std::vector<std::string>& ids);

    // The ways a person found by title or first name (not in the catalogue)
    // was written in the reports indexed, in the order met (at most
    // schema::kMaxSpellings); empty for any other id.
    std::vector<std::string> spellings(const std::string& actor_id);

    // The earliest and latest publication dates of the index (the date
    // slot's bounds), nullopt when no report is dated.
    std::optional<DateSpan> publication_span();

    // Changes how later searches score (for measurement: bench/relevance).
    void set_ranking(const Ranking& ranking);

    // Whether searches count from the facet column (facet_column.h), read
    // once per snapshot at the first search that needs it: the default, for
    // a searcher that answers many searches (the server). A one-shot search
    // (the command line) turns it off and counts from the value slots: at
    // 36k reports, reading the column costs more than one search's counts.
    // Exact either way.
    void set_facet_column(bool use);

private:
    struct Impl;
    explicit Searcher(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

struct IndexStats {
    std::size_t reports = 0;
    std::map<std::string, std::size_t> formats;  // "txt" -> count
    std::string last_indexed;                    // ISO time of the last index run
    std::uint64_t bytes_on_disk = 0;             // the live generation's files
    std::string generation;                      // its folder
    unsigned shards = 0;                         // 0: one database; else the shards the stub lists
    bool remote = false;                         // some shards served by xapian-tcpsrv
};

// Whether a search or report error is a shard that did not answer (a remote
// shard down or unreachable) rather than something about the request.
bool shard_unavailable(const Error& error);

// How each word of `text` is analysed and what a search for it matches: the
// lemma, whether it is taken as a name and why, the index terms. With an
// index (`db_dir` not empty), names are decided with its evidence of
// capitals, as a search there does. For `vigie analyze`.
struct WordAnalysis {
    std::uint32_t position = 0;
    std::string surface, form, folded, lemma;
    bool stop = false, number = false, in_dictionary = false;
    bool name = false;
    std::string why;
    std::vector<std::string> terms;
};
Expected<std::vector<WordAnalysis>> analyze_words(const std::string& text, const std::string& db_dir);

// What an index holds, from stored counts: the document count, and the
// formats from their XF<format> terms when the index has them (else, for an
// older index, from every report's stored data). Retries when a writer
// changed the index during the read. Errors as Searcher::open.
Expected<IndexStats> index_stats(const std::string& db_dir);

// "2022-11" -> "novembre 2022", "2022" -> "2022", "2022-11-05" -> "5 novembre 2022".
std::string french_date_label(const std::string& date);

}  // namespace vigie::searcher
