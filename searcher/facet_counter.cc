#include "searcher/facet_counter.h"

#include <algorithm>
#include <string_view>

namespace vigie::searcher {

namespace {

// Calls f(id) for each id of a packed list.
template <typename F>
void for_each_id(std::string_view rest, F&& f) {
    while (!rest.empty()) {
        std::size_t end = std::min(rest.find('\n'), rest.size());
        if (end > 0) f(rest.substr(0, end));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
}

}  // namespace

void IdCountSpy::operator()(const Xapian::Document& doc, double) {
    std::string packed = doc.get_value(slot_);
    for_each_id(packed, [&](std::string_view id) {
        if (auto it = counts_.find(id); it != counts_.end())
            ++it->second;
        else
            counts_.emplace(std::string(id), 1);
    });
}

PackedIdCounter::PackedIdCounter(Xapian::valueno slot, bool builtin_spy) {
    if (builtin_spy)
        builtin_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    else
        own_ = std::make_unique<IdCountSpy>(slot);
}

void PackedIdCounter::attach(Xapian::Enquire& enquire) {
    if (builtin_)
        enquire.add_matchspy(builtin_.get());
    else
        enquire.add_matchspy(own_.get());
}

RankedCounts PackedIdCounter::top(unsigned limit) const {
    std::vector<std::pair<std::string_view, std::size_t>> ranked;
    std::vector<std::pair<std::string, std::size_t>> lists;  // the builtin spy's values are made on the fly
    std::unordered_map<std::string_view, std::size_t> per_id;  // views into `lists`
    if (own_) {
        ranked.assign(own_->counts().begin(), own_->counts().end());
    } else {
        for (auto v = builtin_->values_begin(); v != builtin_->values_end(); ++v) lists.emplace_back(*v, v.get_termfreq());
        for (const auto& [packed, n] : lists) for_each_id(packed, [&, n = n](std::string_view id) { per_id[id] += n; });
        ranked.assign(per_id.begin(), per_id.end());
    }
    keep_top(ranked, limit);
    return RankedCounts(ranked.begin(), ranked.end());
}

void StorySpy::operator()(const Xapian::Document& doc, double) {
    ++reports_;
    std::string group = doc.get_value(group_slot_);
    if (group.empty()) group = "\x1f" + std::to_string(doc.get_docid());  // written without groups: alone
    groups_.insert(group);
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        std::string packed = doc.get_value(slots_[i]);
        for_each_id(packed, [&](std::string_view id) {
            std::string key = std::to_string(i) + '\x1f' + group + '\x1f';
            key += id;
            if (!seen_.insert(std::move(key)).second) return;
            if (auto it = counts_[i].find(id); it != counts_[i].end())
                ++it->second;
            else
                counts_[i].emplace(std::string(id), 1);
        });
    }
}

RankedCounts StorySpy::top(std::size_t i, unsigned limit) const {
    RankedCounts ranked(counts_[i].begin(), counts_[i].end());
    keep_top(ranked, limit);
    return ranked;
}

}  // namespace vigie::searcher
