// ActorCatalogue: the actors of analyzers/data/actors.tsv (see ACTORS.md)
// and their recognition in analysed text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/entities/phrase_matcher.h"

namespace vigie::entities {

struct Actor {
    std::string id, label, type, affiliation;
};

struct ActorMention {
    std::string id;
    std::size_t count;  // mentions in the text
};

class ActorCatalogue {
public:
    // Parses a catalogue in the actors.tsv format.
    explicit ActorCatalogue(std::string_view tsv);
    // The catalogue shipped with Vigie (embedded at build time).
    static const ActorCatalogue& builtin();

    const Actor* find(std::string_view id) const;
    const std::vector<Actor>& actors() const { return actors_; }

    // Actors named in `tokens`. An alias marked '?' in the data ("l'armée",
    // "la junte", a bare common surname) counts only when the same text also
    // names that actor by an unambiguous alias: then it is taken to be a later
    // mention of it (precision first). `skip[i]` true: token i belongs to
    // another name and is not looked at (may be empty).
    std::vector<ActorMention> recognise(const std::vector<TokenKeys>& tokens,
                                        std::vector<bool>* covered = nullptr) const;

    // The ids whose unambiguous aliases match exactly the whole of `tokens`
    // (a query such as "forces armées maliennes" or "FAMa").
    std::vector<std::string> aliases_in(const std::vector<TokenKeys>& tokens) const;

    std::vector<Match> matches(const std::vector<TokenKeys>& tokens) const { return matcher_.find(tokens); }

    static constexpr std::uint32_t kAmbiguous = 1;

private:
    std::vector<Actor> actors_;
    std::unordered_map<std::string, std::size_t> by_id_;
    PhraseMatcher matcher_;
};

}  // namespace vigie::entities
