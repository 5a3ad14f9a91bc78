// The indexer's public surface: index report files into a Vigie database.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/expected.h"

namespace vigie::indexer {

struct Progress {
    std::size_t files_done = 0, files_total = 0;
    std::uint64_t bytes_done = 0, bytes_total = 0;
};

struct IndexOptions {
    std::string db_dir;               // the --db directory (created if missing)
    std::vector<std::string> paths;   // files or folders; folders are walked
    bool rebuild = false;             // build a new generation, then switch to it
    // Shards (docs/index-format.md): 0 keeps the index's layout (one database
    // for a new index); N >= 1 splits a new index or a --rebuild into N.
    // Another count on an existing index without --rebuild is an error.
    unsigned shards = 0;
    std::uint64_t max_file_bytes = 50ull << 20;
    // Memory one report may take to be read and analysed (its text costs
    // about 100x its size); a report over it fails alone, named. The reports
    // analysed at once stay within it together.
    std::uint64_t max_memory_bytes = 2048ull << 20;
    // CPU seconds one file (not a feed) may take to be read and parsed;
    // over it, the file fails alone, named.
    unsigned max_seconds = 60;
    unsigned batch_size = 1000;       // documents per commit
    bool compact = false;             // then write the index compacted, as the next generation
    unsigned threads = 0;             // analysis threads besides the writer; 0: one per core
    // Called after each file; may be empty. Runs on the indexing thread.
    std::function<void(const Progress&)> progress;
};

struct Failure {
    std::string path;
    std::string reason;  // the full message, path included
};

struct IndexSummary {
    // Reports (a feed file holds many). A renamed or moved file counts as updated.
    std::size_t added = 0, updated = 0, removed = 0, unchanged = 0;
    std::vector<Failure> failures;
    std::vector<Failure> notes;  // indexed, but worth saying: text decoded as Windows-1252
    std::size_t documents = 0;  // reports in the index afterwards
    // Duplicates (docs/duplicates.md): groups of two reports or more telling
    // one story, the reports in them, the reports whose group changed, and
    // the grouping pass's time.
    std::size_t groups = 0, grouped_reports = 0, regrouped = 0;
    double grouping_seconds = 0;
};

// Indexes `options.paths` incrementally (or rebuilds). A file that fails is
// recorded in `failures` and the others go on. Returns an Error only when the
// index itself cannot be opened, locked or written.
// Not thread-safe; one writer per db_dir is enforced by a lock file.
Expected<IndexSummary> index_paths(const IndexOptions& options);

}  // namespace vigie::indexer
