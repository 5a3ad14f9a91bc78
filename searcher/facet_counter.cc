#include "searcher/facet_counter.h"

#include <algorithm>
#include <string_view>

namespace vigie::searcher {

void IdListCountSpy::operator()(const Xapian::Document& doc, double) {
    std::string packed = doc.get_value(slot_);
    if (!packed.empty()) ++lists_[packed];
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

RankedCounts PackedIdCounter::top(unsigned limit) const {
    std::vector<std::pair<std::string, std::size_t>> lists;  // the builtin spy's values are made on the fly
    if (builtin_) {
        for (auto v = builtin_->values_begin(); v != builtin_->values_end(); ++v) lists.emplace_back(*v, v.get_termfreq());
    }
    std::unordered_map<std::string_view, std::size_t> per_id;  // views into the lists' strings
    auto expand = [&](std::string_view rest, std::size_t n) {
        while (!rest.empty()) {
            std::size_t end = std::min(rest.find('\n'), rest.size());
            if (end > 0) per_id[rest.substr(0, end)] += n;
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    };
    if (builtin_) {
        for (const auto& [packed, n] : lists) expand(packed, n);
    } else {
        for (const auto& [packed, n] : own_->lists()) expand(packed, n);
    }
    std::vector<std::pair<std::string_view, std::size_t>> ranked(per_id.begin(), per_id.end());
    keep_top(ranked, limit);
    return RankedCounts(ranked.begin(), ranked.end());
}

}  // namespace vigie::searcher
