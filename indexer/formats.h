// Report formats: which reader reads a file, decided from its content first
// and its extension second. Each format is one reader file (indexer/*_reader.cc)
// and one row in the table of formats.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/indexer.h"
#include "indexer/report_reader.h"

namespace vigie::indexer {

struct ReadResult {
    std::vector<Report> reports;
    std::vector<Failure> failures;  // per report of a multi-report file (path:line)
};

// True when a folder walk should pick `path` up (by extension).
bool is_report_path(const std::string& path);

// Reads every report in `bytes` (the whole file at `path`). An unreadable
// file yields one failure naming the path and the reason. `max_report_bytes`
// caps one report of a multi-report file. Thread-safe.
ReadResult read_reports(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);

// The readers, one per format (see formats.cc for how one is chosen).
ReadResult read_txt(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_markdown(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_html(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_pdf(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_jsonl(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);

}  // namespace vigie::indexer
