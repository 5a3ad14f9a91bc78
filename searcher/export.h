// Export of a search's whole result set (issue 13): every counted match, in
// rank order, as CSV for spreadsheets or as JSON lines (docs/export.md).
//
// Rows are fetched and written `batch` at a time, so memory holds one batch
// of hits (their stored text included) plus the labels of the actors and
// places the result set names, whatever the number of rows.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "common/expected.h"
#include "searcher/searcher.h"

namespace vigie::searcher {

enum class ExportFormat { kCsv, kJsonl };

// A larger result set is refused, never cut: a truncated file would pass for
// the whole set.
inline constexpr std::size_t kExportMaxRows = 100000;
inline constexpr unsigned kExportBatch = 500;

struct ExportOptions {
    ExportFormat format = ExportFormat::kCsv;
    std::size_t max_rows = kExportMaxRows;
    unsigned batch = kExportBatch;
    // At most this many rows (the first ones); none: the whole set.
    std::optional<std::size_t> limit;
    // Each search of the export (one per batch) must end within this time,
    // as one /api/search must; none: the request's own deadline, if any,
    // bounds them all. The server bounds the whole answer by its write
    // timeout.
    std::optional<Clock::duration> search_time;
};

// "csv" / "jsonl" -> the format; nullopt for anything else.
std::optional<ExportFormat> parse_export_format(const std::string& name);

// One export under way. start() runs the first search, so that a bad query
// or a set over the cap fails before any byte is written; next() writes the
// header (CSV) then one batch per call.
class Exporter {
public:
    // `searcher` must outlive the Exporter. The request's offset, limit and
    // facet_limit are the exporter's own; its deadline bounds every search.
    static Expected<Exporter> start(Searcher& searcher, SearchRequest request, ExportOptions options);

    // The number of rows the export will write.
    std::size_t rows() const { return rows_; }

    // Writes the next part; false once everything has been written.
    Expected<bool> next(std::ostream& out);

private:
    Exporter(Searcher& searcher, SearchRequest request, ExportOptions options)
        : searcher_(&searcher), request_(std::move(request)), options_(options) {}
    void write_rows(const SearchResult& result, std::ostream& out);
    Expected<SearchResult> search();

    Searcher* searcher_;
    SearchRequest request_;
    ExportOptions options_;
    std::size_t rows_ = 0, written_ = 0;
    bool header_done_ = false;
    std::optional<SearchResult> pending_;  // the first batch, fetched by start()
    std::map<std::string, std::string> labels_;  // "a:<id>" / "p:<id>" -> label
};

// The whole export in one call; the number of rows written.
Expected<std::size_t> export_results(Searcher& searcher, const SearchRequest& request, const ExportOptions& options,
                                     std::ostream& out);

// One CSV field as RFC 4180 wants it, with spreadsheet formulas neutralised
// (a leading = + - @ tab or CR gets an apostrophe: OWASP "CSV injection").
std::string csv_field(const std::string& value);

// Text of an HTML-escaped snippet or title: <b>/</b> dropped, entities decoded.
std::string plain_text(const std::string& html);

}  // namespace vigie::searcher
