#include "analyzers/entities/actor_catalogue.h"

#include <map>

#include "analyzers/entities/tsv.h"

extern "C" const char vigie_actors_tsv[];
extern "C" const char vigie_actors_tsv_end[];

namespace vigie::entities {

ActorCatalogue::ActorCatalogue(std::string_view tsv) {
    TsvTable table(tsv);
    analysis::FrenchAnalyzer analyzer;
    for (std::size_t r = 0; r < table.size(); ++r) {
        Actor a{std::string(table.get(r, "id")), std::string(table.get(r, "label")),
                std::string(table.get(r, "type")), std::string(table.get(r, "affiliation"))};
        if (a.id.empty() || by_id_.count(a.id)) continue;
        auto index = static_cast<std::uint32_t>(actors_.size());
        by_id_[a.id] = index;
        // The label minus a trailing "(ACRONYM)" is a name too.
        std::string label = a.label;
        if (auto paren = label.find(" ("); paren != std::string::npos) {
            matcher_.add(analyzer, label.substr(0, paren), index, 0);
            std::string inner = label.substr(paren + 2);
            if (!inner.empty() && inner.back() == ')') inner.pop_back();
            matcher_.add(analyzer, inner, index, 0);
        } else {
            matcher_.add(analyzer, label, index, 0);
        }
        for (const std::string& alias : split(table.get(r, "aliases"), '|')) {
            bool ambiguous = alias[0] == '?';
            matcher_.add(analyzer, ambiguous ? std::string_view(alias).substr(1) : std::string_view(alias), index,
                         ambiguous ? kAmbiguous : 0);
        }
        actors_.push_back(std::move(a));
    }
}

const ActorCatalogue& ActorCatalogue::builtin() {
    static const ActorCatalogue catalogue(
        std::string_view(vigie_actors_tsv, static_cast<std::size_t>(vigie_actors_tsv_end - vigie_actors_tsv)));
    return catalogue;
}

const Actor* ActorCatalogue::find(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    return it == by_id_.end() ? nullptr : &actors_[it->second];
}

std::vector<ActorMention> ActorCatalogue::recognise(const std::vector<TokenKeys>& tokens,
                                                    std::vector<bool>* covered) const {
    std::map<std::uint32_t, std::size_t> sure, maybe;
    for (const Match& m : matcher_.find(tokens)) {
        // A name shared by several actors with no ambiguity mark is kept for
        // each; marked ones wait for evidence.
        (m.flags & kAmbiguous ? maybe : sure)[m.entity]++;
        if (covered && !(m.flags & kAmbiguous))
            for (std::size_t i = m.first; i <= m.last; ++i) (*covered)[i] = true;
    }
    std::vector<ActorMention> out;
    for (const auto& [entity, n] : sure) {
        auto extra = maybe.find(entity);
        out.push_back({actors_[entity].id, n + (extra == maybe.end() ? 0 : extra->second)});
    }
    return out;
}

std::vector<std::string> ActorCatalogue::aliases_in(const std::vector<TokenKeys>& tokens) const {
    std::vector<std::string> out;
    for (const Match& m : matcher_.find(tokens))
        if (!(m.flags & kAmbiguous) && m.first == 0 && m.last + 1 == tokens.size())
            out.push_back(actors_[m.entity].id);
    return out;
}

}  // namespace vigie::entities
