// EntityExtractor: actors, places and mentioned dates of one report, from
// its analysed text. The public entry point of analyzers/entities/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/date_mentions.h"
#include "analyzers/entities/gazetteer.h"
#include "analyzers/french_analyzer.h"

namespace vigie::entities {

struct ActorFound {
    std::string id, label, type;  // type "person" for persons found by title
    std::size_t count;            // mentions
};

struct ReportEntities {
    std::vector<ActorFound> actors;
    std::vector<PlaceMention> places;  // named places (count > 0) and their parents (count 0)
    std::vector<DateMention> mentioned;
};

// Uses the built-in catalogue and gazetteer. Thread-safe.
ReportEntities extract_entities(const analysis::Analysis& analysis, std::string_view report_date);

}  // namespace vigie::entities
