// Issue 15, cases 8, 9, 10 and 19's server part: no client starves or bloats
// `vigie serve` (the built binary, on a loopback port). Every wait has a
// deadline with slack for a machine whose cores are all busy.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hardening/raw_client.h"
#include "server/server_process.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using vigie::testing::body_of;
using vigie::testing::RawConnection;
using vigie::testing::ServerProcess;
using vigie::testing::status_of;
using vigie::testing::TempDir;
using namespace std::chrono_literals;

const std::string kSeeds = std::string(VIGIE_SOURCE_DIR) + "/seeds";

class ServerLimits : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new TempDir;
        db_ = tmp_->path() + "/db";
        std::string cmd = std::string(VIGIE_BINARY) + " index --quiet --db '" + db_ + "' '" + kSeeds + "' >/dev/null 2>&1";
        ASSERT_EQ(std::system(cmd.c_str()), 0);
        server_ = new ServerProcess(db_);
        ASSERT_GT(server_->port(), 0) << "vigie serve did not say where it listens";
    }
    static void TearDownTestSuite() {
        delete server_;
        delete tmp_;
    }
    static int port() { return server_->port(); }
    // One request on its own connection, the whole answer.
    static std::string request(const std::string& head, std::chrono::milliseconds wait = 30s) {
        RawConnection c(port());
        EXPECT_TRUE(c.connected());
        c.send(head);
        return c.read_all(wait);
    }

    static TempDir* tmp_;
    static std::string db_;
    static ServerProcess* server_;
};
TempDir* ServerLimits::tmp_ = nullptr;
std::string ServerLimits::db_;
ServerProcess* ServerLimits::server_ = nullptr;

// Case 8: clients sending their head one line a second (each line well
// within any read timeout) hold a connection each, not every worker: more of
// them than cpp-httplib had workers (8, or cores - 1) while /healthz is asked.
TEST_F(ServerLimits, SlowClientsLeaveWorkersForOthers) {
    constexpr int kSlow = 64;
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < kSlow; ++i) {
        slow.push_back(std::make_unique<RawConnection>(port()));
        ASSERT_TRUE(slow.back()->connected());
        slow.back()->send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    }
    std::atomic<bool> done = false;
    std::thread dribble([&] {
        // One header line per connection per second, for at most 8 s (the
        // server's head deadline is 10 s).
        for (int tick = 0; tick < 8 && !done; ++tick) {
            for (int t = 0; t < 10 && !done; ++t) std::this_thread::sleep_for(100ms);
            for (auto& c : slow) c->send("X-Slow-" + std::to_string(tick) + ": y\r\n");
        }
    });
    std::this_thread::sleep_for(500ms);  // the slow heads have reached the server
    httplib::Client client("127.0.0.1", port());
    client.set_connection_timeout(7, 0);
    client.set_read_timeout(7, 0);
    auto start = std::chrono::steady_clock::now();
    auto res = client.Get("/healthz");
    done = true;
    dribble.join();
    ASSERT_TRUE(res) << "no answer to /healthz while " << kSlow << " slow clients sent their heads";
    EXPECT_EQ(res->status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 7s);
}

// Case 8, the bound: a head still arriving after the server's head deadline
// (10 s) is answered 408 and the connection closed.
TEST_F(ServerLimits, ASlowHeadIsCutAtItsDeadline) {
    RawConnection c(port());
    ASSERT_TRUE(c.connected());
    c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    std::string answer;
    auto start = std::chrono::steady_clock::now();
    // Up to 40 s: 10 s of deadline and much slack for a loaded machine.
    while (std::chrono::steady_clock::now() - start < 40s && !c.closed()) {
        if (!c.send("X-Slow: y\r\n")) break;
        answer += c.read_all(1s);
    }
    answer += c.read_all(2s);
    EXPECT_EQ(status_of(answer), 408) << answer.substr(0, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 9s);
}

