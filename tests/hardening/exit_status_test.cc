// Exit statuses come from the error's kind, in one place (cli/main.cc,
// docs/hardening-indexing.md): a script can tell "try again later" from
// "some files failed" from "the index cannot be written".
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_vigie.h"

namespace {

using vigie::testing::Outcome;
using vigie::testing::TempDir;
using vigie::testing::vigie;

TEST(Issue15, ExitStatusSaysTheKindOfError) {
    TempDir tmp;
    tmp.write("r/bon.txt", "Rapport\n\nAttaque à Kidal.\n");
    std::string db = tmp / "db";
    ASSERT_EQ(vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp).status, 0);

    // Another writer holds the lock: unavailable, try again later (75).
    int fd = ::open((db + "/write.lock").c_str(), O_RDWR);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    Outcome locked = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    ::close(fd);
    EXPECT_EQ(locked.status, 75) << locked.err;

    // A file that cannot be read, the others indexed: 2.
    tmp.write("r/vide.txt", "");
    Outcome some = vigie({"index", "--db", db, "--quiet", tmp / "r"}, tmp);
    EXPECT_EQ(some.status, 2) << some.err;

    // The index folder cannot be created: I/O (74).
    tmp.write("fichier", "x");
    Outcome io = vigie({"index", "--db", tmp / "fichier/db", "--quiet", tmp / "r"}, tmp);
    EXPECT_EQ(io.status, 74) << io.err;

    // Another --shards count without --rebuild: invalid argument (64).
    Outcome usage = vigie({"index", "--db", db, "--quiet", "--shards", "3", tmp / "r"}, tmp);
    EXPECT_EQ(usage.status, 64) << usage.err;
}

}  // namespace
