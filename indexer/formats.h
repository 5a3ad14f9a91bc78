// Report formats: which reader reads a file, decided from its content first
// and its extension second. Each format is one reader file (indexer/*_reader.cc)
// and one row in the table of formats.cc.
#pragma once

#include <functional>
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

// A feed (.jsonl, .ndjson, .jsonl.gz): many reports in one file, read as a
// stream so that a feed of any size is indexed in bounded memory.
bool is_feed_path(const std::string& path);

// Reads the feed at `path` line by line, gzip or not, handing each report to
// `on_report` as it is read; failures (a bad line, damaged gzip data) are
// appended as they come. False when the file could not be read to its end.
bool stream_jsonl(const std::string& path, std::size_t max_report_bytes,
                  const std::function<void(Report&&)>& on_report, std::vector<Failure>& failures);

// The readers, one per format (see formats.cc for how one is chosen).
ReadResult read_txt(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_markdown(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_html(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_pdf(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);
ReadResult read_jsonl(const std::string& path, const std::string& bytes, std::size_t max_report_bytes);

}  // namespace vigie::indexer
