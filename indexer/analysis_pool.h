// Worker threads that build Xapian documents while one thread writes them.
// Analysis (tokens, stems, entities) is most of indexing's CPU and needs no
// database; Xapian's WritableDatabase takes one writer. Each worker owns its
// FrenchAnalyzer (the Snowball stemmer keeps state).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "analyzers/french_analyzer.h"
#include "indexer/document_builder.h"

namespace vigie::indexer {

class AnalysisPool {
public:
    using Task = std::function<BuiltDocument(analysis::FrenchAnalyzer&)>;

    // `threads` 0 means one per core.
    explicit AnalysisPool(unsigned threads = 0);
    ~AnalysisPool();
    AnalysisPool(const AnalysisPool&) = delete;
    AnalysisPool& operator=(const AnalysisPool&) = delete;

    // Runs `task` on a worker; an exception it throws comes out of get().
    std::future<BuiltDocument> submit(Task task);

    unsigned threads() const { return static_cast<unsigned>(workers_.size()); }

private:
    void work();

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::packaged_task<BuiltDocument(analysis::FrenchAnalyzer&)>> queue_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace vigie::indexer
