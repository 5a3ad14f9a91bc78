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
    // The other names of actors.tsv's aliases column, as written; those
    // marked '?' (they count only with evidence) are left out.
    std::vector<std::string> aliases;
};

struct ActorMention {
    std::string id;
    std::size_t count;  // mentions in the text
};

class ActorCatalogue {
public:
    // Parses a catalogue in the actors.tsv format and compiles it.
    explicit ActorCatalogue(std::string_view tsv);
    // Reads a compiled catalogue (compiled()'s bytes, docs/entity-tables.md),
    // which must stay alive; bytes that are not one give an empty catalogue.
    struct Compiled {};
    ActorCatalogue(Compiled, std::string_view compiled);
    ActorCatalogue(const ActorCatalogue&) = delete;
    ActorCatalogue& operator=(const ActorCatalogue&) = delete;
    // The catalogue shipped with Vigie: analyzers/data/actors.tsv compiled at
    // build time (analyzers/data/compile_entities.cc), read on first use.
    static const ActorCatalogue& builtin();
    // The compiled form.
    std::string_view compiled() const { return blob_; }

    const Actor* find(std::string_view id) const;
    const std::vector<Actor>& actors() const { return actors_; }

    // Actors named in `tokens`. An alias marked '?' in the data ("l'armée",
    // "la junte", a bare surname, "Wagner", which composers and actors bear
    // too) counts only with evidence in the same text: an unambiguous alias of
    // that actor, or one of the actor's `evidence` entries (all the words of
    // an entry: "mercenaires", "Russie+Centrafrique"). Precision first.
    // With `analysis`, a one-word alias right after a first name that is not
    // the actor's own ("Richard Wagner", "Brigitte Macron") is another
    // person's name and does not count. `covered[i]` set: token i belongs to
    // an actor (may be null).
    std::vector<ActorMention> recognise(const std::vector<TokenKeys>& tokens, std::vector<bool>* covered = nullptr,
                                        const analysis::Analysis* analysis = nullptr) const;

    // The ids whose unambiguous aliases match exactly the whole of `tokens`
    // (a query such as "forces armées maliennes" or "FAMa").
    std::vector<std::string> aliases_in(const std::vector<TokenKeys>& tokens) const;

    std::vector<Match> matches(const std::vector<TokenKeys>& tokens) const { return matcher_.find(tokens); }

    static constexpr std::uint32_t kAmbiguous = 1;
    // A one-word name written with two capitals or more ("FAMa", "MINUSMA"):
    // an acronym. Where the text writes it without them ("Fama") it counts
    // only with evidence, like a '?' alias: the dance show "Fama revolution"
    // is not the Malian army.
    static constexpr std::uint32_t kAcronym = 2;

private:
    void load(std::string_view compiled);
    bool confirmed(std::uint32_t entity, const std::vector<bool>& evidence_found) const;

    std::vector<Actor> actors_;
    std::vector<std::vector<std::vector<std::uint32_t>>> evidence_;  // per actor: entries of phrase ids
    std::vector<std::string> label_words_;  // per actor: its label's folded words, ' '-joined
    PhraseMatcher evidence_matcher_;
    std::uint32_t evidence_phrases_ = 0;
    std::unordered_map<std::string, std::size_t> by_id_;
    PhraseMatcher matcher_;
    std::string owned_;  // the compiled form, when parsed from TSV
    std::string_view blob_;
};

}  // namespace vigie::entities
