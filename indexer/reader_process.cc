#include "indexer/reader_process.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <fstream>
#include <new>

namespace vigie::indexer {
namespace {

// --- a small binary encoding of a ReadResult -------------------------------

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_str(std::string& out, const std::string& s) {
    put_u64(out, s.size());
    out += s;
}
void put_strs(std::string& out, const std::vector<std::string>& v) {
    put_u64(out, v.size());
    for (const auto& s : v) put_str(out, s);
}

struct Reader {
    const std::string& in;
    std::size_t at = 0;
    bool ok = true;
    std::uint64_t u64() {
        std::uint64_t v = 0;
        if (at + sizeof v > in.size()) return ok = false, 0;
        std::memcpy(&v, in.data() + at, sizeof v);
        at += sizeof v;
        return v;
    }
    std::string str() {
        std::uint64_t n = u64();
        if (!ok || n > in.size() - at) return ok = false, std::string();
        std::string s = in.substr(at, n);
        at += n;
        return s;
    }
    std::vector<std::string> strs() {
        std::vector<std::string> v(static_cast<std::size_t>(std::min<std::uint64_t>(u64(), in.size())));
        for (auto& s : v) s = str();
        return v;
    }
};

std::string encode(const ReadResult& r) {
    std::string out;
    put_u64(out, r.reports.size());
    for (const Report& p : r.reports) {
        for (const std::string* s : {&p.path, &p.key, &p.title, &p.body, &p.date, &p.format, &p.encoding}) put_str(out, *s);
        put_u64(out, p.line);
        put_u64(out, p.pages.size());
        for (std::size_t page : p.pages) put_u64(out, page);
        put_strs(out, p.actors);
        put_strs(out, p.places);
        for (const std::string* s : {&p.provenance.url, &p.provenance.outlet, &p.provenance.author, &p.duplicate_of})
            put_str(out, *s);
    }
    put_u64(out, r.failures.size());
    for (const Failure& f : r.failures) {
        put_str(out, f.path);
        put_str(out, f.reason);
    }
    return out;
}

bool decode(const std::string& in, ReadResult& r) {
    Reader rd{in};
    std::uint64_t n = rd.u64();
    for (std::uint64_t i = 0; rd.ok && i < n; ++i) {
        Report p;
        for (std::string* s : {&p.path, &p.key, &p.title, &p.body, &p.date, &p.format, &p.encoding}) *s = rd.str();
        p.line = rd.u64();
        std::uint64_t pages = rd.u64();
        for (std::uint64_t k = 0; rd.ok && k < pages; ++k) p.pages.push_back(rd.u64());
        p.actors = rd.strs();
        p.places = rd.strs();
        for (std::string* s : {&p.provenance.url, &p.provenance.outlet, &p.provenance.author, &p.duplicate_of})
            *s = rd.str();
        r.reports.push_back(std::move(p));
    }
    std::uint64_t f = rd.u64();
    for (std::uint64_t i = 0; rd.ok && i < f; ++i) {
        Failure x;
        x.path = rd.str();
        x.reason = rd.str();
        r.failures.push_back(std::move(x));
    }
    return rd.ok && rd.at == in.size();
}

// --- plumbing ---------------------------------------------------------------

bool write_all(int fd, const char* p, std::size_t n) {
    while (n > 0) {
        ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == ENOTSOCK) w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}
bool read_all(int fd, char* p, std::size_t n) {
    while (n > 0) {
        ssize_t r = ::read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}
bool send_frame(int fd, char tag, const std::string& body) {
    std::string head(1, tag);
    put_u64(head, body.size());
    return write_all(fd, head.data(), head.size()) && write_all(fd, body.data(), body.size());
}
bool recv_frame(int fd, char& tag, std::string& body) {
    char head[1 + sizeof(std::uint64_t)];
    if (!read_all(fd, head, sizeof head)) return false;
    tag = head[0];
    std::uint64_t n;
    std::memcpy(&n, head + 1, sizeof n);
    body.resize(n);
    return read_all(fd, body.data(), n);
}

// Virtual memory the process maps now, from /proc/self/statm (pages).
std::uint64_t mapped_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

ReadResult read_here(const std::string& path, std::uint64_t max_file_bytes) {
    Expected<std::string> bytes = read_file(path, max_file_bytes);
    if (!bytes) {
        ReadResult r;
        r.failures.push_back({path, bytes.error().message});
        return r;
    }
    return read_reports(path, *bytes, max_file_bytes);
}

constexpr int kOutOfMemory = 3;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// CPU seconds this process has used, rounded up.
rlim_t cpu_seconds_used() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<rlim_t>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1;
}

// Sets the soft limit of `resource` to `value`, under its hard limit. Only
// soft limits are set: the next file raises them again.
void set_soft_limit(int resource, rlim_t value) {
    rlimit r{};
    ::getrlimit(resource, &r);
    r.rlim_cur = r.rlim_max == RLIM_INFINITY ? value : std::min(value, r.rlim_max);
    ::setrlimit(resource, &r);
}

// The worker: reads the files the helper sends, one at a time, each under
// its own budget (the limits are moved before each file: CPU time from what
// is used so far, address space from what is mapped now), and answers each
// with its result. It dies on a file over its budget; the helper reports
// that file and starts another worker. One worker reads many files: a fork
// per file cost ~10 ms (copying the page tables of the warmed-up tables),
// more than reading a short report.
[[noreturn]] void worker(int sock, const ReadBudget& b) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    rlimit core{0, 0};
    ::setrlimit(RLIMIT_CORE, &core);
    for (;;) {
        char tag;
        std::string path;
        if (!recv_frame(sock, tag, path)) _exit(0);  // the helper is done
        set_soft_limit(RLIMIT_CPU, cpu_seconds_used() + b.max_seconds);
        // The budget is on top of what is mapped already (the program, its
        // data). Not under AddressSanitizer, whose allocator maps address
        // space of its own as it goes (quarantine, size classes) and
        // reports, not fails.
        if (!kAddressSanitizer) set_soft_limit(RLIMIT_AS, mapped_bytes() + b.max_memory_bytes);
        // Wall clock, a backstop for a worker that waits instead of computing.
        ::alarm(10 * b.max_seconds + 60);
        try {
            std::string body = encode(read_here(path, b.max_file_bytes));
            ::alarm(0);
            if (!send_frame(sock, 'R', body)) _exit(1);
        } catch (const std::bad_alloc&) {
            _exit(kOutOfMemory);
        } catch (...) {
            _exit(1);
        }
    }
}

std::string over_budget(int status, const ReadBudget& b) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == kOutOfMemory)
        return "needs over " + std::to_string(b.max_memory_bytes >> 20) + " MB of memory to read (--max-memory)";
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGXCPU || sig == SIGKILL)
            return "takes over " + std::to_string(b.max_seconds) + " s of CPU time to read (--max-seconds)";
        if (sig == SIGALRM)
            return "still being read after " + std::to_string(10 * b.max_seconds + 60) + " s (--max-seconds)";
        return std::string("the reader stopped on this file (") + ::strsignal(sig) +
               "; over the memory budget of " + std::to_string(b.max_memory_bytes >> 20) +
               " MB, --max-memory, or a damaged file)";
    }
    return "the reader failed on this file (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
}

