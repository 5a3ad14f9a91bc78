// ReaderProcess: reads report files in child processes, each under a CPU
// time and a memory budget, so that a file that would crash a parser
// (Gumbo, Poppler), run for minutes or take gigabytes fails alone, named,
// and the run goes on (issue 15, cases 7 and 15).
//
// A helper process is forked when the object is made, before the caller has
// threads, a lock or an open index; it forks a worker that reads the files
// one after the other, each under its own setrlimit(RLIMIT_CPU, RLIMIT_AS),
// and sends the reports back through a socket. A worker that dies on a file
// (over a budget, crashed) fails that file alone and is replaced; a worker
// is also replaced after 256 files. Workers and the helper die with the
// indexer (kill -9 included: PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "indexer/formats.h"

namespace vigie::indexer {

struct ReadBudget {
    std::uint64_t max_file_bytes = 50ull << 20;
    std::uint64_t max_memory_bytes = 2048ull << 20;  // address space a worker may add
    unsigned max_seconds = 60;                        // CPU seconds a worker may use
};

class ReaderProcess {
public:
    // Forks the helper. Call before starting threads. When it cannot be
    // forked, read() reads in this process (no budget).
    explicit ReaderProcess(const ReadBudget& budget);
    ~ReaderProcess();
    ReaderProcess(const ReaderProcess&) = delete;
    ReaderProcess& operator=(const ReaderProcess&) = delete;

    // The reports of the file at `path` (read_file + read_reports), or one
    // failure naming the path and why: unreadable, over a budget, crashed.
    // Not thread-safe.
    ReadResult read(const std::string& path);

private:
    ReadBudget budget_;
    int socket_ = -1;
    pid_t helper_ = -1;
};

}  // namespace vigie::indexer
