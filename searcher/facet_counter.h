// Exact counts for multi-valued facets. Xapian 1.4's ValueCountMatchSpy
// counts one value per slot; a report names several actors and places, so
// their ids are packed in one slot (schema::pack_ids) and this spy counts
// each id once per matching report. The matcher calls it for every match
// when check_at_least covers the whole index, so the counts are exact.
#pragma once

#include <map>
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

}  // namespace vigie::searcher