// Reads a small report of each kind once, so that what the readers set up
// on first use (compiled patterns, tables) is made here, once, and every
// worker forked afterwards inherits it: a third of the cost of a small file.
void warm_up() {
    const std::string text = "Titre\nPublié le 5 novembre 2022\n\nDes civils tués à Mopti (12/03/2022).\n";
    (void)read_reports("warm.txt", text, 1 << 20);
    (void)read_reports("warm.md", "---\ntitle: t\ndate: 2022-01-01\nactors: [a]\n---\n# T\n" + text, 1 << 20);
    (void)read_reports("warm.html",
                       "<html><head><title>t</title><meta name=\"date\" content=\"2022-01-01\"></head><body><p>" +
                           text + "</p></body></html>",
                       1 << 20);
}

// A worker is retired after this many files, so that what its heap keeps
// from one file to the next stays small.
constexpr int kFilesPerWorker = 256;

// The helper's end of one worker.
struct Worker {
    int sock = -1;
    pid_t pid = -1;
    int files = 0;
};

// Forks a child running `child(socket)` ([[noreturn]]) at the other end of a
// socket pair; false when it cannot be started.
template <typename Child>
bool fork_with_socket(Child child, int& sock, pid_t& pid) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return false;
    pid_t p = ::fork();
    if (p == 0) {
        ::close(fds[0]);
        child(fds[1]);
    }
    ::close(fds[1]);
    if (p < 0) {
        ::close(fds[0]);
        return false;
    }
    sock = fds[0];
    pid = p;
    return true;
}

