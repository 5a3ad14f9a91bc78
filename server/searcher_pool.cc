#include "server/searcher_pool.h"

#include <fstream>
#include <sstream>

#include "schema/schema.h"

namespace vigie::server {

constexpr std::size_t kMaxIdle = 8;

std::string SearcherPool::stub_target() const {
    std::ifstream stub(schema::stub_path(dir_));
    std::stringstream text;
    text << stub.rdbuf();
    return text.str();
}

Expected<SearcherPool::Lease> SearcherPool::acquire() {
    std::string target = stub_target();
    std::unique_ptr<searcher::Searcher> s;
    {
        std::lock_guard lock(mutex_);
        if (target != target_) {
            idle_.clear();
            target_ = target;
        }
        if (!idle_.empty()) {
            s = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (s) {
        s->reopen();  // cheap when nothing changed
        return Lease(*this, std::move(s), target);
    }
    Expected<searcher::Searcher> opened = searcher::Searcher::open(dir_);
    if (!opened) return opened.error();
    return Lease(*this, std::make_unique<searcher::Searcher>(std::move(*opened)), target);
}

SearcherPool::Lease::~Lease() {
    if (!searcher_) return;
    std::lock_guard lock(pool_.mutex_);
    if (target_ == pool_.target_ && pool_.idle_.size() < kMaxIdle) pool_.idle_.push_back(std::move(searcher_));
}

}  // namespace vigie::server
