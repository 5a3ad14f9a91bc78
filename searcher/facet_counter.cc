#include "searcher/facet_counter.h"

#include <algorithm>
#include <string_view>

namespace vigie::searcher {

void IdListCountSpy::operator()(const Xapian::Document& doc, double) {
    std::string packed = doc.get_value(slot_);
    if (!packed.empty()) ++lists_[packed];
}

std::vector<std::pair<std::string, std::size_t>> IdListCountSpy::top(unsigned limit) const {
    std::unordered_map<std::string_view, std::size_t> per_id;  // views into lists_' keys
    for (const auto& [packed, n] : lists_) {
        std::string_view rest(packed);
        while (!rest.empty()) {
            std::size_t end = std::min(rest.find('\n'), rest.size());
            if (end > 0) per_id[rest.substr(0, end)] += n;
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    }
    std::vector<std::pair<std::string_view, std::size_t>> ranked(per_id.begin(), per_id.end());
    auto before = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
    std::size_t keep = limit && limit < ranked.size() ? limit : ranked.size();
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(), before);
    std::vector<std::pair<std::string, std::size_t>> out;
    out.reserve(keep);
    for (std::size_t i = 0; i < keep; ++i) out.emplace_back(std::string(ranked[i].first), ranked[i].second);
    return out;
}

}  // namespace vigie::searcher
