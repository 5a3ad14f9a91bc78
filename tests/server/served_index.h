// One index per test suite, built by the real `vigie index` and served by
// the real `vigie serve` on a loopback port. A suite derives from
// ServedIndex<Suite> (each suite gets its own statics), writes its reports
// under tmp() in SetUpTestSuite, then calls serve() with the folders to index.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/cli_output.h"
#include "server/server_process.h"
#include "support/temp_dir.h"

namespace vigie::testing {

template <class Suite>
class ServedIndex : public ::testing::Test {
protected:
    static TempDir& tmp() {
        if (!tmp_) tmp_ = new TempDir;
        return *tmp_;
    }
    static void serve(const std::vector<std::string>& folders) {
        db_ = tmp().path() + "/db";
        std::vector<std::string> args = {"index", "--db", db_, "--quiet"};
        args.insert(args.end(), folders.begin(), folders.end());
        cli_output(args);
        server_ = new ServerProcess(db_);
        ASSERT_GT(server_->port(), 0) << "vigie serve did not say where it listens";
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
        delete tmp_;
        tmp_ = nullptr;
    }
    static httplib::Client client() { return patient_client(server_->port()); }
    static httplib::Result get(const std::string& path) { return client().Get(path); }
    // The answer's JSON (discarded: null) after checking its status.
    static nlohmann::json get_json(const std::string& path, int expected_status = 200) {
        auto res = get(path);
        EXPECT_TRUE(res) << path;
        if (!res) return nlohmann::json();
        EXPECT_EQ(res->status, expected_status) << path << "\n" << res->body;
        return nlohmann::json::parse(res->body, nullptr, false);
    }

    static inline TempDir* tmp_ = nullptr;
    static inline std::string db_;
    static inline ServerProcess* server_ = nullptr;
};

}  // namespace vigie::testing
