// Gazetteer: the places of analyzers/data/places.tsv (see PLACES.md, built
// from GeoNames and OCHA data) and their recognition in analysed text.
#pragma once

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/entities/phrase_matcher.h"

namespace vigie::entities {

struct Place {
    std::string id;
    std::string name;   // as reports write it: "Hombori"
    std::string label;  // for display: the name, with type and parent when
                        // another place bears it: "Hombori (commune, Douentza)"
    std::string type, parent;
    std::vector<std::string> names;  // the name and its aliases, as written in places.tsv
    double lat = 0, lon = 0;
    bool has_position = false;
    bool common = false;   // also a common word or a personal name
    bool homonym = false;  // another place bears the same name
    std::vector<std::string> covers;  // areas: the countries/regions they span
};

struct PlaceMention {
    std::string id;
    std::size_t count;
};

// Held in its compiled form (docs/entity-tables.md): sorted tables read in
// place; a Place is decoded the first time it is asked for.
class Gazetteer {
public:
    // Parses a gazetteer in the places.tsv format and compiles it.
    explicit Gazetteer(std::string_view tsv);
    // Reads a compiled gazetteer (compiled()'s bytes), which must stay alive;
    // bytes that are not one give an empty gazetteer.
    struct Compiled {};
    Gazetteer(Compiled, std::string_view compiled);
    ~Gazetteer();
    Gazetteer(const Gazetteer&) = delete;
    Gazetteer& operator=(const Gazetteer&) = delete;
    // The gazetteer shipped with Vigie: analyzers/data/places.tsv compiled at
    // build time (analyzers/data/compile_entities.cc), read on first use.
    static const Gazetteer& builtin();

    const Place* find(std::string_view id) const;
    std::size_t size() const { return n_; }
    // The compiled form.
    std::string_view compiled() const { return blob_; }

    // `id` and its parents up to the country, nearest first.
    std::vector<std::string> lineage(std::string_view id) const;

    // Places named in the text. `covered[i]` true: token i is part of another
    // name (an actor, a person) and cannot start or continue a place.
    //
    // What each place needs is said in evidence.h; in short:
    //  - the first word capitalised (areas excepted), not glued to a longer
    //    name ("France 2", "Air Canada", "Gao Feng"), not an acronym in
    //    capitals ("GAO"), unless a place word announces it;
    //  - a place word before the name ("région de", "village de") rules out
    //    the homonyms of another type;
    //  - a place flagged `common` (a word, a first name, a surname) needs a
    //    place word before it, or "à" in a report about its country;
    //  - a region needs its country in the report; a cercle, province,
    //    département, commune, town or village needs a region, cercle or
    //    commune above it named in the report, or its country to be the one
    //    the report speaks of most;
    //  - among homonyms, the one under the most places the report names
    //    wins; a tie between homonyms tags none.
    // Parents are added above the places that passed. When the text says "X,
    // dans la région de Y" and no X lies in Y, X keeps its own entry but its
    // parents are taken to be Y's: the report's geography wins.
    std::vector<PlaceMention> recognise(const analysis::Analysis& analysis, const std::vector<TokenKeys>& keys,
                                        const std::vector<bool>& covered) const;

    // Ids of the places whose label or alias is exactly `keys` ("Ségou",
    // "Mourra"): for place: queries typed as names.
    std::vector<std::string> named(const std::vector<TokenKeys>& keys) const;

private:
    static constexpr std::uint32_t kByAlias = 1;  // matcher flag: the name is an alias
    int rank(const Place& p) const;
    void load(std::string_view compiled);
    const Place& place(std::uint32_t i) const;  // decoded on first use, thread-safe
    std::string_view text(const unsigned char* ref) const;

    std::string owned_;  // the compiled form, when parsed from TSV
    std::string_view blob_;
    std::uint32_t n_ = 0;
    const unsigned char *records_ = nullptr, *by_id_ = nullptr, *refs_ = nullptr;
    std::string_view strings_;
    PhraseMatcher matcher_;
    // One slot per place, null until decoded. calloc'ed: the pages of a
    // large block come zeroed from the kernel, so the 400 KB of slots cost
    // nothing until used (a memset would touch a hundred pages at start).
    struct Free {
        void operator()(std::atomic<const Place*>* p) const { std::free(p); }
    };
    std::unique_ptr<std::atomic<const Place*>, Free> decoded_;
};

}  // namespace vigie::entities
