// One page of a facet's values, kept by a text typed in the page's filter
// box (docs/CONTRACT.md, /api/facets): the page asks for a few values at a
// time instead of the whole list (1.8 MB of actors at 36k).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "searcher/searcher.h"

namespace vigie::searcher {

// `text` case- and accent-folded (« Barkhane » = « barkhané »), spaces and
// dashes alike and runs of them as one: what a typed filter and a value's
// names are compared as.
std::string fold_for_match(std::string_view text);

// Whether a value of facet `field` ("actor", "place", "date", "year") holds
// `folded` (fold_for_match) in its label, its id or one of its other names:
// an actor's catalogue aliases (actors.tsv, '?' ones left out), a place's
// gazetteer names. An empty `folded` keeps every value.
bool facet_value_matches(const std::string& field, const FacetValue& value, const std::string& folded);

struct FacetPage {
    std::vector<FacetValue> values;  // at most `limit`, from `offset`, in the facet's order
    std::size_t matched = 0;         // the values that match, before paging
};

// The values of `all` (a facet, most frequent first) matching `text` and,
// when `type` is not empty, of that type ("person", "armed_group",
// "region"...), from `offset`, at most `limit` (0: all of them). Counts are
// kept as they are.
FacetPage facet_page(const std::string& field, const std::vector<FacetValue>& all, std::string_view text,
                     const std::string& type, std::size_t offset, std::size_t limit);

}  // namespace vigie::searcher
