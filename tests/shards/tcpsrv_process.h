// One `xapian-tcpsrv` (Debian's xapian-tools) serving one shard on a free
// loopback port, for the shard tests. It runs in its own process group, so
// stop() ends it and the children it forked for open connections; it is
// stopped when the object goes and, should the test process die, by the
// kernel (PR_SET_PDEATHSIG).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace vigie::testing {

// A port nothing listens on now (bound to port 0, then released).
inline int free_loopback_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

inline bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

class TcpServer {
public:
    TcpServer(const std::string& program, const std::string& db) {
        for (int attempt = 0; attempt < 5 && !running(); ++attempt) start(program, db);
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    int port() const { return port_; }
    bool running() const { return pid_ > 0; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    void stop() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGKILL);  // the server and the children serving open connections
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

private:
    void start(const std::string& program, const std::string& db) {
        port_ = free_loopback_port();
        std::string port = std::to_string(port_);
        pid_t parent = ::getpid();
        pid_t pid = ::fork();
        if (pid == 0) {
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(1);
            std::vector<const char*> argv = {program.c_str(), "--interface", "127.0.0.1", "--port", port.c_str(),
                                             "--quiet", db.c_str(), nullptr};
            ::execv(program.c_str(), const_cast<char* const*>(argv.data()));
            ::_exit(127);
        }
        if (pid < 0) return;
        ::setpgid(pid, pid);
        // Up to 60 s to listen: a busy machine can take seconds to start it.
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) return;  // exited: port taken, or no program
            if (accepts(port_)) {
                pid_ = pid;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }

    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace vigie::testing
