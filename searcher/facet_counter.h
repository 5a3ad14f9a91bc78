// Exact counts for multi-valued facets. Xapian 1.4's ValueCountMatchSpy
// counts one value per slot; a report names several actors and places, so
// their ids are packed in one slot (schema::pack_ids). Both ways here count
// each distinct packed list and then expand each list's count to its ids (an
// id's count is the sum over the lists holding it); both are exact when
// check_at_least covers the whole index (the matcher then shows every match
// to the spies):
//   - IdListCountSpy, our own MatchSpy, counts lists in a hash table;
//   - Xapian's built-in ValueCountMatchSpy does the same in a std::map.
//     xapian-tcpsrv can only run built-in spies (a custom one needs a
//     rebuilt server), so this is the way that works over remote shards.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
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

class IdListCountSpy : public Xapian::MatchSpy {
public:
    explicit IdListCountSpy(Xapian::valueno slot) : slot_(slot) {}

    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override { return new IdListCountSpy(slot_); }
    std::string name() const override { return "vigie.IdListCountSpy"; }

    // Per distinct packed list, the matching reports holding it.
    const std::unordered_map<std::string, std::size_t>& lists() const { return lists_; }

private:
    Xapian::valueno slot_;
    std::unordered_map<std::string, std::size_t> lists_;
};

// Counts the ids of one packed slot, with either spy (see above).
class PackedIdCounter {
public:
    PackedIdCounter(Xapian::valueno slot, bool builtin_spy);
    void attach(Xapian::Enquire& enquire);
    // The first `limit` ids by count (0: all).
    RankedCounts top(unsigned limit) const;

private:
    std::unique_ptr<IdListCountSpy> own_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> builtin_;
};

}  // namespace vigie::searcher
