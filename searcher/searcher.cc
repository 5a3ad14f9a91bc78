#include "searcher/searcher.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <array>
#include <set>
#include <unordered_set>

#include <optional>
#include <span>

#include <xapian.h>

#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "schema/event_terms.h"
#include "schema/schema.h"
#include "searcher/event_range.h"
#include "searcher/facet_column.h"
#include "searcher/facet_counter.h"
#include "searcher/highlighter.h"
#include "searcher/query_builder.h"
#include "searcher/result_format.h"
#include "searcher/suggester.h"
#include "searcher/xapian_errors.h"

namespace vigie::searcher {
namespace {

constexpr unsigned kSnippetBytes = 300;
constexpr int kRetries = 3;
// Other versions of a story listed with a hit; `versions` says how many there are.
constexpr std::size_t kMaxOtherVersions = 50;

// Thrown by the deadline checks, caught by Searcher::search: unwinds out of
// Xapian's matcher (a MatchSpy may throw) without an answer.
struct DeadlinePassed {};

// Called by Xapian for each candidate report: stops a match past its deadline.
// Local databases only (a remote shard would need it serialised); remote
// searches are checked between their steps.
class DeadlineSpy : public Xapian::MatchSpy {
public:
    explicit DeadlineSpy(Clock::time_point deadline) : deadline_(deadline) {}
    void operator()(const Xapian::Document&, double) override {
        if (++seen_ % 64 == 0 && Clock::now() > deadline_) throw DeadlinePassed{};
    }

private:
    Clock::time_point deadline_;
    unsigned seen_ = 0;
};

void check(const std::optional<Clock::time_point>& deadline) {
    if (deadline && Clock::now() > *deadline) throw DeadlinePassed{};
}

// The inclusive upper sort key for a partial date: "2022" -> "20229999".
std::string upper_key(const std::string& d) {
    std::string k = schema::date_sort_key(d);
    if (d.size() == 4) k.replace(4, 4, "9999");
    if (d.size() == 7) k.replace(6, 2, "99");
    return k;
}

// The page holding the snippet's first highlighted passage: the text around
// the first <b> (markup and escapes removed) is looked up in the body.
std::optional<unsigned> page_of_snippet(const std::string& snippet, const std::string& body,
                                        const std::vector<std::size_t>& pages) {
    auto open = snippet.find("<b>");
    if (open == std::string::npos) return std::nullopt;
    std::string plain;
    for (std::size_t i = open + 3; i < snippet.size() && plain.size() < 40; ++i) {
        if (snippet.compare(i, 4, "</b>") == 0) { i += 3; continue; }
        if (snippet.compare(i, 3, "<b>") == 0) { i += 2; continue; }
        if (snippet.compare(i, 5, "&amp;") == 0) { plain += '&'; i += 4; continue; }
        if (snippet.compare(i, 4, "&lt;") == 0) { plain += '<'; i += 3; continue; }
        if (snippet.compare(i, 4, "&gt;") == 0) { plain += '>'; i += 3; continue; }
        if (snippet[i] == '\n' || snippet.compare(i, 3, "…") == 0) break;
        plain += snippet[i];
    }
    std::size_t at = plain.empty() ? std::string::npos : body.find(plain);
    if (at == std::string::npos) return std::nullopt;
    auto it = std::upper_bound(pages.begin(), pages.end(), at);
    return static_cast<unsigned>(it - pages.begin());
}


bool continuation(const std::string& s, std::size_t at) {
    return at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80;
}

// The bytes of `body` that `page` asks for, on character boundaries; fills
// the report's page fields.
std::string_view page_of(const std::string& body, const BodyPage& page, Report& r) {
    std::size_t from = std::min(page.offset, body.size());
    while (from > 0 && continuation(body, from)) --from;
    std::size_t to = body.size() - from > page.length ? from + page.length : body.size();
    if (to < body.size()) {
        // Cut after a space near the end of the page when there is one, so a
        // word (and its highlight) is not split across pages.
        std::size_t space = body.rfind(' ', to - 1);
        if (space != std::string::npos && space > from && to - space < 200) to = space + 1;
        while (to > from && continuation(body, to)) --to;
    }
    if (to == from && from < body.size()) {  // a page smaller than one character: the whole character
        to = from + 1;
        while (continuation(body, to)) ++to;
    }
    r.body_offset = from;
    r.body_length = to - from;
    r.body_bytes = body.size();
    r.truncated = to < body.size();
    return std::string_view(body).substr(from, to - from);
}

// deserialize() already refused a URL that is not http(s). A source name
// that is missing (an index written before it) or absolute (not ours) is
// replaced by the file's name: the page never shows the server's folders.
Provenance provenance_of(const schema::StoredReport& stored) {
    Provenance p = stored.provenance;
    if (p.source.empty() || p.source.front() == '/') p.source = schema::fallback_source(stored.path, stored.format, stored.id);
    return p;
}

}  // namespace

bool valid_date(const std::string& d) {
    static const std::array<std::size_t, 3> kLengths = {4, 7, 10};
    if (std::find(kLengths.begin(), kLengths.end(), d.size()) == kLengths.end()) return false;
    for (std::size_t i = 0; i < d.size(); ++i) {
        bool dash = i == 4 || i == 7;
        if (dash != (d[i] == '-')) return false;
        if (!dash && (d[i] < '0' || d[i] > '9')) return false;
    }
    if (d.size() == 4) return true;
    int year = std::stoi(d.substr(0, 4)), month = std::stoi(d.substr(5, 2));
    if (month < 1 || month > 12) return false;
    if (d.size() == 7) return true;
    static const std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int day = std::stoi(d.substr(8, 2));
    return day >= 1 && day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool shard_unavailable(const Error& error) { return error.message.find(kShardDown) != std::string::npos; }

std::string french_date_label(const std::string& date) {
    static const std::array<const char*, 12> kMonths = {
        "janvier", "février", "mars",      "avril",   "mai",      "juin",
        "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    if (date.size() < 7) return date;
    int m = std::atoi(date.substr(5, 2).c_str());
    if (m < 1 || m > 12) return date;
    std::string label = std::string(kMonths[m - 1]) + " " + date.substr(0, 4);
    if (date.size() >= 10) label = std::to_string(std::atoi(date.substr(8, 2).c_str())) + " " + label;
    return label;
}

struct Searcher::Impl {
    std::string dir;
    Xapian::Database db;
    bool remote = false;  // some shards are served by xapian-tcpsrv
    // The facet column of db's snapshot (facet_column.h), read at the first
    // search that counts; dropped when db moves to a newer revision.
    std::unique_ptr<FacetColumn> column_;
    bool use_column = true;  // set_facet_column
    const FacetColumn& column() {
        if (!column_) column_ = std::make_unique<FacetColumn>(FacetColumn::read(db));
        return *column_;
    }
    void reopen() {
        if (db.reopen()) column_.reset();
    }
    analysis::FrenchAnalyzer analyzer;
    Ranking ranking;

    Xapian::BM25Weight weighting() const {
        return Xapian::BM25Weight(ranking.k1, ranking.k2, ranking.k3, ranking.b, ranking.min_normlen);
    }
    Xapian::BM25Weight partial_weighting() const {
        return Xapian::BM25Weight(ranking.partial_k1, ranking.k2, ranking.k3, ranking.partial_b, ranking.min_normlen);
    }
    Expected<SearchResult> run(const SearchRequest& req);
    // Opens the stub again (new connections to remote shards); false when that fails.
    bool reconnect() {
        try {
            Xapian::Database fresh(schema::stub_path(dir));
            fresh.get_doccount();
            db = fresh;
            column_.reset();
            return true;
        } catch (const Xapian::Error&) {
            return false;
        }
    }
    Expected<std::optional<Report>> report(const std::string& id, const std::string& query, BodyPage page);
    using Ranked = RankedCounts;
    Ranked term_counts(std::string_view prefix, unsigned limit);
    std::map<std::string, std::size_t> month_term_counts();
    std::size_t every_story_count();
    std::vector<FacetValue> actor_facet(const Ranked& ranked);
    std::vector<FacetValue> place_facet(const Ranked& ranked);
    // The place facet as the request asks (types, inside a place, limit).
    std::vector<FacetValue> place_values(const Ranked& all, const SearchRequest& req);
    void add_labels(const SearchRequest& req, SearchResult& result);
    void add_hits(const Xapian::MSet& mset, SearchResult& result, std::vector<schema::StoredReport>& shown);
    void flag_missing(const BuiltQuery& built, const Xapian::Query& filter, SearchResult& result, std::size_t from);
    void add_versions(SearchResult& result);
};

Expected<Searcher> Searcher::open(const std::string& db_dir) {
    struct stat st;
    std::string stub = schema::stub_path(db_dir);
    if (::stat(db_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return Error{"no index at " + db_dir + " (run: vigie index --db " + db_dir + ")", ErrorKind::kNotFound};
    if (::stat(stub.c_str(), &st) != 0)
        return Error{db_dir + " is not a Vigie index (no " + stub + "; run: vigie index --db " + db_dir + ")",
                     ErrorKind::kNotFound};
    schema::StubInfo info = schema::read_stub(db_dir);
    // Synonyms and spellings are not served over Xapian's remote protocol: a
    // stub listing remote shards must name a local copy of the index's
    // lexicon first, or accent-free queries would quietly find less.
    if (info.remote && (info.lines.empty() || info.lines.front().rfind("auto ", 0) != 0))
        return Error{"index " + db_dir + ": " + stub +
                     " lists remote shards but no local lexicon on its first line (auto PATH/lexicon; see "
                     "docs/scaling.md)"};
    auto impl = std::make_unique<Impl>();
    impl->dir = db_dir;
    impl->remote = info.remote;
    try {
        impl->db = Xapian::Database(stub);
        // Terms of another index format mean other things: searching them
        // would answer wrongly, not fail.
        std::string format = impl->db.get_metadata(std::string(schema::kFormatKey));
        if (format != std::to_string(schema::kFormatVersion) && (!format.empty() || impl->db.get_doccount() > 0))
            return Error{"index " + db_dir + " was written by another version of Vigie (index format " +
                         (format.empty() ? std::string("1") : format) + ", this one reads " +
                         std::to_string(schema::kFormatVersion) + "): rebuild it with vigie index --rebuild --db " +
                         db_dir + " and every folder it holds"};
    } catch (const Xapian::NetworkError& e) {
        return Error{"cannot open index " + db_dir + ": " + kShardDown + e.get_description(), ErrorKind::kUnavailable};
    } catch (const Xapian::Error& e) {
        return Error{"cannot open index " + db_dir + ": " + e.get_description(), xapian_kind(e)};
    }
    return Searcher(std::move(impl));
}

Expected<std::vector<WordAnalysis>> analyze_words(const std::string& text, const std::string& db_dir) {
    Xapian::Database db;  // no index: no evidence of capitals
    if (!db_dir.empty()) {
        Expected<Searcher> opened = Searcher::open(db_dir);
        if (!opened) return opened.error();
        try {
            db = Xapian::Database(schema::stub_path(db_dir));
        } catch (const Xapian::Error& e) {
            return Error{"cannot open index " + db_dir + ": " + e.get_description()};
        }
    }
    analysis::FrenchAnalyzer analyzer;
    QueryBuilder builder(db, analyzer);
    std::vector<WordAnalysis> out;
    try {
        for (const analysis::AnalyzedToken& t : analyzer.analyze(text).tokens) {
            WordAnalysis w{t.position, t.surface, t.form, t.folded, t.stem, t.stop, t.number, t.lexicon != 0, false, "", {}};
            BuiltQuery built = builder.build(t.surface);  // the word alone, as a search reads it
            if (!built.readings.empty()) {
                w.name = built.readings.front().name;
                w.why = built.readings.front().why;
                w.terms = built.readings.front().terms;
            }
            out.push_back(std::move(w));
        }
    } catch (const Xapian::Error& e) {
        return Error{"cannot read index " + db_dir + ": " + e.get_description()};
    }
    return out;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

std::size_t Searcher::document_count() const { return impl_->db.get_doccount(); }

void Searcher::reopen() {
    try {
        impl_->reopen();
    } catch (const Xapian::NetworkError&) {
        // A remote shard went away; the next search reconnects or reports it.
    }
}

void Searcher::set_ranking(const Ranking& ranking) { impl_->ranking = ranking; }
void Searcher::set_facet_column(bool use) { impl_->use_column = use; }

std::vector<std::string> Searcher::spellings(const std::string& actor_id) {
    return schema::unpack_ids(impl_->db.get_metadata(std::string(schema::kSpellingsKey) + actor_id));
}

std::vector<FacetValue> Searcher::describe(const std::string& kind, const std::vector<std::string>& ids) {
    bool actor = kind == "actor";
    std::string prefix(actor ? schema::kActorPrefix : schema::kPlacePrefix);
    Impl::Ranked counted;
    for (const std::string& id : ids) counted.emplace_back(id, impl_->db.get_termfreq(prefix + id));
    return actor ? impl_->actor_facet(counted) : impl_->place_facet(counted);
}

namespace {
// "20200100" -> "2020-01", "20200000" -> "2020".
std::string date_of_key(const std::string& key) {
    if (key.size() != 8) return "";
    std::string out = key.substr(0, 4);
    if (key.compare(4, 2, "00") != 0) out += "-" + key.substr(4, 2);
    if (key.compare(4, 2, "00") != 0 && key.compare(6, 2, "00") != 0) out += "-" + key.substr(6, 2);
    return out;
}
}  // namespace

std::optional<DateSpan> Searcher::publication_span() {
    std::string lo = impl_->db.get_value_lower_bound(schema::kSlotDateSort);
    std::string hi = impl_->db.get_value_upper_bound(schema::kSlotDateSort);
    if (lo.empty() || hi.empty()) return std::nullopt;
    return DateSpan{date_of_key(lo), date_of_key(hi)};
}

Expected<std::optional<Report>> Searcher::report(const std::string& id, const std::string& query, BodyPage page) {
    for (int attempt = 0;; ++attempt) {
        try {
            return impl_->report(id, query, page);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt + 1 >= kRetries)
                return Error{"index " + impl_->dir + " kept changing during the read", ErrorKind::kUnavailable};
            impl_->reopen();
        } catch (const Xapian::NetworkError& e) {
            if (attempt + 1 >= kRetries || !impl_->reconnect())
                return Error{"reading report " + id + " in " + impl_->dir + " failed: " + kShardDown +
                                 e.get_description(),
                             ErrorKind::kUnavailable};
        } catch (const Xapian::Error& e) {
            return Error{"reading report " + id + " in " + impl_->dir + " failed: " + e.get_description(),
                         xapian_kind(e)};
        }
    }
}

Expected<SearchResult> Searcher::search(const SearchRequest& request) {
    for (int attempt = 0;; ++attempt) {
        try {
            return impl_->run(request);
        } catch (const DeadlinePassed&) {
            return Error{"the search was stopped: it ran past its time limit (a query with fewer wildcards or "
                         "quoted phrases costs less); try again later or simplify it",
                         ErrorKind::kUnavailable};
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt + 1 >= kRetries)
                return Error{"index " + impl_->dir + " kept changing during the search", ErrorKind::kUnavailable};
            impl_->reopen();
        } catch (const Xapian::NetworkError& e) {
            // A broken connection to a remote shard: connect afresh once (the
            // shard may be back); never answer without it.
            if (attempt + 1 >= kRetries || !impl_->reconnect())
                return Error{"search in " + impl_->dir + " failed: " + kShardDown + e.get_description(),
                             ErrorKind::kUnavailable};
        } catch (const Xapian::Error& e) {
            return Error{"search in " + impl_->dir + " failed: " + e.get_description(), xapian_kind(e)};
        }
    }
}

// Every report: an id's count is its term's frequency (one posting per report).
Searcher::Impl::Ranked Searcher::Impl::term_counts(std::string_view prefix, unsigned limit) {
    Ranked out;
    std::string p(prefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t)
        out.emplace_back((*t).substr(p.size()), t.get_termfreq());
    keep_top(out, limit);
    return out;
}

// Every report, by month as the month slot holds it: XD2022-07 counts the
// reports of July 2022; a report dated by its year only holds "2022" in the
// slot, the year's term frequency less its months'.
std::map<std::string, std::size_t> Searcher::Impl::month_term_counts() {
    std::map<std::string, std::size_t> out, years, months_of_year;
    std::string p(schema::kDatePrefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
        std::string v = (*t).substr(p.size());
        if (v.size() == 7) out[v] = t.get_termfreq(), months_of_year[v.substr(0, 4)] += t.get_termfreq();
        if (v.size() == 4) years[v] = t.get_termfreq();
    }
    for (const auto& [year, n] : years) {
        std::size_t rest = n - std::min(n, months_of_year[year]);
        if (rest) out[year] = rest;
    }
    return out;
}

// The stories of the whole index: the distinct keys of the group slot, read
// as a value stream (no document is opened), a report without a key alone
// (as StorySpy counts them).
std::size_t Searcher::Impl::every_story_count() {
    std::unordered_set<std::string> keys;
    Xapian::doccount keyed = 0;
    for (auto v = db.valuestream_begin(schema::kSlotGroup); v != db.valuestream_end(schema::kSlotGroup); ++v, ++keyed)
        keys.insert(*v);
    return keys.size() + (db.get_doccount() - std::min(db.get_doccount(), keyed));
}

// Labels come after ranking: a person's label is a metadata read, and a
// broad query names thousands of persons of which a page shows a few.
std::vector<FacetValue> Searcher::Impl::actor_facet(const Ranked& ranked) {
    const auto& catalogue = entities::ActorCatalogue::builtin();
    std::vector<FacetValue> out;
    for (const auto& [id, n] : ranked) {
        FacetValue v{id, id, n, "person", ""};
        if (const entities::Actor* a = catalogue.find(id)) {
            v.label = a->label;
            v.type = a->type;
        } else if (std::string label = db.get_metadata(std::string(schema::kLabelKey) + id); !label.empty()) {
            v.label = label;
        }
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<FacetValue> Searcher::Impl::place_facet(const Ranked& ranked) {
    const auto& gazetteer = entities::Gazetteer::builtin();
    std::vector<FacetValue> out;
    for (const auto& [id, n] : ranked) {
        FacetValue v{id, id, n, "", ""};
        if (const entities::Place* p = gazetteer.find(id)) {
            v.label = p->label;
            v.type = p->type;
            v.parent = p->parent;
        }
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<FacetValue> Searcher::Impl::place_values(const Ranked& all, const SearchRequest& req) {
    const auto& gazetteer = entities::Gazetteer::builtin();
    Ranked kept;
    for (const auto& value : all) {
        const entities::Place* p = gazetteer.find(value.first);
        if (!req.place_types.empty() &&
            (!p || std::find(req.place_types.begin(), req.place_types.end(), p->type) == req.place_types.end()))
            continue;
        if (!req.place_within.empty()) {
            std::vector<std::string> up = gazetteer.lineage(value.first);
            if (std::find(up.begin() + (up.empty() ? 0 : 1), up.end(), req.place_within) == up.end()) continue;
        }
        kept.push_back(value);
        if (req.place_types.empty() && req.facet_limit && kept.size() >= req.facet_limit) break;
    }
    return place_facet(kept);
}

void Searcher::Impl::add_labels(const SearchRequest& req, SearchResult& result) {
    std::set<std::string> actor_ids(req.actors.begin(), req.actors.end());
    std::set<std::string> place_ids(req.places.begin(), req.places.end());
    for (const Hit& h : result.hits) {
        actor_ids.insert(h.actors.begin(), h.actors.end());
        place_ids.insert(h.places.begin(), h.places.end());
    }
    Ranked actors, places;
    for (const std::string& id : actor_ids) actors.emplace_back(id, 0);
    for (const std::string& id : place_ids) places.emplace_back(id, 0);
    result.labels["actor"] = actor_facet(actors);
    result.labels["place"] = place_facet(places);
}

void Searcher::Impl::add_hits(const Xapian::MSet& mset, SearchResult& result,
                              std::vector<schema::StoredReport>& shown) {
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        std::optional<schema::StoredReport> stored = schema::deserialize(doc.get_data());
        if (!stored) continue;
        Hit hit;
        hit.id = stored->id;
        hit.path = stored->path;
        hit.provenance = provenance_of(*stored);
        hit.title = html_escape(stored->title);
        if (!stored->date.empty()) hit.date = stored->date;
        hit.score = it.get_percent() / 100.0;
        hit.actors = schema::unpack_ids(doc.get_value(schema::kSlotActors));
        hit.places = stored->places;
        hit.mentioned = stored->mentioned;
        hit.group = doc.get_value(schema::kSlotGroup);
        result.hits.push_back(std::move(hit));
        shown.push_back(std::move(*stored));
    }
}

// Each hit's duplicate group: how many reports tell its story and, when
// others do, their ids (docs/duplicates.md). The group is a value, not a
// term (the grouping pass then rewrites no term): a value range of one key.
void Searcher::Impl::add_versions(SearchResult& result) {
    for (Hit& hit : result.hits) {
        if (hit.group.empty()) continue;
        if (!remote && use_column) {
            // The column knows each group's reports: no pass over the group slot per hit.
            std::span<const Xapian::docid> members = column().group_members(hit.group);
            hit.versions = std::max<std::size_t>(1, members.size());
            if (hit.versions < 2) continue;
            for (std::size_t i = 0; i < members.size() && i <= kMaxOtherVersions && hit.other_versions.size() < kMaxOtherVersions; ++i) {
                auto t = db.termlist_begin(members[i]);
                t.skip_to(std::string(schema::kIdPrefix));
                if (t == db.termlist_end(members[i]) || !(*t).starts_with(schema::kIdPrefix)) continue;
                std::string id = (*t).substr(schema::kIdPrefix.size());
                if (id != hit.id) hit.other_versions.push_back(std::move(id));
            }
            continue;
        }
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotGroup, hit.group, hit.group));
        e.set_weighting_scheme(Xapian::BoolWeight());
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        Xapian::MSet m = e.get_mset(0, kMaxOtherVersions + 1, db.get_doccount());
        hit.versions = std::max<std::size_t>(1, m.get_matches_estimated());
        if (hit.versions < 2) continue;
        for (auto it = m.begin(); it != m.end() && hit.other_versions.size() < kMaxOtherVersions; ++it) {
            auto t = db.termlist_begin(*it);
            t.skip_to(std::string(schema::kIdPrefix));
            if (t == db.termlist_end(*it) || !(*t).starts_with(schema::kIdPrefix)) continue;
            std::string id = (*t).substr(schema::kIdPrefix.size());
            if (id != hit.id) hit.other_versions.push_back(std::move(id));
        }
    }
}

// Each hit from `from` on that lacks some of the query's items is flagged
// with them: one query per item over those hits' ids.
void Searcher::Impl::flag_missing(const BuiltQuery& built, const Xapian::Query& filter, SearchResult& result,
                                  std::size_t from) {
    if (from >= result.hits.size() || built.items.empty()) return;
    std::vector<Xapian::Query> ids;
    for (std::size_t i = from; i < result.hits.size(); ++i)
        ids.emplace_back(std::string(schema::kIdPrefix) + result.hits[i].id);
    Xapian::Query shown(Xapian::Query::OP_OR, ids.begin(), ids.end());
    if (!filter.empty()) shown = Xapian::Query(Xapian::Query::OP_FILTER, shown, filter);
    for (const QueryItem& item : built.items) {
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, item.match, shown));
        e.set_weighting_scheme(Xapian::BoolWeight());
        std::set<std::string> holding;
        Xapian::MSet m = e.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
        for (auto it = m.begin(); it != m.end(); ++it) {
            auto t = db.termlist_begin(*it);
            t.skip_to(std::string(schema::kIdPrefix));  // Q<id>: the only terms starting with Q
            if (t != db.termlist_end(*it) && (*t).starts_with(schema::kIdPrefix)) holding.insert((*t).substr(1));
        }
        for (std::size_t i = from; i < result.hits.size(); ++i)
            if (!holding.count(result.hits[i].id)) result.hits[i].missing.push_back(item.label);
    }
}

Expected<SearchResult> Searcher::Impl::run(const SearchRequest& req) {
    if (!req.from.empty() && !valid_date(req.from))
        return Error{"--from " + req.from + " is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"};
    if (!req.to.empty() && !valid_date(req.to))
        return Error{"--to " + req.to + " is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"};

    QueryBuilder builder(db, analyzer, ranking.query);
    BuiltQuery built = builder.build(req.query);
    check(req.deadline);

    std::vector<Xapian::Query> filters;
    // Several values of one facet widen (Mopti or Gao: a researcher ticking
    // two regions wants both); different facets narrow (an actor and a place).
    auto any_of = [&](std::string_view prefix, const std::vector<std::string>& ids) {
        if (ids.empty()) return;
        std::vector<Xapian::Query> terms;
        for (const std::string& id : ids) terms.emplace_back(std::string(prefix) + id);
        filters.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    };
    any_of(schema::kActorPrefix, req.actors);
    any_of(schema::kPlacePrefix, req.places);
    if (!req.from.empty() || !req.to.empty()) {
        std::string lo = req.from.empty() ? "00000000" : schema::date_sort_key(req.from);
        std::string hi = req.to.empty() ? "99999999" : upper_key(req.to);
        filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDateSort, lo, hi);
    }
    if (!req.event_from.empty() || !req.event_to.empty()) {
        // An index written before event terms would match nothing: say so instead.
        if (db.get_metadata(std::string(schema::kEventTermsKey)) != "1")
            return Error{"l'index " + dir + " ne permet pas de filtrer par date d'événement (construit par une "
                         "version antérieure de Vigie) : reconstruisez-le avec vigie index --rebuild --db " + dir,
                         ErrorKind::kUnavailable};
        Expected<Xapian::Query> events = event_range_query(req.event_from, req.event_to, event_years(db));
        if (!events) return events.error();
        filters.push_back(*events);
    }
    Xapian::Query filter;
    if (!filters.empty()) filter = Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
    auto filtered = [&](const Xapian::Query& q) {
        return filter.empty() || q.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    };
    Xapian::Query full = filtered(built.ranked);
    Xapian::Query partial;
    // The right side is the match without its ranking boosts: with them
    // (AND_MAYBE inside AND), Xapian 1.4.22 let full matches through the
    // AND_NOT on the first search of a sharded database (Shards tests).
    if (!built.relaxed.empty())
        partial = Xapian::Query(Xapian::Query::OP_AND_NOT, filtered(built.relaxed), filtered(built.matched));

    // Stories (docs/duplicates.md) are counted by our own spy over every
    // match: the shortcut below counts reports only, and xapian-tcpsrv runs
    // Xapian's spies only.
    bool stories_wanted = req.group || req.count == Count::kStories;
    if (stories_wanted && remote)
        return Error{"grouping or counting stories is not available when shards are remote (xapian-tcpsrv): "
                     "search the shards' folders directly",
                     ErrorKind::kUnavailable};
    // Browsing everything (no words, no filter): each facet count is a term
    // frequency, no need to visit the documents.
    // Grouped (one hit per story) but counting reports, browsing everything
    // still takes the shortcut: the stories are counted from the group slot's
    // values alone (every_story_count), the hits collapsed by Xapian (the
    // page's first answer: 190 ms with every match seen by the spies, 40 ms
    // without, at 36k).
    bool everything = built.everything && filters.empty() && req.count == Count::kReports;
    if (req.count_only) {
        SearchResult counted;
        counted.query = req.query;
        counted.warnings = built.warnings;
        if (everything) {
            counted.total = db.get_doccount();
        } else {
            Xapian::Enquire e(db);
            e.set_query(full);
            e.set_weighting_scheme(Xapian::BoolWeight());
            std::optional<DeadlineSpy> spy;
            if (req.deadline && !remote) e.add_matchspy(&spy.emplace(*req.deadline));
            counted.total = e.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
        }
        return counted;
    }
    Xapian::doccount all = db.get_doccount();
    std::optional<DeadlineSpy> deadline_spy;
    if (req.deadline && !remote) deadline_spy.emplace(*req.deadline);
    auto enquire_for = [&](const Xapian::Query& q) {
        Xapian::Enquire e(db);
        e.set_query(q);
        if (deadline_spy) e.add_matchspy(&*deadline_spy);
        e.set_weighting_scheme(weighting());
        if (req.sort == Sort::kDate) e.set_sort_by_value_then_relevance(schema::kSlotDateSort, true);
        if (req.group) e.set_collapse_key(schema::kSlotGroup);
        return e;
    };
    // Collapsed on the duplicate group, an MSet's match counts are estimates
    // even when every match was seen (11,000 or 12,267 for 10,024 reports at
    // 36k): reports are counted in a pass of their own, unranked.
    auto count_reports = [&](const Xapian::Query& q) -> std::size_t {
        Xapian::Enquire e(db);
        e.set_query(q);
        if (deadline_spy) e.add_matchspy(&*deadline_spy);
        e.set_weighting_scheme(Xapian::BoolWeight());
        return e.get_mset(0, 0, all).get_matches_estimated();
    };
    // One local database: the facet column's spies (facet_column.h). A
    // match spy sees a shard's own docid, not the combined one, so several
    // shards count by the ids in the value slots: our spies locally, Xapian's
    // built-in one over xapian-tcpsrv, the only kind it runs (stories are
    // refused above).
    bool by_story = req.count == Count::kStories;
    bool facets_by_spy = !everything && !by_story;
    bool by_column = use_column && !remote && db.size() == 1;
    std::optional<ColumnCountSpy> column_counts;
    std::optional<ColumnStorySpy> column_story;
    std::optional<StorySpy> slot_story;
    std::optional<Xapian::ValueCountMatchSpy> months;
    std::optional<PackedIdCounter> actors, places;
    // Two passes (issue 14): the counting pass sees every match, unweighted
    // and without the ranking boosts (phrases near, title), while the ranked
    // pass keeps Xapian's pruning of the top-k. (`matched` is left empty
    // when nothing is boosted: no words, only filters.)
    bool two_pass = !everything;
    Xapian::Enquire counted = enquire_for(two_pass && !built.matched.empty() ? filtered(built.matched) : full);
    if (two_pass) {
        counted.set_weighting_scheme(Xapian::BoolWeight());
        counted.set_sort_by_relevance();
        counted.set_collapse_key(Xapian::BAD_VALUENO);
    }
    if (facets_by_spy && by_column) {
        counted.add_matchspy(&column_counts.emplace(column()));
    } else if (facets_by_spy) {
        counted.add_matchspy(&months.emplace(schema::kSlotDateMonth));
        actors.emplace(schema::kSlotActors, remote).attach(counted);
        places.emplace(schema::kSlotPlaces, remote).attach(counted);
    }
    if (stories_wanted && !everything && by_column) {
        counted.add_matchspy(&column_story.emplace(column(), by_story));
    } else if (stories_wanted && !everything) {
        counted.add_matchspy(&slot_story.emplace(
            schema::kSlotGroup, by_story ? std::vector<Xapian::valueno>{schema::kSlotDateMonth, schema::kSlotActors,
                                                                      schema::kSlotPlaces}
                                         : std::vector<Xapian::valueno>{}));
    }
    auto story_reports = [&] { return column_story ? column_story->reports() : slot_story->reports(); };
    auto story_count = [&] { return column_story ? column_story->stories() : slot_story ? slot_story->stories() : 0; };
    auto story_top = [&](FacetColumn::Facet f, unsigned limit) {
        return column_story ? column_story->top(f, limit) : slot_story->top(f, limit);
    };
    SearchResult result;
    result.query = req.query;
    result.warnings = built.warnings;
    // Grouped, a story among the full matches (`story` has seen them all
    // once they are matched) is not repeated among the partial ones, and
    // those are counted in a pass of their own, unranked, by our spy:
    // collapsed, an MSet's match counts are estimates even when every match
    // was seen (11,000 or 12,267 for 10,024 reports at 36k).
    std::optional<OutsideGroups> outside_groups;
    std::optional<OutsideStories> outside_stories;
    auto outside = [&]() -> const Xapian::MatchDecider* {
        if (column_story) return &outside_stories.emplace(column(), *column_story);
        if (slot_story) return &outside_groups.emplace(schema::kSlotGroup, slot_story->groups());
        return nullptr;
    };
    auto count_partial = [&] {
        Xapian::Enquire e(db);
        e.set_query(partial);
        if (deadline_spy) e.add_matchspy(&*deadline_spy);
        e.set_weighting_scheme(Xapian::BoolWeight());
        auto count_with = [&](auto&& seen) {
            e.add_matchspy(&seen);
            e.get_mset(0, 0, all, nullptr, outside());
            result.partial_total = seen.reports();
            result.partial_stories = seen.stories();
        };
        if (by_column)
            count_with(ColumnStorySpy(column(), false));
        else
            count_with(StorySpy(schema::kSlotGroup, {}));
    };
    if (req.explain) {
        result.explanation = full.get_description();
        for (const WordReading& r : built.readings) {
            result.explanation += "\n" + r.word + ": " + (r.name ? "name" : "word") + " (" + r.why + ") ->";
            for (const std::string& t : r.terms) result.explanation += " " + t;
        }
    }
    std::vector<schema::StoredReport> shown;  // the hits' reports, for their snippets
    if (built.question && !partial.empty()) {
        // A question: its best answer rarely repeats every word. Hits are
        // ranked over the reports holding some of its words, each flagged
        // with those it lacks; the count holds every word.
        Xapian::MSet count = counted.get_mset(0, 0, all);
        // Collapsed, the estimate counts stories, and not exactly: the spy
        // sees every match.
        result.total = req.group ? story_reports() : count.get_matches_estimated();
        Xapian::Enquire any = enquire_for(filtered(built.relaxed));
        Xapian::MSet mset = any.get_mset(req.offset, req.limit);  // pruned; counted apart
        if (req.group) {
            count_partial();
        } else {
            std::size_t some = count_reports(filtered(built.relaxed));
            result.partial_total = some - std::min<std::size_t>(some, result.total);
        }
        add_hits(mset, result, shown);
        flag_missing(built, filter, result, 0);
    } else {
        // Reports holding every word first, then those holding some.
        Xapian::MSet mset;
        if (two_pass) {
            Xapian::MSet count = counted.get_mset(0, 0, all);
            result.total = req.group ? story_reports() : count.get_matches_estimated();
            mset = enquire_for(full).get_mset(req.offset, req.limit);
        } else {
            mset = counted.get_mset(req.offset, req.limit, everything ? 0 : all);
            result.total = everything ? all : req.group ? story_reports() : mset.get_matches_estimated();
        }
        add_hits(mset, result, shown);
        if (!partial.empty()) {
            // Grouped, offset and limit count stories, the full matches' too.
            std::size_t full = req.group ? story_count() : result.total;
            std::size_t first = req.offset > full ? req.offset - full : 0;
            std::size_t room = req.limit > result.hits.size() ? req.limit - result.hits.size() : 0;
            Xapian::Enquire rest = enquire_for(partial);
            rest.set_weighting_scheme(partial_weighting());
            Xapian::MSet more = rest.get_mset(static_cast<Xapian::doccount>(first), static_cast<Xapian::doccount>(room),
                                              two_pass ? 0 : all, nullptr, req.group ? outside() : nullptr);
            if (req.group)
                count_partial();
            else
                result.partial_total = two_pass ? count_reports(partial) : more.get_matches_estimated();
            std::size_t from = result.hits.size();
            add_hits(more, result, shown);
            flag_missing(built, filter, result, from);
        }
    }
    check(req.deadline);
    if (stories_wanted) result.stories = everything ? every_story_count() : story_count();
    result.count = req.count;
    add_versions(result);
    Highlighter highlighter(analyzer, built.highlight);
    for (std::size_t i = 0; i < result.hits.size(); ++i) {
        Hit& hit = result.hits[i];
        const schema::StoredReport& stored = shown[i];
        hit.snippet = highlighter.snippet(stored.body, kSnippetBytes).html;
        if (!stored.pages.empty()) hit.page = page_of_snippet(hit.snippet, stored.body, stored.pages);
    }
    std::map<std::string, std::size_t> month_counts;
    if (everything) {
        result.facets["actor"] = actor_facet(term_counts(schema::kActorPrefix, req.facet_limit));
        bool cut = !req.place_types.empty() || !req.place_within.empty();
        result.facets["place"] = place_values(term_counts(schema::kPlacePrefix, cut ? 0 : req.facet_limit), req);
        month_counts = month_term_counts();
    } else if (by_story) {
        result.facets["actor"] = actor_facet(story_top(FacetColumn::kActor, req.facet_limit));
        bool cut = !req.place_types.empty() || !req.place_within.empty();
        result.facets["place"] = place_values(story_top(FacetColumn::kPlace, cut ? 0 : req.facet_limit), req);
        for (const auto& [month, n] : story_top(FacetColumn::kMonth, 0)) month_counts[month] = n;
    } else if (column_counts) {
        result.facets["actor"] = actor_facet(column_counts->top(FacetColumn::kActor, req.facet_limit));
        bool cut = !req.place_types.empty() || !req.place_within.empty();
        result.facets["place"] = place_values(column_counts->top(FacetColumn::kPlace, cut ? 0 : req.facet_limit), req);
        for (const auto& [month, n] : column_counts->top(FacetColumn::kMonth, 0)) month_counts[month] = n;
    } else {
        result.facets["actor"] = actor_facet(actors->top(req.facet_limit));
        bool cut = !req.place_types.empty() || !req.place_within.empty();
        result.facets["place"] = place_values(places->top(cut ? 0 : req.facet_limit), req);
        for (auto v = months->values_begin(); v != months->values_end(); ++v) month_counts[*v] = v.get_termfreq();
    }
    std::vector<FacetValue>& dates = result.facets["date"];
    std::map<std::string, std::size_t> years;
    for (const auto& [month, n] : month_counts) {
        dates.push_back(FacetValue{month, french_date_label(month), n, "", ""});
        years[month.substr(0, 4)] += n;
    }
    std::sort(dates.begin(), dates.end(), [](const FacetValue& a, const FacetValue& b) { return a.id > b.id; });
    std::vector<FacetValue>& year_facet = result.facets["year"];
    for (auto y = years.rbegin(); y != years.rend(); ++y) year_facet.push_back(FacetValue{y->first, y->first, y->second, "", ""});
    add_labels(req, result);
    check(req.deadline);
    result.suggestion = suggest(db, built.words, req.query);
    check(req.deadline);
    return result;
}

Expected<std::optional<Report>> Searcher::Impl::report(const std::string& id, const std::string& query,
                                                       BodyPage page) {
    Xapian::Query id_term(std::string(schema::kIdPrefix) + id);
    Xapian::Enquire enquire(db);
    enquire.set_query(id_term);
    Xapian::MSet found = enquire.get_mset(0, 1);
    if (found.empty()) return std::optional<Report>();
    Xapian::Document doc = found.begin().get_document();
    std::optional<schema::StoredReport> stored = schema::deserialize(doc.get_data());
    if (!stored) return std::optional<Report>();
    Report r;
    r.id = stored->id;
    r.path = stored->path;
    r.provenance = provenance_of(*stored);
    r.title = html_escape(stored->title);
    if (!stored->date.empty()) r.date = stored->date;
    r.format = stored->format;
    r.mentioned = stored->mentioned;
    std::string_view body = page_of(stored->body, page, r);
    r.body_html = html_escape(std::string(body));
    if (!query.empty()) {
        QueryBuilder builder(db, analyzer, ranking.query);
        BuiltQuery built = builder.build(query);
        r.body_html = Highlighter(analyzer, built.highlight).whole(body).html;
    }
    std::map<std::string, std::size_t> actors, places;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& term = *t;
        if (term.starts_with(schema::kActorPrefix)) actors[term.substr(schema::kActorPrefix.size())] = t.get_wdf();
        if (term.starts_with(schema::kPlacePrefix)) places[term.substr(schema::kPlacePrefix.size())] = t.get_wdf();
    }
    auto ranked = [](const std::map<std::string, std::size_t>& counts) {
        Ranked out(counts.begin(), counts.end());
        keep_top(out, 0);  // most mentioned first, ties by id
        return out;
    };
    r.actors = actor_facet(ranked(actors));
    r.places = place_facet(ranked(places));
    return std::optional<Report>(std::move(r));
}

}  // namespace vigie::searcher
