// An entity's page (issue 13): what the index says about one actor or place.
// Its label, type, other names and (places) the places it lies in; how many
// reports name it per month; the actors and places most often named with it,
// with exact counts (Xapian match spies over the reports naming it, as the
// facets of a search filtered on it); its latest reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/expected.h"
#include "searcher/searcher.h"

namespace vigie::searcher {

struct EntityRequest {
    std::string type;  // "actor" or "place"
    std::string id;    // a facet id: "fama", "mopti", a person's slug
    unsigned related = 15;  // co-occurring actors, and places, to list
    unsigned latest = 10;   // latest reports to list
    std::optional<Clock::time_point> deadline;
};

// One of the latest reports: enough to list it and open it.
struct EntityReport {
    std::string id, title;  // title HTML-escaped
    std::optional<std::string> date;
    std::string outlet, url;  // empty when unknown
};

struct EntityPage {
    std::string type, id, label;
    std::string kind;                  // its own type: "armed_group", "region", "person"…
    std::vector<std::string> aliases;  // other names (actors: unambiguous aliases; places: the gazetteer's)
    std::vector<FacetValue> parents;   // places: nearest first, up to the country; count = reports naming each
    std::optional<FacetValue> affiliation;  // actors: the actor it belongs to (Barkhane: armée française)
    std::size_t total = 0;             // reports naming it (a place: itself or a place inside it)
    // Reports per month, oldest first ("2020-01"); a report dated by its year
    // only counts under the year ("2020"). Months without reports are absent.
    std::vector<FacetValue> months;
    std::size_t undated = 0;           // reports naming it without a publication date
    // Named in the same reports, most often first: the entity itself and
    // (places) its parents left out; count = reports naming both.
    std::vector<FacetValue> actors, places;
    std::vector<EntityReport> latest;  // newest first
};

// nullopt: no such entity (neither the catalogue, the gazetteer nor the
// index knows the id). An unknown `type` is an invalid argument.
Expected<std::optional<EntityPage>> entity_page(Searcher& searcher, const EntityRequest& request);

// The page as JSON (docs/CONTRACT.md, /api/entity and vigie entity --json).
std::string to_json(const EntityPage& page);

// For people: `vigie entity` without --json.
std::string to_text(const EntityPage& page);

}  // namespace vigie::searcher
