// `vigie serve` started as a child process on a free loopback port, for the
// API tests; stopped with SIGTERM when the object goes.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace vigie::testing {

class ServerProcess {
public:
    explicit ServerProcess(const std::string& db) {
        int fds[2];
        if (::pipe(fds) != 0) return;
        pid_ = ::fork();
        if (pid_ == 0) {
            // Dies with the test: a test that aborts (a sanitizer report)
            // must not leave a server holding ctest's output pipe open.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            ::dup2(fds[1], STDOUT_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
            std::vector<const char*> argv = {VIGIE_BINARY, "serve", "--db", db.c_str(), "--port", "0", nullptr};
            ::execv(VIGIE_BINARY, const_cast<char* const*>(argv.data()));
            ::_exit(127);
        }
        ::close(fds[1]);
        // The first line says where it listens: "listening on http://127.0.0.1:PORT/".
        FILE* out = ::fdopen(fds[0], "r");
        char line[256] = {};
        if (out && std::fgets(line, sizeof line, out)) {
            std::string l = line;
            auto colon = l.rfind(':');
            if (l.rfind("listening on http://127.0.0.1:", 0) == 0 && colon != std::string::npos)
                port_ = std::atoi(l.c_str() + colon + 1);
        }
        if (out) std::fclose(out);
    }
    ~ServerProcess() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    // Resident memory of the server process, in kB (0 when unknown).
    long rss_kb() const {
        FILE* f = std::fopen(("/proc/" + std::to_string(pid_) + "/status").c_str(), "r");
        if (!f) return 0;
        char line[256];
        long kb = 0;
        while (std::fgets(line, sizeof line, f))
            if (std::string(line).rfind("VmRSS:", 0) == 0) kb = std::atol(line + 6);
        std::fclose(f);
        return kb;
    }

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

// An HTTP client for these tests: cpp-httplib gives up reading after 5 s by
// default, which a sanitizer build on a machine with every core busy can
// exceed (issue 15: Shards.ServeAnswers503WhenAShardStops failed so). The
// answers tested are not about time: wait long.
inline httplib::Client patient_client(int port) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(120, 0);
    c.set_read_timeout(120, 0);
    c.set_write_timeout(120, 0);
    return c;
}

}  // namespace vigie::testing
