#include "analyzers/entities/tsv.h"

namespace vigie::entities {

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        std::size_t end = s.find(sep, pos);
        if (end == std::string_view::npos) end = s.size();
        if (end > pos) out.emplace_back(s.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

TsvTable::TsvTable(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::size_t c = 0;
        while (true) {
            std::size_t tab = line.find('\t', c);
            cells.emplace_back(line.substr(c, tab == std::string_view::npos ? std::string_view::npos : tab - c));
            if (tab == std::string_view::npos) break;
            c = tab + 1;
        }
        if (header_.empty()) {
            header_ = std::move(cells);
        } else {
            cells.resize(std::max(cells.size(), header_.size()));
            rows_.push_back(std::move(cells));
        }
    }
}

std::string_view TsvTable::get(std::size_t row, std::string_view name) const {
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == name) return rows_[row][i];
    return {};
}

}  // namespace vigie::entities