bool start_worker(Worker& w, const ReadBudget& b) {
    w.files = 0;
    return fork_with_socket([&](int sock) { worker(sock, b); }, w.sock, w.pid);
}

// Closes the worker's socket (it exits) and waits for it; its exit status.
int stop_worker(Worker& w) {
    int status = 0;
    if (w.sock >= 0) ::close(w.sock);
    if (w.pid > 0)
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
    w = Worker{};
    return status;
}

// The helper's loop: each path asked is read by the worker, its result
// relayed; a worker that dies on a file is reported and replaced.
[[noreturn]] void helper(int sock, const ReadBudget& b) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::signal(SIGPIPE, SIG_IGN);
    try {
        warm_up();
    } catch (...) {
        // Only a head start; the workers set up what is missing.
    }
    Worker w;
    for (;;) {
        char tag;
        std::string path;
        if (!recv_frame(sock, tag, path)) {  // the indexer is done (or gone)
            stop_worker(w);
            _exit(0);
        }
        if (w.pid > 0 && w.files >= kFilesPerWorker) stop_worker(w);
        if (w.pid <= 0 && !start_worker(w, b)) {
            send_frame(sock, 'E', std::string("cannot start a reader: ") + std::strerror(errno));
            continue;
        }
        ++w.files;
        std::string body;
        if (send_frame(w.sock, 'P', path) && recv_frame(w.sock, tag, body)) {
            if (!send_frame(sock, 'R', body)) _exit(0);
            continue;
        }
        // The worker died on this file: its status says why.
        int status = stop_worker(w);
        if (!send_frame(sock, 'E', over_budget(status, b))) _exit(0);
    }
}

}  // namespace

ReaderProcess::ReaderProcess(const ReadBudget& budget) : budget_(budget) {
    fork_with_socket([&](int sock) { helper(sock, budget_); }, socket_, helper_);
}

ReaderProcess::~ReaderProcess() {
    if (socket_ >= 0) ::close(socket_);  // the helper sees the end and exits
    if (helper_ > 0) {
        int status;
        while (::waitpid(helper_, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

ReadResult ReaderProcess::read(const std::string& path) {
    if (socket_ < 0) return read_here(path, budget_.max_file_bytes);
    ReadResult out;
    char tag = 0;
    std::string body;
    if (!send_frame(socket_, 'P', path) || !recv_frame(socket_, tag, body)) {
        ::close(socket_);  // the helper is gone (killed): read here from now on
        socket_ = -1;
        return read_here(path, budget_.max_file_bytes);
    }
    if (tag == 'R' && decode(body, out)) return out;
    out = ReadResult();
    out.failures.push_back({path, path + ": " + (tag == 'R' ? std::string("garbled reader output") : body)});
    return out;
}

}  // namespace vigie::indexer
