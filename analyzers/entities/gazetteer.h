// Gazetteer: the places of analyzers/data/places.tsv (see PLACES.md, built
// from GeoNames and OCHA data) and their recognition in analysed text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/entities/phrase_matcher.h"

namespace vigie::entities {

struct Place {
    std::string id, label, type, parent;
    double lat = 0, lon = 0;
    bool has_position = false;
    bool common = false;   // also a common word or a personal name
    std::vector<std::string> covers;  // areas: the countries/regions they span
};

struct PlaceMention {
    std::string id;
    std::size_t count;
};

class Gazetteer {
public:
    explicit Gazetteer(std::string_view tsv);
    static const Gazetteer& builtin();

    const Place* find(std::string_view id) const;
    std::size_t size() const { return places_.size(); }

    // `id` and its parents up to the country, nearest first.
    std::vector<std::string> lineage(std::string_view id) const;

    // Places named in the text. `covered[i]` true: token i is part of another
    // name (an actor, a person) and cannot start or continue a place.
    //
    // Guards against false places, in order:
    //  - a place below region level counts only in a report that names a
    //    Sahel country (Mali, Burkina Faso, Niger), one of their regions or a
    //    Sahel area: a village called like a word elsewhere stays silent;
    //  - the first word must be capitalised (areas excepted);
    //  - a place flagged `common` (a French word, a first name, a common
    //    surname) needs a place word just before it: "région de", "cercle
    //    de", "commune de", "village de", "localité de", "à".
    // Disambiguation between homonyms: a place word before the name picks
    // the type; then the homonym under a region or cercle the report names;
    // then the higher administrative level. When the text says "X, dans la
    // région de Y" and no X lies in Y, X keeps its own entry but its parents
    // are taken to be Y's: the report's geography wins.
    std::vector<PlaceMention> recognise(const std::vector<analysis::AnalyzedToken>& tokens,
                                        const std::vector<TokenKeys>& keys,
                                        const std::vector<bool>& covered) const;

    // Ids of the places whose label or alias is exactly `keys` ("Ségou",
    // "Mourra"): for place: queries typed as names.
    std::vector<std::string> named(const std::vector<TokenKeys>& keys) const;

private:
    int rank(const Place& p) const;
    std::vector<Place> places_;
    std::unordered_map<std::string, std::size_t> by_id_;
    PhraseMatcher matcher_;
};

}  // namespace vigie::entities
