// Runs a file of queries against a Vigie index, for bench/relevance: one
// JSON line per query, {"qid", "hits": [report ids in rank order], "total",
// "times_ms"}, the same output as bench/peers/peer.py's engines.
//
//   relevance_search --db DIR --queries FILE.tsv [--k 10] [--set NAME=VALUE]...
//
// FILE.tsv: qid<TAB>query, the query searched exactly as a user would type it
// (Vigie's query syntax applies). --set changes one ranking parameter for the
// run (k1, k2, k3, b, min_normlen, title_weight, drop_question_words,
// exact_weight, family): the tuning loop
// measures each change on the dev half before it becomes a default.
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "searcher/searcher.h"

namespace {

int usage() {
    std::cerr << "usage: relevance_search --db DIR --queries FILE.tsv [--k N] [--set NAME=VALUE]...\n";
    return 64;
}

bool set_param(vigie::searcher::Ranking& r, const std::string& assignment) {
    auto eq = assignment.find('=');
    if (eq == std::string::npos) return false;
    std::string name = assignment.substr(0, eq);
    double v;
    try {
        v = std::stod(assignment.substr(eq + 1));
    } catch (const std::exception&) {
        return false;
    }
    std::map<std::string, double*> doubles = {
        {"k1", &r.k1}, {"k2", &r.k2}, {"k3", &r.k3}, {"b", &r.b}, {"min_normlen", &r.min_normlen},
        {"title_weight", &r.query.title_weight}, {"exact_weight", &r.query.exact_weight}};
    if (auto it = doubles.find(name); it != doubles.end()) {
        *it->second = v;
        return true;
    }
    if (name == "family") {
        r.query.family = v != 0;
        return true;
    }
    if (name == "drop_question_words") {
        r.query.drop_question_words = v != 0;
        return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db, queries;
    unsigned k = 10;
    vigie::searcher::Ranking ranking;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) return usage();
        std::string v = argv[++i];
        if (a == "--db") {
            db = v;
        } else if (a == "--queries") {
            queries = v;
        } else if (a == "--k") {
            k = static_cast<unsigned>(std::stoul(v));
        } else if (a == "--set") {
            if (!set_param(ranking, v)) {
                std::cerr << "relevance_search: unknown or bad parameter " << v << "\n";
                return 64;
            }
        } else {
            return usage();
        }
    }
    if (db.empty() || queries.empty()) return usage();
    auto searcher = vigie::searcher::Searcher::open(db);
    if (!searcher) {
        std::cerr << "relevance_search: " << searcher.error().message << "\n";
        return 1;
    }
    searcher->set_ranking(ranking);
    std::ifstream in(queries);
    if (!in) {
        std::cerr << "relevance_search: cannot read " << queries << "\n";
        return 1;
    }
    std::string line;
    int failures = 0;
    while (std::getline(in, line)) {
        auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        vigie::searcher::SearchRequest req;
        req.query = line.substr(tab + 1);
        req.limit = k;
        auto t0 = std::chrono::steady_clock::now();
        auto res = searcher->search(req);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        nlohmann::json out = {{"qid", line.substr(0, tab)}, {"hits", nlohmann::json::array()}, {"times_ms", ms}};
        if (res) {
            for (const auto& h : res->hits) out["hits"].push_back(h.id);
            out["total"] = res->total;
        } else {
            out["error"] = res.error().message;
            ++failures;
        }
        std::cout << out.dump() << "\n";
    }
    return failures ? 2 : 0;
}
