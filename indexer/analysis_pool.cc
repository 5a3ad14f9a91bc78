#include "indexer/analysis_pool.h"

namespace vigie::indexer {

AnalysisPool::AnalysisPool(unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

AnalysisPool::~AnalysisPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : workers_) t.join();
}

std::future<BuiltDocument> AnalysisPool::submit(Task task) {
    std::packaged_task<BuiltDocument(analysis::FrenchAnalyzer&)> job(std::move(task));
    std::future<BuiltDocument> result = job.get_future();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return result;
}

void AnalysisPool::work() {
    analysis::FrenchAnalyzer analyzer;
    for (;;) {
        std::packaged_task<BuiltDocument(analysis::FrenchAnalyzer&)> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        job(analyzer);
    }
}

}  // namespace vigie::indexer
