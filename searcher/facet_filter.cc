#include "searcher/facet_filter.h"

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"

namespace vigie::searcher {

std::string fold_for_match(std::string_view text) {
    std::string folded = analysis::fold_accents(analysis::fold_case(text));
    std::string out;
    bool gap = false;
    for (char c : folded) {
        // Spaces, dashes, apostrophes and dots separate words alike: « Ag Ghaly »,
        // « Ag-Ghaly », « d'Ansar », « d’Ansar » (’ is three bytes, none ASCII).
        bool separator = c == ' ' || c == '-' || c == '\'' || c == '.' || c == '\t' || c == '_';
        if (separator) {
            gap = !out.empty();
            continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += c;
    }
    return out;
}

namespace {

bool holds(std::string_view name, const std::string& folded) {
    return fold_for_match(name).find(folded) != std::string::npos;
}

}  // namespace

bool facet_value_matches(const std::string& field, const FacetValue& value, const std::string& folded) {
    if (folded.empty()) return true;
    if (holds(value.label, folded) || holds(value.id, folded)) return true;
    if (field == "actor") {
        if (const entities::Actor* a = entities::ActorCatalogue::builtin().find(value.id))
            for (const std::string& alias : a->aliases)
                if (holds(alias, folded)) return true;
    } else if (field == "place") {
        if (const entities::Place* p = entities::Gazetteer::builtin().find(value.id))
            for (const std::string& name : p->names)
                if (holds(name, folded)) return true;
    }
    return false;
}

FacetPage facet_page(const std::string& field, const std::vector<FacetValue>& all, std::string_view text,
                     const std::string& type, std::size_t offset, std::size_t limit) {
    FacetPage page;
    std::string folded = fold_for_match(text);
    for (const FacetValue& v : all) {
        if (!type.empty() && v.type != type) continue;
        if (!facet_value_matches(field, v, folded)) continue;
        if (page.matched >= offset && (limit == 0 || page.values.size() < limit)) page.values.push_back(v);
        ++page.matched;
    }
    return page;
}

}  // namespace vigie::searcher
