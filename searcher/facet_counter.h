// Exact counts for multi-valued facets. Xapian 1.4's ValueCountMatchSpy
// counts one value per slot; a report names several actors and places, so
// their ids are packed in one slot (schema::pack_ids) and this spy counts
// each id once per matching report. The matcher calls it for every match
// when check_at_least covers the whole index, so the counts are exact.
#pragma once

#include <utility>
#include <vector>
#include <string>
#include <unordered_map>

#include <xapian.h>

namespace vigie::searcher {

class IdListCountSpy : public Xapian::MatchSpy {
public:
    explicit IdListCountSpy(Xapian::valueno slot) : slot_(slot) {}

    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override { return new IdListCountSpy(slot_); }
    std::string name() const override { return "vigie.IdListCountSpy"; }

    // Per id, the matching reports that name it: most first (ties by id),
    // the first `limit` of them (0: all).
    std::vector<std::pair<std::string, std::size_t>> top(unsigned limit) const;

private:
    Xapian::valueno slot_;
    // Per packed list: reports share their lists often, and one hash per
    // report is much cheaper than unpacking each one.
    std::unordered_map<std::string, std::size_t> lists_;
};

}  // namespace vigie::searcher
