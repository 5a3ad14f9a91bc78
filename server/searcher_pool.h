// Open Searchers shared by the server's threads. A Searcher is not
// thread-safe, so each request borrows one for itself; idle ones are kept.
// When an index run changed the database they are reopened, and when a
// --rebuild pointed DIR/current at a new generation they are replaced
// (Xapian's reopen() does not re-read stub files).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/expected.h"
#include "searcher/searcher.h"

namespace vigie::server {

class SearcherPool {
public:
    explicit SearcherPool(std::string db_dir) : dir_(std::move(db_dir)) {}

    // Returns the Searcher to the pool when destroyed.
    class Lease {
    public:
        Lease(SearcherPool& pool, std::unique_ptr<searcher::Searcher> s, std::string target)
            : pool_(pool), searcher_(std::move(s)), target_(std::move(target)) {}
        Lease(Lease&&) = default;
        ~Lease();
        searcher::Searcher* operator->() { return searcher_.get(); }

    private:
        SearcherPool& pool_;
        std::unique_ptr<searcher::Searcher> searcher_;
        std::string target_;
    };

    Expected<Lease> acquire();
    const std::string& dir() const { return dir_; }

private:
    std::string stub_target() const;
    std::string dir_;
    std::mutex mutex_;
    std::string target_;  // what DIR/current named when the idle ones were opened
    std::vector<std::unique_ptr<searcher::Searcher>> idle_;
};

}  // namespace vigie::server
