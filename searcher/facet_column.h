// The facet column: per document of one database snapshot, its month,
// actors, places and story group as small integers, read once from the value
// slots (schema.h) and kept in flat arrays. Match spies then count a match by
// its docid: no value read, no string hashed, no allocation per match
// (issue 14; before it, counting the 36,147 matches of `de` hashed every
// actor and place id of every match).
//
// The column is a view of one snapshot: Searcher drops it whenever its
// database is reopened on a newer revision. Docids are those of the database
// as opened (the stub: shards interleaved), the ones match spies see.
// Remote shards (xapian-tcpsrv) run only Xapian's own spies: the column is
// not used there (facet_counter.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "searcher/facet_counter.h"

namespace vigie::searcher {

// Ids of one facet: per docid, a run of small integers in one array
// (compressed-row layout), and the dictionary from integer to id.
class IdColumn {
public:
    // Appends the ids of document `did` (docids must come in increasing
    // order; the documents skipped have no ids). Empty ids are dropped.
    void add(Xapian::docid did, const std::vector<std::string_view>& ids);
    // Ends the column at docid `last` (the database's last docid).
    void finish(Xapian::docid last);
    std::span<const std::uint32_t> ids(Xapian::docid did) const {
        if (did + 1 >= starts_.size()) return {};
        return {ids_.data() + starts_[did], ids_.data() + starts_[did + 1]};
    }
    std::size_t distinct() const { return names_.size(); }
    const std::string& name(std::uint32_t id) const { return names_[id]; }
    // The integer of `name`, or -1 when no document holds it.
    std::int64_t find(std::string_view name) const;

private:
    std::vector<std::uint32_t> starts_{0};  // starts_[did] .. starts_[did + 1]: the ids of did
    std::vector<std::uint32_t> ids_;
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::uint32_t, IdHash, std::equal_to<>> of_name_;
};

class FacetColumn {
public:
    enum Facet : std::size_t { kMonth = 0, kActor = 1, kPlace = 2, kFacets = 3 };
    // Reads the month, actor, place and group slots of every document.
    static FacetColumn read(const Xapian::Database& db);

    const IdColumn& facet(Facet f) const { return facets_[f]; }
    // The report's story: its duplicate group's number (schema kSlotGroup),
    // or, for a report written without a group, one of its own.
    std::uint32_t story(Xapian::docid did) const {
        std::span<const std::uint32_t> g = groups_.ids(did);
        return g.empty() ? static_cast<std::uint32_t>(groups_.distinct()) + did : g.front();
    }
    std::size_t stories_bound() const { return groups_.distinct() + last_ + 1; }
    // The reports of the group keyed `key`, in docid order (empty: none).
    std::span<const Xapian::docid> group_members(std::string_view key) const;
    Xapian::docid last_docid() const { return last_; }

private:
    Xapian::docid last_ = 0;
    IdColumn facets_[kFacets];
    IdColumn groups_;
    std::vector<std::uint32_t> member_starts_;  // per group number, its reports in members_
    std::vector<Xapian::docid> members_;
};

// Counts a query's matches by the column: per facet, per id, the matching
// reports naming it (an id named twice in one report counts twice, as the
// packed-list spies count).
class ColumnCountSpy : public Xapian::MatchSpy {
public:
    explicit ColumnCountSpy(const FacetColumn& column);
    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override { return new ColumnCountSpy(column_); }
    std::string name() const override { return "vigie.ColumnCountSpy"; }
    std::size_t matches() const { return matches_; }
    // The first `limit` ids (0: all) of a facet by count, ties by id.
    RankedCounts top(FacetColumn::Facet f, unsigned limit) const;

private:
    const FacetColumn& column_;
    std::size_t matches_ = 0;
    std::vector<std::uint32_t> counts_[FacetColumn::kFacets];
};

// Stories by the column (StorySpy's counts, docs/duplicates.md): the distinct
// stories among the matches, and per facet id the distinct stories holding it.
class ColumnStorySpy : public Xapian::MatchSpy {
public:
    ColumnStorySpy(const FacetColumn& column, bool facets);
    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override { return new ColumnStorySpy(column_, facets_); }
    std::string name() const override { return "vigie.ColumnStorySpy"; }
    std::size_t stories() const { return stories_; }
    std::size_t reports() const { return reports_; }
    RankedCounts top(FacetColumn::Facet f, unsigned limit) const;
    // Whether a match of story `story` (FacetColumn::story) was counted.
    bool seen(std::uint32_t story) const { return story < story_seen_.size() && story_seen_[story]; }

private:
    const FacetColumn& column_;
    bool facets_;
    std::size_t reports_ = 0, stories_ = 0;
    std::vector<bool> story_seen_;
    // Per facet, the (story, id) pairs counted: the reports of one story are
    // not adjacent in docid order.
    std::vector<std::uint32_t> counts_[FacetColumn::kFacets];
    std::vector<std::uint64_t> pairs_[FacetColumn::kFacets];  // open-addressing set of story << 32 | id + 1
    std::size_t used_[FacetColumn::kFacets] = {};
    bool insert(std::size_t f, std::uint64_t key);
};

// Lets through the reports whose story `seen` has not counted: the partial
// matches of a grouped search leave out the stories among its full matches
// (OutsideGroups by the column). One local database (its own docids).
class OutsideStories : public Xapian::MatchDecider {
public:
    OutsideStories(const FacetColumn& column, const ColumnStorySpy& seen) : column_(column), seen_(seen) {}
    bool operator()(const Xapian::Document& doc) const override { return !seen_.seen(column_.story(doc.get_docid())); }

private:
    const FacetColumn& column_;
    const ColumnStorySpy& seen_;
};

}  // namespace vigie::searcher
