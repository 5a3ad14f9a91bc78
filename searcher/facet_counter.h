// Exact counts for multi-valued facets. Xapian 1.4's ValueCountMatchSpy
// counts one value per slot; a report names several actors and places, so
// their ids are packed in one slot (schema::pack_ids). Two ways, both exact
// when check_at_least covers the whole index (the matcher then shows every
// match to the spies):
//   - IdCountSpy, our own MatchSpy, counts each id of each match in a hash
//     table keyed by id (real news name so many persons that nearly every
//     report's list is unique: counting lists first cost twice as much);
//   - Xapian's built-in ValueCountMatchSpy counts each distinct packed list
//     in a std::map, and the lists' counts are expanded to their ids (an
//     id's count is the sum over the lists holding it). xapian-tcpsrv can
//     only run built-in spies (a custom one needs a rebuilt server), so this
//     is the way that works over remote shards.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

namespace vigie::searcher {

// Per id, the matching reports that name it: most first (ties by id).
using RankedCounts = std::vector<std::pair<std::string, std::size_t>>;

// Puts the first `limit` (0: all) of (id, count) pairs in that order and
// drops the others.
template <typename Id>
void keep_top(std::vector<std::pair<Id, std::size_t>>& counts, unsigned limit) {
    std::size_t keep = limit && limit < counts.size() ? limit : counts.size();
    std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(keep), counts.end(),
                      [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    counts.resize(keep);
}

// Hashes std::string and std::string_view alike: ids are looked up as
// views into the packed value, without making a string per look-up.
struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using IdCounts = std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>>;

class IdCountSpy : public Xapian::MatchSpy {
public:
    explicit IdCountSpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override { return new IdCountSpy(slot_); }
    std::string name() const override { return "vigie.IdCountSpy"; }
    // Per id, the matching reports naming it.
    const IdCounts& counts() const { return counts_; }

private:
    Xapian::valueno slot_;
    IdCounts counts_;
};

// Counts the ids of one packed slot, with either spy (see above).
class PackedIdCounter {
public:
    PackedIdCounter(Xapian::valueno slot, bool builtin_spy);
    void attach(Xapian::Enquire& enquire);
    // The first `limit` ids by count (0: all).
    RankedCounts top(unsigned limit) const;

private:
    std::unique_ptr<IdCountSpy> own_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> builtin_;
};

// Stories (docs/duplicates.md): reports of one duplicate group tell one
// story. Counts the distinct group keys (value slot `group_slot`) among the
// matches, and, for each slot of `facet_slots` (packed id lists, or one
// value), per id the distinct stories whose reports hold it: a story whose
// versions all name Gao counts once for Gao. Exact when check_at_least
// covers the whole index. Our own spy: not for remote shards.
class StorySpy : public Xapian::MatchSpy {
public:
    StorySpy(Xapian::valueno group_slot, std::vector<Xapian::valueno> facet_slots)
        : group_slot_(group_slot), slots_(std::move(facet_slots)), counts_(slots_.size()) {}
    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override { return new StorySpy(group_slot_, slots_); }
    std::string name() const override { return "vigie.StorySpy"; }
    std::size_t stories() const { return groups_.size(); }
    std::size_t reports() const { return reports_; }
    // The group keys seen (a report written without a group key: a key of
    // its own that no stored value equals).
    const std::unordered_set<std::string>& groups() const { return groups_; }
    // The first `limit` ids (0: all) of the i-th facet slot by stories.
    RankedCounts top(std::size_t i, unsigned limit) const;

private:
    Xapian::valueno group_slot_;
    std::vector<Xapian::valueno> slots_;
    std::size_t reports_ = 0;
    std::unordered_set<std::string> groups_;
    std::unordered_set<std::string> seen_;  // slot index, group key and id, 0x1F-separated
    std::vector<IdCounts> counts_;
};

// Lets through the reports whose group key (value slot `group_slot`) is
// not in `groups`: partial matches of a grouped search leave out the stories
// already among its full matches. Local databases only.
class OutsideGroups : public Xapian::MatchDecider {
public:
    OutsideGroups(Xapian::valueno group_slot, const std::unordered_set<std::string>& groups)
        : group_slot_(group_slot), groups_(groups) {}
    bool operator()(const Xapian::Document& doc) const override {
        std::string group = doc.get_value(group_slot_);
        return group.empty() || !groups_.count(group);
    }

private:
    Xapian::valueno group_slot_;
    const std::unordered_set<std::string>& groups_;
};

}  // namespace vigie::searcher
