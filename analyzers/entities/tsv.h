// Reads the project's TSV data files: '#' comment lines, one header line,
// then rows. Values are looked up by column name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigie::entities {

class TsvTable {
public:
    // Parses `text`; rows with fewer cells than the header are padded.
    explicit TsvTable(std::string_view text);

    std::size_t size() const { return rows_.size(); }
    // The cell of `row` in column `name`, or "" when there is no such column.
    std::string_view get(std::size_t row, std::string_view name) const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

// Splits on `sep`, dropping empty pieces.
std::vector<std::string> split(std::string_view s, char sep);

}  // namespace vigie::entities
