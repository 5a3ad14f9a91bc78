#include "searcher/facet_counter.h"

#include "schema/schema.h"

namespace vigie::searcher {

void IdListCountSpy::operator()(const Xapian::Document& doc, double) {
    for (const std::string& id : schema::unpack_ids(doc.get_value(slot_))) ++counts_[id];
}

std::map<std::string, std::size_t> expand_packed_counts(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::size_t> counts;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        Xapian::doccount n = v.get_termfreq();
        for (const std::string& id : schema::unpack_ids(*v)) counts[id] += n;
    }
    return counts;
}

PackedIdCounter::PackedIdCounter(Xapian::valueno slot, bool builtin_spy) {
    if (builtin_spy)
        builtin_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    else
        own_ = std::make_unique<IdListCountSpy>(slot);
}

void PackedIdCounter::attach(Xapian::Enquire& enquire) {
    if (builtin_)
        enquire.add_matchspy(builtin_.get());
    else
        enquire.add_matchspy(own_.get());
}

std::map<std::string, std::size_t> PackedIdCounter::counts() const {
    return builtin_ ? expand_packed_counts(*builtin_) : own_->counts();
}

}  // namespace vigie::searcher
