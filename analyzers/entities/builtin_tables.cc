// The gazetteer and the actor catalogue shipped with Vigie, compiled at build
// time by analyzers/data/compile_entities.cc from places.tsv and actors.tsv
// and linked into the binary (docs/entity-tables.md). Each is read in place
// the first time a command needs it: nothing is parsed or analysed at start.
#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"

extern "C" const char vigie_places_bin[];
extern "C" const char vigie_places_bin_end[];
extern "C" const char vigie_actors_bin[];
extern "C" const char vigie_actors_bin_end[];

namespace vigie::entities {

const Gazetteer& Gazetteer::builtin() {
    static const Gazetteer g(
        Gazetteer::Compiled{},
        std::string_view(vigie_places_bin, static_cast<std::size_t>(vigie_places_bin_end - vigie_places_bin)));
    return g;
}

const ActorCatalogue& ActorCatalogue::builtin() {
    static const ActorCatalogue c(
        ActorCatalogue::Compiled{},
        std::string_view(vigie_actors_bin, static_cast<std::size_t>(vigie_actors_bin_end - vigie_actors_bin)));
    return c;
}

}  // namespace vigie::entities
