// Shared by the reader targets: the invariants every reader keeps on any
// bytes. What is indexed is valid UTF-8; a report has text; every failure
// names the file; page offsets lie inside the body.
#pragma once

#include <string>

#include "fuzz/fuzz_util.h"
#include "indexer/formats.h"

namespace vigie::fuzz {

// Larger than the old 4 KB cap: the hostile inputs of issue 15 were 30 KB
// lines and 780 KB trees. The targets' corpora hold inputs up to this size.
constexpr std::size_t kMaxReportBytes = 1 << 20;

inline void check_read(const indexer::ReadResult& r, const std::string& path) {
    for (const indexer::Report& report : r.reports) {
        VIGIE_FUZZ_CHECK(valid_utf8(report.title));
        VIGIE_FUZZ_CHECK(valid_utf8(report.body));
        VIGIE_FUZZ_CHECK(!report.body.empty() || !report.title.empty());
        VIGIE_FUZZ_CHECK(report.date.empty() || report.date.size() == 4 || report.date.size() == 7 ||
                         report.date.size() == 10);
        for (std::size_t page : report.pages) VIGIE_FUZZ_CHECK(page <= report.body.size());
    }
    for (const indexer::Failure& f : r.failures) VIGIE_FUZZ_CHECK(f.reason.rfind(path, 0) == 0);
}

}  // namespace vigie::fuzz
