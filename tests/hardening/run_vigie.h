// Runs the built `vigie` binary as a user would, with a wall-clock deadline
// so that a hang fails the test instead of stalling the suite.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

extern char** environ;

namespace vigie::testing {

struct Outcome {
    int status = -1;  // exit status, or -signal when killed
    bool timed_out = false;
    long peak_rss_kb = 0;  // the process's peak resident memory
    std::string out, err;
    nlohmann::json json() const { return nlohmann::json::parse(out, nullptr, false); }
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Starts vigie with `args`, stdout and stderr to files in `tmp`.
inline pid_t start_vigie(const std::vector<std::string>& args, const TempDir& tmp) {
    std::vector<std::string> copy = args;
    // VIGIE_UNDER_TEST runs the tests against another build (the code
    // before a fix, to see them fail).
    const char* other = std::getenv("VIGIE_UNDER_TEST");
    std::string bin = other && *other ? other : VIGIE_BINARY;
    std::vector<char*> argv{bin.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::string out = tmp / "run.out", err = tmp / "run.err";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

// Waits for `pid` up to `deadline`, then kills it.
inline Outcome finish_vigie(pid_t pid, const TempDir& tmp, std::chrono::seconds deadline) {
    Outcome r;
    auto until = std::chrono::steady_clock::now() + deadline;
    int st = 0;
    struct rusage usage {};
    while (::wait4(pid, &st, WNOHANG, &usage) == 0) {
        if (std::chrono::steady_clock::now() > until) {
            ::kill(pid, SIGKILL);
            ::wait4(pid, &st, 0, &usage);
            r.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    r.peak_rss_kb = usage.ru_maxrss;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
    r.out = slurp(tmp / "run.out");
    r.err = slurp(tmp / "run.err");
    return r;
}

// Generous by default: the suite runs with both cores busy.
inline Outcome vigie(const std::vector<std::string>& args, const TempDir& tmp,
                 std::chrono::seconds deadline = std::chrono::seconds(300)) {
    return finish_vigie(start_vigie(args, tmp), tmp, deadline);
}

// Ids of every report in the index (match-all search), or an empty list.
inline std::vector<std::string> indexed_ids(const std::string& db, const TempDir& tmp) {
    Outcome s = vigie({"search", "--db", db, "--json", "--limit", "10000"}, tmp);
    std::vector<std::string> ids;
    nlohmann::json j = s.json();
    if (!j.is_object()) return ids;
    for (const auto& h : j["hits"]) ids.push_back(h["id"].get<std::string>());
    return ids;
}

inline long search_total(const std::string& db, const std::string& query, const TempDir& tmp) {
    Outcome s = vigie({"search", "--db", db, "--json", "--limit", "0", query}, tmp);
    nlohmann::json j = s.json();
    return j.is_object() ? j["total"].get<long>() : -1;
}

}  // namespace vigie::testing