// Case 9: a Range of a hundred "0-" is ignored: the whole answer once, 200.
TEST_F(ServerLimits, RangesAreIgnored) {
    std::string plain = request("GET /api/facets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string ranges = "bytes=0-";
    for (int i = 1; i < 100; ++i) ranges += ",0-";
    std::string ranged =
        request("GET /api/facets HTTP/1.1\r\nHost: x\r\nConnection: close\r\nRange: " + ranges + "\r\n\r\n");
    ASSERT_EQ(status_of(plain), 200);
    EXPECT_EQ(status_of(ranged), 200) << ranged.substr(0, 200);
    EXPECT_EQ(body_of(ranged), body_of(plain));
    EXPECT_EQ(ranged.find("multipart/byteranges"), std::string::npos);
}

// Case 10: a head with too many lines or too many bytes is refused, 431.
TEST_F(ServerLimits, HeaderCountAndSizeAreCapped) {
    struct Case {
        int headers;
        std::size_t value_bytes;
        int status;
    };
    for (Case c : {Case{20, 50, 200}, Case{60, 10, 200}, Case{65, 10, 431}, Case{500, 10, 431},
                   Case{1, 20000, 431}, Case{10, 2000, 431}}) {
        std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
        for (int i = 0; i < c.headers; ++i) head += "X-H" + std::to_string(i) + ": " + std::string(c.value_bytes, 'a') + "\r\n";
        std::string answer = request(head + "\r\n");
        EXPECT_EQ(status_of(answer), c.status) << c.headers << " headers of " << c.value_bytes << " bytes";
    }
}

// Case 10, the flood: 35 MB of headers are not read into memory; the server
// answers 431 and closes long before, and its memory does not grow.
TEST_F(ServerLimits, AHeaderFloodIsCutShort) {
    long before = server_->rss_kb();
    RawConnection c(port());
    ASSERT_TRUE(c.connected());
    c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    std::string lines;
    for (int i = 0; i < 64; ++i) lines += "X-Pad: " + std::string(1000, 'a') + "\r\n";
    std::size_t sent = 0;
    while (sent < 35u << 20 && c.send(lines)) sent += lines.size();
    EXPECT_LT(sent, 35u << 20) << "the server read 35 MB of headers";
    std::string answer = c.read_all(5s);
    if (!answer.empty()) {
        EXPECT_EQ(status_of(answer), 431);
    }
    long after = server_->rss_kb();
    if (before > 0) {
        EXPECT_LT(after - before, 32 * 1024) << before << " kB -> " << after << " kB";
    }
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(30, 0);
    auto res = client.Get("/healthz");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

// Case 19: only GET and HEAD exist: another method on a route is 405 naming
// the allowed ones; an unknown path stays 404 whatever the method.
TEST_F(ServerLimits, OtherMethodsAre405) {
    struct Case {
        const char* method;
        const char* path;
        int status;
    };
    for (Case c : {Case{"POST", "/api/search", 405}, Case{"PUT", "/api/search?q=mali", 405},
                   Case{"DELETE", "/api/report/x", 405}, Case{"PATCH", "/healthz", 405}, Case{"OPTIONS", "/", 405},
                   Case{"POST", "/nothing", 404}, Case{"GET", "/nothing", 404}, Case{"HEAD", "/healthz", 200}}) {
        std::string answer = request(std::string(c.method) + " " + c.path +
                                     " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(status_of(answer), c.status) << c.method << " " << c.path << "\n" << answer.substr(0, 300);
        if (c.status == 405) {
            EXPECT_NE(answer.find("Allow: GET, HEAD"), std::string::npos) << c.method;
            EXPECT_TRUE(json::parse(body_of(answer), nullptr, false).contains("error")) << c.method;
        }
        if (std::string(c.method) == "HEAD") {
            EXPECT_TRUE(body_of(answer).empty());
        }
    }
}

// Case 19: a date that does not exist is refused naming its parameter.
TEST_F(ServerLimits, DatesThatDoNotExistAre400) {
    struct Case {
        const char* query;
        int status;
        const char* parameter;
    };
    for (Case c : {Case{"from=2022-99-99", 400, "from"}, Case{"to=2022-02-30", 400, "to"},
                   Case{"from=2023-13", 400, "from"}, Case{"to=2023-00", 400, "to"}, Case{"from=2022-11-31", 400, "from"},
                   Case{"from=99999-01-01", 400, "from"}, Case{"from=2024-02-29", 200, ""},
                   Case{"from=2022&to=2022-12-31", 200, ""}}) {
        std::string answer = request("GET /api/search?" + std::string(c.query) +
                                     " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(status_of(answer), c.status) << c.query;
        if (c.status == 400) {
            json j = json::parse(body_of(answer), nullptr, false);
            EXPECT_EQ(j["parameter"], c.parameter) << c.query;
            EXPECT_EQ(j["kind"], "invalid_argument") << c.query;
        }
    }
}

// Keep-alive still works: several answers on one connection.
TEST_F(ServerLimits, KeptAliveConnectionsServeSeveralRequests) {
    httplib::Client client("127.0.0.1", port());
    client.set_keep_alive(true);
    client.set_read_timeout(30, 0);
    for (int i = 0; i < 5; ++i) {
        auto res = client.Get("/healthz");
        ASSERT_TRUE(res) << i;
        EXPECT_EQ(res->status, 200);
    }
}

}  // namespace
