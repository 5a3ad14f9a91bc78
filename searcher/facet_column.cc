#include "searcher/facet_column.h"

#include <algorithm>

#include "schema/schema.h"

namespace vigie::searcher {

namespace {

// The ids of a packed list ('\n'-separated, schema::pack_ids), empty ones dropped.
void split_ids(std::string_view rest, std::vector<std::string_view>& out) {
    out.clear();
    while (!rest.empty()) {
        std::size_t end = std::min(rest.find('\n'), rest.size());
        if (end > 0) out.push_back(rest.substr(0, end));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
}

// Reads one slot's value stream into `column`, each value split as `packed` says.
void read_slot(const Xapian::Database& db, Xapian::valueno slot, bool packed, IdColumn& column) {
    std::vector<std::string_view> ids;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        std::string value = *v;
        if (packed)
            split_ids(value, ids);
        else
            ids.assign(1, value);
        column.add(v.get_docid(), ids);
    }
    column.finish(db.get_lastdocid());
}

// The first `limit` (0: all) of the nonzero counts, most first, ties by id.
RankedCounts ranked(const IdColumn& names, const std::vector<std::uint32_t>& counts, unsigned limit) {
    std::vector<std::pair<std::string_view, std::size_t>> out;
    for (std::uint32_t i = 0; i < counts.size(); ++i)
        if (counts[i]) out.emplace_back(names.name(i), counts[i]);
    keep_top(out, limit);
    return RankedCounts(out.begin(), out.end());
}

}  // namespace

void IdColumn::add(Xapian::docid did, const std::vector<std::string_view>& ids) {
    // Documents before did hold nothing.
    starts_.resize(std::max<std::size_t>(starts_.size(), did + 1), static_cast<std::uint32_t>(ids_.size()));
    for (std::string_view id : ids) {
        if (id.empty()) continue;
        auto it = of_name_.find(id);
        if (it == of_name_.end()) {
            it = of_name_.emplace(std::string(id), static_cast<std::uint32_t>(names_.size())).first;
            names_.emplace_back(id);
        }
        ids_.push_back(it->second);
    }
    starts_.push_back(static_cast<std::uint32_t>(ids_.size()));  // starts_[did + 1]
}

void IdColumn::finish(Xapian::docid last) {
    starts_.resize(std::max<std::size_t>(starts_.size(), std::size_t{last} + 2), static_cast<std::uint32_t>(ids_.size()));
}

std::int64_t IdColumn::find(std::string_view name) const {
    auto it = of_name_.find(name);
    return it == of_name_.end() ? std::int64_t{-1} : std::int64_t{it->second};
}

FacetColumn FacetColumn::read(const Xapian::Database& db) {
    FacetColumn c;
    c.last_ = db.get_lastdocid();
    read_slot(db, schema::kSlotDateMonth, false, c.facets_[kMonth]);
    read_slot(db, schema::kSlotActors, true, c.facets_[kActor]);
    read_slot(db, schema::kSlotPlaces, true, c.facets_[kPlace]);
    read_slot(db, schema::kSlotGroup, false, c.groups_);
    // Each group's reports, in docid order (counting sort).
    c.member_starts_.assign(c.groups_.distinct() + 1, 0);
    for (Xapian::docid d = 1; d <= c.last_; ++d)
        for (std::uint32_t g : c.groups_.ids(d)) ++c.member_starts_[g + 1];
    for (std::size_t g = 1; g < c.member_starts_.size(); ++g) c.member_starts_[g] += c.member_starts_[g - 1];
    c.members_.resize(c.member_starts_.back());
    std::vector<std::uint32_t> next(c.member_starts_.begin(), c.member_starts_.end() - 1);
    for (Xapian::docid d = 1; d <= c.last_; ++d)
        for (std::uint32_t g : c.groups_.ids(d)) c.members_[next[g]++] = d;
    return c;
}

std::span<const Xapian::docid> FacetColumn::group_members(std::string_view key) const {
    std::int64_t g = groups_.find(key);
    if (g < 0) return {};
    return {members_.data() + member_starts_[g], members_.data() + member_starts_[g + 1]};
}

ColumnCountSpy::ColumnCountSpy(const FacetColumn& column) : column_(column) {
    for (std::size_t f = 0; f < FacetColumn::kFacets; ++f)
        counts_[f].assign(column.facet(static_cast<FacetColumn::Facet>(f)).distinct(), 0);
}

void ColumnCountSpy::operator()(const Xapian::Document& doc, double) {
    Xapian::docid did = doc.get_docid();
    ++matches_;
    for (std::size_t f = 0; f < FacetColumn::kFacets; ++f)
        for (std::uint32_t id : column_.facet(static_cast<FacetColumn::Facet>(f)).ids(did)) ++counts_[f][id];
}

RankedCounts ColumnCountSpy::top(FacetColumn::Facet f, unsigned limit) const {
    return ranked(column_.facet(f), counts_[f], limit);
}

ColumnStorySpy::ColumnStorySpy(const FacetColumn& column, bool facets)
    : column_(column), facets_(facets), story_seen_(column.stories_bound(), false) {
    if (!facets) return;
    for (std::size_t f = 0; f < FacetColumn::kFacets; ++f) {
        counts_[f].assign(column.facet(static_cast<FacetColumn::Facet>(f)).distinct(), 0);
        pairs_[f].assign(1024, 0);
    }
}

bool ColumnStorySpy::insert(std::size_t f, std::uint64_t key) {
    std::vector<std::uint64_t>& table = pairs_[f];
    if (2 * (used_[f] + 1) > table.size()) {  // at most half full: grow
        std::vector<std::uint64_t> old(table.size() * 2, 0);
        old.swap(table);
        used_[f] = 0;
        for (std::uint64_t k : old)
            if (k) insert(f, k);
    }
    std::size_t mask = table.size() - 1;
    for (std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> 20 & mask;; i = (i + 1) & mask) {
        if (table[i] == key) return false;
        if (table[i] == 0) {
            table[i] = key;
            ++used_[f];
            return true;
        }
    }
}

void ColumnStorySpy::operator()(const Xapian::Document& doc, double) {
    Xapian::docid did = doc.get_docid();
    ++reports_;
    std::uint32_t story = column_.story(did);
    if (!story_seen_[story]) story_seen_[story] = true, ++stories_;
    if (!facets_) return;
    for (std::size_t f = 0; f < FacetColumn::kFacets; ++f)
        for (std::uint32_t id : column_.facet(static_cast<FacetColumn::Facet>(f)).ids(did))
            if (insert(f, std::uint64_t{story} << 32 | (std::uint64_t{id} + 1))) ++counts_[f][id];
}

RankedCounts ColumnStorySpy::top(FacetColumn::Facet f, unsigned limit) const {
    return ranked(column_.facet(f), counts_[f], limit);
}

}  // namespace vigie::searcher
