#include "analyzers/entity_extractor.h"

#include "analyzers/entities/person_finder.h"

namespace vigie::entities {

ReportEntities extract_entities(const analysis::Analysis& analysis, std::string_view report_date) {
    const auto& tokens = analysis.tokens;
    std::vector<TokenKeys> keys = token_keys(tokens);
    std::vector<bool> covered(tokens.size(), false);
    ReportEntities out;

    const ActorCatalogue& catalogue = ActorCatalogue::builtin();
    for (const ActorMention& m : catalogue.recognise(keys, &covered, &analysis)) {
        const Actor* a = catalogue.find(m.id);
        out.actors.push_back({a->id, a->label, a->type, m.count});
    }
    for (const Person& p : find_persons(analysis.text, tokens, keys, covered)) {
        if (catalogue.find(p.id)) continue;
        out.actors.push_back({p.id, p.label, "person", p.count});
        for (std::size_t i = p.first; i <= p.last; ++i) covered[i] = true;
    }
    out.places = Gazetteer::builtin().recognise(analysis, keys, covered);
    out.mentioned = find_dates(analysis.text, report_date);
    return out;
}

}  // namespace vigie::entities
