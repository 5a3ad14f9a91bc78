// entity_quality: prints how well Vigie recognises entities. See bench/README.md.
//   entity_quality gold GOLD.jsonl ARTICLES.jsonl
//   entity_quality false-places CORPUS.jsonl[.gz] SAHEL.jsonl [--db INDEX] [LIMIT]
//   entity_quality persons FILE.conllu...
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "bench/entity_quality.h"

using namespace vigie::bench;

namespace {

void print(const char* what, const PrecisionRecall& pr, bool details) {
    std::printf("%-8s precision %.3f (%zu/%zu)  recall %.3f (%zu/%zu)\n", what, pr.precision(), pr.true_pos,
                pr.predicted, pr.recall(), pr.true_pos, pr.expected);
    if (!details) return;
    for (const auto& m : pr.false_alarms) std::printf("    false alarm  %s\n", m.c_str());
    for (const auto& m : pr.misses) std::printf("    missed       %s\n", m.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool details = false;
    if (!args.empty() && args[0] == "-v") {
        details = true;
        args.erase(args.begin());
    }
    if (args.size() >= 3 && args[0] == "gold") {
        auto s = score_gold(args[1], args[2]);
        if (!s) return std::cerr << s.error().message << "\n", 1;
        std::printf("%zu hand-annotated articles\n", s->documents);
        print("actors", s->actors, details);
        print("places", s->places, details);
        return 0;
    }
    if (args.size() >= 3 && args[0] == "false-places") {
        std::string index;
        for (std::size_t i = 3; i + 1 < args.size(); ++i)
            if (args[i] == "--db") index = args[i + 1], args.erase(args.begin() + long(i), args.begin() + long(i) + 2);
        auto f = count_false_places(args[1], args[2], args.size() > 3 ? std::stoul(args[3]) : 0, index);
        if (!f) return std::cerr << f.error().message << "\n", 1;
        std::printf("%zu articles, %zu false places (%zu homonyms of Sahel places on reports about elsewhere, "
                    "%zu inside names, media or acronyms): %.2f per 1,000 articles\n",
                    f->articles, f->false_places, f->homonyms, f->in_names, f->per_thousand());
        for (const auto& [id, n] : f->by_place) std::printf("    %-30s %zu\n", id.c_str(), n);
        return 0;
    }
    if (args.size() >= 2 && args[0] == "persons") {
        auto p = score_persons({args.begin() + 1, args.end()});
        if (!p) return std::cerr << p.error().message << "\n", 1;
        print("persons", *p, details);
        return 0;
    }
    std::cerr << "usage: entity_quality [-v] gold GOLD.jsonl ARTICLES.jsonl | false-places CORPUS SAHEL.jsonl [--db INDEX] [LIMIT]"
                 " | persons FILE.conllu...\n";
    return 2;
}
