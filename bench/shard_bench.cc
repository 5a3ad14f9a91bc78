// Measurements for docs/scaling.md (not a test):
//   shard_bench facets DIR [QUERY]    facet counting: our IdCountSpy against
//                                     Xapian's ValueCountMatchSpy + expansion,
//                                     over every match of QUERY (default: all)
//   shard_bench latency DIR QUERY...  Searcher::search time per query (10 hits,
//                                     facets, snippets), as `vigie search` runs it
//   shard_bench latency0 DIR QUERY... the same without hits (so without snippets)
// DIR is a --db folder: one database, local shards or a stub listing remote ones.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <xapian.h>

#include "schema/schema.h"
#include "searcher/facet_counter.h"
#include "searcher/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Timing {
    double best, median;
};
Timing summarise(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v.front(), v[v.size() / 2]};
}

int facets(const std::string& dir, const std::string& term) {
    Xapian::Database db(vigie::schema::stub_path(dir));
    Xapian::Query query = term.empty() ? Xapian::Query::MatchAll : Xapian::Query("Z" + term);
    bool remote = vigie::schema::read_stub(dir).remote;
    const int kRuns = 7;
    for (int builtin = remote ? 1 : 0; builtin < 2; ++builtin) {
        std::vector<double> times;
        std::size_t matches = 0, distinct_actor_lists = 0, distinct_place_lists = 0, ids = 0;
        for (int run = 0; run < kRuns; ++run) {
            auto t = Clock::now();
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            Xapian::ValueCountMatchSpy months(vigie::schema::kSlotDateMonth);
            enquire.add_matchspy(&months);
            vigie::searcher::PackedIdCounter actors(vigie::schema::kSlotActors, builtin);
            vigie::searcher::PackedIdCounter places(vigie::schema::kSlotPlaces, builtin);
            actors.attach(enquire);
            places.attach(enquire);
            Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
            ids = actors.top(0).size() + places.top(0).size();
            times.push_back(ms_since(t));
            matches = mset.get_matches_estimated();
        }
        if (builtin) {
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            Xapian::ValueCountMatchSpy a(vigie::schema::kSlotActors), p(vigie::schema::kSlotPlaces);
            enquire.add_matchspy(&a);
            enquire.add_matchspy(&p);
            enquire.get_mset(0, 0, db.get_doccount());
            for (auto v = a.values_begin(); v != a.values_end(); ++v) ++distinct_actor_lists;
            for (auto v = p.values_begin(); v != p.values_end(); ++v) ++distinct_place_lists;
        }
        Timing tm = summarise(times);
        std::printf("%-28s matches %zu  ids %zu  best %.1f ms  median %.1f ms", builtin ? "ValueCountMatchSpy+expand" : "IdCountSpy",
                    matches, ids, tm.best, tm.median);
        if (builtin) std::printf("  distinct lists: actors %zu places %zu", distinct_actor_lists, distinct_place_lists);
        std::printf("\n");
    }
    return 0;
}

int latency(const std::string& dir, const std::vector<std::string>& queries, unsigned limit) {
    auto opened = vigie::searcher::Searcher::open(dir);
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().message.c_str());
        return 1;
    }
    const int kRuns = 9;
    for (const std::string& q : queries) {
        std::vector<double> times;
        std::size_t total = 0;
        for (int run = 0; run < kRuns; ++run) {
            vigie::searcher::SearchRequest req;
            req.query = q;
            req.limit = limit;
            auto t = Clock::now();
            auto r = opened->search(req);
            times.push_back(ms_since(t));
            if (!r) {
                std::fprintf(stderr, "%s\n", r.error().message.c_str());
                return 1;
            }
            total = r->total;
        }
        Timing tm = summarise(times);
        std::printf("%-24s total %7zu  best %7.1f ms  median %7.1f ms\n", ("\"" + q + "\"").c_str(), total, tm.best,
                    tm.median);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::strcmp(argv[1], "facets") == 0) return facets(argv[2], argc > 3 ? argv[3] : "");
    if (argc >= 4 && std::strcmp(argv[1], "latency") == 0)
        return latency(argv[2], std::vector<std::string>(argv + 3, argv + argc), 10);
    if (argc >= 4 && std::strcmp(argv[1], "latency0") == 0)
        return latency(argv[2], std::vector<std::string>(argv + 3, argv + argc), 0);
    std::fprintf(stderr, "usage: shard_bench facets DIR [STEM] | shard_bench latency|latency0 DIR QUERY...\n");
    return 2;
}
