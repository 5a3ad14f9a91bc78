// Query latency of Vigie's searcher library, in-process (a measurement, not a test).
//
//   build/query_latency --db DIR --queries FILE [--k 10] [--reps R] [--warmup W]
//
// FILE: TSV lines `qid<TAB>query[<TAB>filters]`, filters `actor=ID;place=ID;from=D;to=D`
// (any of them, actor and place repeatable), or the peer_queries.json format
// ({"queries": [{"id", "q"}]}). One Searcher is opened; every query runs W times
// (warm-up, not timed), then R timed times. Prints one JSON line per query, the
// same as bench/peers/peer.py search: {qid, query, hits, total, times_ms}, plus
// the suggestion when there is one. A timed run is Searcher::search as `vigie
// search` calls it: parse, top-k, exact total, facets, snippets, suggestion.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "searcher/searcher.h"

namespace {

struct Query {
    std::string id, text, filters;
};

std::vector<Query> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::vector<Query> out;
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0) {
        const auto doc = nlohmann::json::parse(text);  // kept alive: at() returns a reference into it
        for (const auto& q : doc.at("queries"))
            out.push_back({q.at("id").get<std::string>(), q.at("q").get<std::string>(), ""});
        return out;
    }
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            cols.push_back(line.substr(start, tab - start));
        cols.push_back(line.substr(start));
        if (cols.size() < 2) continue;
        out.push_back({cols[0], cols[1], cols.size() > 2 ? cols[2] : ""});
    }
    return out;
}

vigie::searcher::SearchRequest make_request(const Query& q, unsigned k) {
    vigie::searcher::SearchRequest r;
    r.query = q.text;
    r.limit = k;
    std::istringstream parts(q.filters);
    for (std::string part; std::getline(parts, part, ';');) {
        auto eq = part.find('=');
        if (eq == std::string::npos) continue;
        std::string key = part.substr(0, eq), value = part.substr(eq + 1);
        if (key == "actor") r.actors.push_back(value);
        else if (key == "place") r.places.push_back(value);
        else if (key == "from") r.from = value;
        else if (key == "to") r.to = value;
        else throw std::runtime_error("unknown filter " + key + " in query " + q.id);
    }
    return r;
}

int usage() {
    std::cerr << "usage: query_latency --db DIR --queries FILE [--k 10] [--reps 20] [--warmup 2]\n";
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db, queries_path;
    unsigned k = 10, reps = 20, warmup = 2;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) return usage();
        std::string v = argv[++i];
        if (a == "--db") db = v;
        else if (a == "--queries") queries_path = v;
        else if (a == "--k") k = static_cast<unsigned>(std::stoul(v));
        else if (a == "--reps") reps = static_cast<unsigned>(std::stoul(v));
        else if (a == "--warmup") warmup = static_cast<unsigned>(std::stoul(v));
        else return usage();
    }
    if (db.empty() || queries_path.empty() || reps == 0) return usage();
    try {
        auto queries = read_queries(queries_path);
        auto opened = vigie::searcher::Searcher::open(db);
        if (!opened) {
            std::cerr << "query_latency: " << opened.error().message << "\n";
            return 1;
        }
        auto& searcher = *opened;
        for (unsigned w = 0; w < warmup; ++w)
            for (const auto& q : queries) (void)searcher.search(make_request(q, k));
        for (const auto& q : queries) {
            auto request = make_request(q, k);
            nlohmann::ordered_json times = nlohmann::ordered_json::array();
            nlohmann::ordered_json row = {{"qid", q.id}, {"query", q.text}};
            if (!q.filters.empty()) row["filters"] = q.filters;
            for (unsigned r = 0; r < reps; ++r) {
                auto t0 = std::chrono::steady_clock::now();
                auto result = searcher.search(request);
                auto t1 = std::chrono::steady_clock::now();
                times.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                if (r + 1 < reps) continue;
                if (!result) {
                    row["error"] = result.error().message;
                    row["hits"] = nlohmann::ordered_json::array();
                    row["total"] = 0;
                    continue;
                }
                nlohmann::ordered_json hits = nlohmann::ordered_json::array();
                for (const auto& h : result->hits) hits.push_back(h.id);
                row["hits"] = hits;
                row["total"] = result->total;
                if (result->suggestion) row["suggestion"] = *result->suggestion;
            }
            row["times_ms"] = times;
            std::cout << row.dump() << "\n" << std::flush;
        }
    } catch (const std::exception& e) {
        std::cerr << "query_latency: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
