// Build tool: compiles the gazetteer (places.tsv) and the actor catalogue
// (actors.tsv) into the tables Vigie links and reads in place
// (docs/entity-tables.md), so no command parses or analyses them at start.
//
//   vigie_compile_entities places.tsv actors.tsv places.bin actors.bin
//
// The names are analysed by the same FrenchAnalyzer, with the same lexicon,
// as at run time: the tables hold the keys a report's words are matched on.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"

namespace {

bool read(const char* path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return static_cast<bool>(in);
}

bool write(const char* path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out.flush());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: " << argv[0] << " places.tsv actors.tsv places.bin actors.bin\n";
        return 64;
    }
    std::string places_tsv, actors_tsv;
    if (!read(argv[1], places_tsv) || !read(argv[2], actors_tsv)) {
        std::cerr << argv[0] << ": cannot read " << argv[1] << " or " << argv[2] << "\n";
        return 66;
    }
    vigie::entities::Gazetteer places(places_tsv);
    vigie::entities::ActorCatalogue actors(actors_tsv);
    if (places.size() == 0 || actors.actors().empty() || places.compiled().empty() || actors.compiled().empty()) {
        std::cerr << argv[0] << ": no places or no actors compiled\n";
        return 65;
    }
    if (!write(argv[3], places.compiled()) || !write(argv[4], actors.compiled())) {
        std::cerr << argv[0] << ": cannot write " << argv[3] << " or " << argv[4] << "\n";
        return 74;
    }
    std::cout << "compiled " << places.size() << " places (" << places.compiled().size() << " bytes), "
              << actors.actors().size() << " actors (" << actors.compiled().size() << " bytes)\n";
    return 0;
}
