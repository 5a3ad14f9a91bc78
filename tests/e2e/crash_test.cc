// Robustness of the index lifecycle with the real binary: a writer killed
// with SIGKILL at random moments leaves the last committed index searchable
// and the next run completes the work; searches during a rebuild succeed.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "schema/schema.h"

#include "support/temp_dir.h"

extern char** environ;

namespace {

constexpr int kReports = 600;
constexpr int kBatch = 20;

pid_t spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    std::string bin = VIGIE_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

int wait_status(pid_t pid) {
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
}

// Total of a search (match-all by default), or -1 when the search failed.
long total(const std::string& db, const std::string& query = "") {
    std::string cmd = std::string(VIGIE_BINARY) + " search --db '" + db + "' --json --limit 0 " + query + " 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    if (::pclose(p) != 0) return -1;
    auto j = nlohmann::json::parse(out, nullptr, false);
    return j.is_object() ? j["total"].get<long>() : -1;
}

void write_reports(const vigie::testing::TempDir& tmp) {
    for (int i = 0; i < kReports; ++i)
        tmp.write("r/report-" + std::to_string(1000 + i) + ".txt",
                  " date 2022-0" + std::to_string(1 + i % 9) + " Rapport " + std::to_string(i) +
                      " sur les exactions de l'armée malienne et du groupe Wagner à Moura, région de Mopti.\n\n"
                      "Des témoins décrivent des civils tués et des villages incendiés.");
}

// Reports committed in the index at `db` now; -1 while there is none to read.
long committed(const std::string& db) {
    try {
        return static_cast<long>(Xapian::Database(vigie::schema::stub_path(db)).get_doccount());
    } catch (const Xapian::Error&) {
        return -1;
    }
}

// Waits until the writer `pid` has committed at least `target` reports (or
// ended, or 120 s passed), then kills it: the kill lands part-way however
// busy the machine is, where a delay measured on a calibration run did not
// (the test was flaky under load: the run it cut had sped up or slowed down).
void kill_after(pid_t pid, const std::string& db, long target, long extra_us) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline && ::waitpid(pid, nullptr, WNOHANG) == 0 &&
           committed(db) < target)
        ::usleep(2000);
    ::usleep(static_cast<useconds_t>(extra_us));  // somewhere inside the next batch
    ::kill(pid, SIGKILL);
}

TEST(Crash, KilledWriterLosesNothingCommitted) {
    vigie::testing::TempDir tmp;
    write_reports(tmp);
    std::mt19937 rng(20261122);
    // Killed once 1 to 25 batches of 20 are committed, then up to 20 ms later.
    std::uniform_int_distribution<long> batches(1, kReports / kBatch - 5), extra_us(0, 20000);
    int cut_short = 0;  // rounds killed part-way: the test is only worth it with many
    for (int round = 0; round < 20; ++round) {
        std::string db = tmp / ("db-" + std::to_string(round));
        pid_t pid = spawn({"index", "--db", db, "--quiet", "--batch-size", std::to_string(kBatch), tmp / "r"});
        ASSERT_GT(pid, 0);
        kill_after(pid, db, batches(rng) * kBatch, extra_us(rng));
        wait_status(pid);
        long t = total(db);
        if (std::filesystem::exists(db + "/current")) {
            ASSERT_GE(t, 0) << "round " << round << ": the index must stay searchable";
            EXPECT_TRUE(t % kBatch == 0 || t == kReports) << "round " << round << ": " << t << " is not a committed batch";
        }
        if (t > 0 && t < kReports) ++cut_short;
        // The next run completes the work.
        EXPECT_EQ(wait_status(spawn({"index", "--db", db, "--quiet", tmp / "r"})), 0);
        EXPECT_EQ(total(db), kReports) << "round " << round;
    }
    std::printf("%d of 20 indexing runs killed part-way with reports committed\n", cut_short);
    EXPECT_GE(cut_short, 5);
}

// Sharded: commits are not atomic across shards, so a kill may leave part
// of a batch; the index stays searchable and the next run completes it,
// accent-free matching (the lexicon's synonyms) included.
TEST(Crash, KilledWriterOfShardsCatchesUp) {
    vigie::testing::TempDir tmp;
    write_reports(tmp);
    auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(wait_status(spawn({"index", "--db", tmp / "db-calibration", "--quiet", "--shards", "3",
                                 "--batch-size", std::to_string(kBatch), tmp / "r"})), 0);
    auto run_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    std::mt19937 rng(611);
    std::uniform_int_distribution<long> delay_ms(run_ms / 5, run_ms * 95 / 100);
    for (int round = 0; round < 8; ++round) {
        std::string db = tmp / ("db-" + std::to_string(round));
        pid_t pid = spawn({"index", "--db", db, "--quiet", "--shards", "3", "--batch-size", std::to_string(kBatch),
                           tmp / "r"});
        ASSERT_GT(pid, 0);
        ::usleep(static_cast<useconds_t>(delay_ms(rng)) * 1000);
        ::kill(pid, SIGKILL);
        wait_status(pid);
        if (std::filesystem::exists(db + "/current")) {
            EXPECT_GE(total(db), 0) << "round " << round << ": the index must stay searchable";
        }
        EXPECT_EQ(wait_status(spawn({"index", "--db", db, "--quiet", tmp / "r"})), 0);
        EXPECT_EQ(total(db), kReports) << "round " << round;
        EXPECT_EQ(total(db, "armee"), kReports) << "round " << round << ": accent-free through the lexicon";
    }
}

TEST(Crash, KilledRebuildKeepsTheLiveIndex) {
    vigie::testing::TempDir tmp;
    write_reports(tmp);
    std::string db = tmp / "db";
    ASSERT_EQ(wait_status(spawn({"index", "--db", db, "--quiet", tmp / "r"})), 0);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> delay_ms(20, 900);
    for (int round = 0; round < 5; ++round) {
        pid_t pid = spawn({"index", "--db", db, "--quiet", "--rebuild", "--batch-size", "50", tmp / "r"});
        ::usleep(static_cast<useconds_t>(delay_ms(rng)) * 1000);
        ::kill(pid, SIGKILL);
        wait_status(pid);
        EXPECT_EQ(total(db), kReports) << "round " << round;
    }
    EXPECT_EQ(wait_status(spawn({"index", "--db", db, "--quiet", "--rebuild", tmp / "r"})), 0);
    EXPECT_EQ(total(db), kReports);
}

TEST(Crash, SearchesDuringARebuildSucceed) {
    vigie::testing::TempDir tmp;
    write_reports(tmp);
    std::string db = tmp / "db";
    ASSERT_EQ(wait_status(spawn({"index", "--db", db, "--quiet", tmp / "r"})), 0);
    for (int round = 0; round < 2; ++round) {
        pid_t pid = spawn({"index", "--db", db, "--quiet", "--rebuild", "--batch-size", "10", tmp / "r"});
        int searches = 0;
        while (::waitpid(pid, nullptr, WNOHANG) == 0) {
            EXPECT_EQ(total(db), kReports);
            ++searches;
        }
        EXPECT_GT(searches, 0);
        EXPECT_EQ(total(db), kReports);
    }
}

}  // namespace
