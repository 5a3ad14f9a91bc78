// Exact counts for multi-valued facets. Xapian 1.4's ValueCountMatchSpy
// counts one value per slot; a report names several actors and places, so
// their ids are packed in one slot (schema::pack_ids). Two ways to count each
// id once per matching report, both exact when check_at_least covers the
// whole index (the matcher then shows every match to the spies):
//   - IdListCountSpy, our own MatchSpy, unpacks each match's list;
//   - Xapian's built-in ValueCountMatchSpy counts each distinct packed list,
//     and expand_packed_counts() turns that into per-id counts (an id's count
//     is the sum over the lists holding it). xapian-tcpsrv can only run
//     built-in spies (a custom one needs a rebuilt server), so this is the
//     way that works over remote shards.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <xapian.h>

namespace vigie::searcher {

class IdListCountSpy : public Xapian::MatchSpy {
public:
    explicit IdListCountSpy(Xapian::valueno slot) : slot_(slot) {}

    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override { return new IdListCountSpy(slot_); }
    std::string name() const override { return "vigie.IdListCountSpy"; }

    const std::map<std::string, std::size_t>& counts() const { return counts_; }

private:
    Xapian::valueno slot_;
    std::map<std::string, std::size_t> counts_;
};

// Per-id counts from a ValueCountMatchSpy over a packed slot.
std::map<std::string, std::size_t> expand_packed_counts(const Xapian::ValueCountMatchSpy& spy);

// Counts the ids of one packed slot, with either spy (see above).
class PackedIdCounter {
public:
    PackedIdCounter(Xapian::valueno slot, bool builtin_spy);
    void attach(Xapian::Enquire& enquire);
    std::map<std::string, std::size_t> counts() const;

private:
    std::unique_ptr<IdListCountSpy> own_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> builtin_;
};

}  // namespace vigie::searcher
